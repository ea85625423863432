import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { errorCatalogue } from '../../src/errors.ts';
import { readFolder } from '../../src/manifest/read-folder.ts';
import { loadRevision } from '../../src/manifest/revision.ts';
import { INVALID_FIXTURES } from '../support/invalid-fixtures.ts';

const INVALID = fileURLToPath(new URL('../fixtures/invalid/', import.meta.url));

const TABLE = INVALID_FIXTURES;

async function errorsOf(folder: string) {
  const { inputs, problems } = await readFolder(`${INVALID}${folder}`);
  const result = loadRevision(inputs, { readProblems: problems });
  if (result.ok) throw new Error(`${folder} was accepted as valid`);
  return result.errors;
}

describe('invalid manifest corpus', () => {
  it.each(TABLE)('$folder: $code at $file:$line:$column $path', async (expected) => {
    const errors = await errorsOf(expected.folder);
    const first = errors[0];
    expect(first).toMatchObject({
      code: expected.code,
      severity: 'error',
      file: expected.file,
      line: expected.line,
      column: expected.column,
    });
    expect(first?.path).toBe(expected.path);
    expect(errors.map((e) => e.code)).toEqual(Array(expected.count).fill(expected.code));
  });

  it('has a table row for every fixture folder, and at least 40 of them', () => {
    const folders = readdirSync(INVALID).sort();
    expect(TABLE.map((row) => row.folder)).toEqual(folders);
    expect(folders.length).toBeGreaterThanOrEqual(40);
  });

  it('covers every manifest error code that a file can produce', () => {
    // Unreadable source; a revision that could not be checked; the two warnings; the limits (test/source/limits.test.ts).
    const producedElsewhere = new Set(['SS100', 'SS107', 'SS150', 'SS151', 'SS160', 'SS161', 'SS162']);
    const manifestCodes = Object.values(errorCatalogue)
      .map((entry) => entry.code)
      .filter((code) => /^SS1\d\d$/.test(code) && !producedElsewhere.has(code));
    const covered = new Set(TABLE.map((row) => row.code));
    expect(manifestCodes.filter((code) => !covered.has(code))).toEqual([]);
  });

  it('names the other copy of a duplicate identity in both places', async () => {
    const errors = await errorsOf('32-duplicate-identity-across-files');
    expect(errors.map((e) => [e.file, e.line, e.message])).toEqual([
      [
        'a-cluster.yaml',
        4,
        'Cluster/default/main is defined more than once (also at b-cluster-again.yaml:2)',
      ],
      [
        'b-cluster-again.yaml',
        5,
        'Cluster/default/main is defined more than once (also at a-cluster.yaml:1)',
      ],
    ]);
  });

  it('spells out the cycle', async () => {
    const [error] = await errorsOf('39-dependency-cycle');
    expect(error?.message).toBe(
      'dependency cycle: Cluster/default/main -> Service/default/app -> Cluster/default/main',
    );
  });

  it('says which kind a wrong-kind reference found', async () => {
    const [error] = await errorsOf('38-scalable-target-names-a-cluster');
    expect(error?.message).toBe('serviceRef must name a Service, but "default/main" is a Cluster');
    expect(error?.resource).toBe('ScalableTarget/default/app');
  });

  it('merges the branches of an action into one list of allowed types', async () => {
    const [error] = await errorsOf('53-listener-action-type-misspelled');
    expect(error?.message).toMatch(/^must be one of forward, .*redirect.*, not "foward"$/);
  });

  it('asks for either side of a reference-or-literal pair when neither is set', async () => {
    const [error] = await errorsOf('54-service-registry-without-target');
    expect(error?.message).toBe('missing required field "discoveryServiceRef" or "registryArn"');
  });
});
