import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readManifestFolder } from '../../src/manifest/read-folder.ts';
import { loadRevision } from '../../src/manifest/revision.ts';

const EXAMPLES = fileURLToPath(new URL('../../manifests/examples/', import.meta.url));
const workloads = existsSync(EXAMPLES)
  ? readdirSync(EXAMPLES, { withFileTypes: true }).filter((e) => e.isDirectory())
  : [];

describe('manifests/examples', () => {
  it('holds the five seed workloads', () => {
    expect(workloads.map((w) => w.name).sort()).toEqual([
      'bssmagic',
      'farsight',
      'finfocus',
      'runlayer',
      'runner',
    ]);
  });

  it.each(workloads.map((w) => w.name))('%s validates', async (name) => {
    const inputs = await readManifestFolder(`${EXAMPLES}${name}`);
    const result = loadRevision(inputs);
    const errors = result.ok
      ? []
      : result.errors.map((e) => `${e.file}:${e.line}:${e.column} ${e.path ?? ''} ${e.message}`);
    expect(errors).toEqual([]);
    if (result.ok) expect(result.revision.documents.length).toBeGreaterThan(0);
  });
});
