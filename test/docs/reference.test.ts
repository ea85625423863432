import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateReference } from '../../scripts/gen-reference.ts';
import { KINDS } from '../../src/manifest/kinds.ts';

const repoRoot = join(import.meta.dirname, '../..');

describe('docs/REFERENCE.md', () => {
  const generated = generateReference();

  it('is what `npm run gen:reference` generates from schemas/ today', () => {
    const onDisk = readFileSync(join(repoRoot, 'docs/REFERENCE.md'), 'utf8');
    expect(generated).toBe(onDisk);
  });

  it('has a section per kind with a field table', () => {
    for (const kind of KINDS) {
      const start = generated.indexOf(`\n## ${kind}\n`);
      expect(start, kind).toBeGreaterThan(0);
      expect(
        generated.indexOf('| path | type | required | default | constraints | description |', start),
      ).toBeGreaterThan(start);
    }
  });

  it('lists nested fields as dotted paths, lists with [], and constraints from the schema', () => {
    expect(generated).toContain('| `containerDefinitions[].image` | string | yes |');
    expect(generated).toMatch(
      /\| `deletionPolicy` \| string \| {2}\| `Delete` \| one of `Delete`, `Retain` \|/,
    );
    expect(generated).toContain(
      '`properties.dnsProperties.sOA.tTL` | integer | yes |  | >= 0; <= 2147483647 |',
    );
  });

  it('says which of a reference and its literal is required, and that they exclude each other', () => {
    expect(generated).toMatch(/\| `listenerRef` \| string \| one of `listenerRef`, `listenerArn` \|/);
    expect(generated).toContain('- `clusterRef` excludes `cluster`');
  });

  it('stops at the depth limit for the task definition (container definition members, not theirs)', () => {
    expect(generated).toContain('`containerDefinitions[].portMappings` | object[]');
    expect(generated).not.toContain('`containerDefinitions[].portMappings[].containerPort`');
  });

  it('keeps every table row on one line with six cells', () => {
    const rows = generated.split('\n').filter((line) => line.startsWith('| `'));
    expect(rows.length).toBeGreaterThan(100);
    for (const row of rows) {
      const cells = row.replaceAll('\\|', '').split('|');
      expect(cells.length, row).toBe(8);
    }
  });
});
