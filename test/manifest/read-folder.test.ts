import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readManifestFolder } from '../../src/manifest/read-folder.ts';

describe('readManifestFolder', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'shipshape-read-'));
    const files: Record<string, string> = {
      'b.yaml': 'b',
      'a.yml': 'a',
      'nested/deeper/c.YAML': 'c',
      'README.md': 'not a manifest',
      '.git/config.yaml': 'hidden',
      '.hidden.yaml': 'hidden',
      'node_modules/pkg/x.yaml': 'vendored',
      'nested/.cache/d.yaml': 'hidden',
    };
    for (const [path, content] of Object.entries(files)) {
      await mkdir(join(dir, path, '..'), { recursive: true });
      await writeFile(join(dir, path), content);
    }
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads *.yaml and *.yml recursively, sorted, skipping hidden entries and node_modules', async () => {
    expect(await readManifestFolder(dir)).toEqual([
      { file: 'a.yml', content: 'a' },
      { file: 'b.yaml', content: 'b' },
      { file: 'nested/deeper/c.YAML', content: 'c' },
    ]);
  });

  it('prefixes file names when asked, so messages point at the path the user gave', async () => {
    const files = await readManifestFolder(dir, 'manifests/');
    expect(files.map((f) => f.file)).toEqual([
      'manifests/a.yml',
      'manifests/b.yaml',
      'manifests/nested/deeper/c.YAML',
    ]);
  });
});
