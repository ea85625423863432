import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FolderSource } from '../../src/source/folder-source.ts';
import { RevisionTracker } from '../../src/source/revision-tracker.ts';
import { badClusterYaml, clusterYaml, identities } from './manifests.ts';

let root: string;
let trees = 0;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'shipshape-overlay-folder-'));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** A fresh folder holding `files`; returns its path. */
async function treeWith(files: Record<string, string>): Promise<string> {
  const dir = join(root, `t${++trees}`);
  for (const [path, content] of Object.entries(files)) {
    await mkdir(join(dir, path, '..'), { recursive: true });
    await writeFile(join(dir, path), content);
  }
  return dir;
}

const OVERLAY = 'base: ../base\nnamespace: dev\nnamePrefix: dev-\n';

describe('FolderSource on an overlay folder', () => {
  it('yields the rendering, named after the files the documents came from', async () => {
    const dir = await treeWith({ 'base/a.yaml': clusterYaml('a'), 'dev/overlay.yaml': OVERLAY });
    const tracker = new RevisionTracker(new FolderSource({ dir: join(dir, 'dev'), fsWatch: false }));
    expect((await tracker.sync()).kind).toBe('accepted');
    expect(identities(tracker.current()?.revision.documents ?? [])).toEqual(['Cluster/dev/dev-a']);
    expect(tracker.current()?.revision.documents[0]?.source).toEqual({
      file: '../base/a.yaml',
      line: 1,
      column: 1,
    });
  });

  it('a change in the base alone is a new snapshot and a new revision', async () => {
    const dir = await treeWith({ 'base/a.yaml': clusterYaml('a'), 'dev/overlay.yaml': OVERLAY });
    const tracker = new RevisionTracker(new FolderSource({ dir: join(dir, 'dev'), fsWatch: false }));
    await tracker.sync();
    const before = tracker.current();
    await writeFile(join(dir, 'base', 'b.yaml'), clusterYaml('b'));
    expect((await tracker.sync()).kind).toBe('accepted');
    expect(tracker.current()?.digest).not.toBe(before?.digest);
    expect(identities(tracker.current()?.revision.documents ?? [])).toEqual([
      'Cluster/dev/dev-a',
      'Cluster/dev/dev-b',
    ]);
  });

  it('rejects a revision with an error in a base file at that file:line:col, the last good one in force', async () => {
    const dir = await treeWith({ 'base/a.yaml': clusterYaml('a'), 'dev/overlay.yaml': OVERLAY });
    const tracker = new RevisionTracker(new FolderSource({ dir: join(dir, 'dev'), fsWatch: false }));
    await tracker.sync();
    const good = tracker.current();
    await writeFile(join(dir, 'base', 'a.yaml'), badClusterYaml('a'));
    expect((await tracker.sync()).kind).toBe('rejected');
    expect(tracker.lastRejected()?.errors).toEqual([
      expect.objectContaining({
        file: '../base/a.yaml',
        line: 6,
        column: 16,
        code: 'SS111',
        path: 'spec.clusterName',
      }),
    ]);
    expect(tracker.current()).toBe(good);
  });

  it('rejects a patch whose target is missing, at the overlay line', async () => {
    const overlay = `${OVERLAY}patches:\n  - target: {kind: Cluster, name: b}\n    patch: {spec: {}}\n`;
    const dir = await treeWith({ 'base/a.yaml': clusterYaml('a'), 'dev/overlay.yaml': overlay });
    const tracker = new RevisionTracker(new FolderSource({ dir: join(dir, 'dev'), fsWatch: false }));
    expect((await tracker.sync()).kind).toBe('rejected');
    expect(tracker.lastRejected()?.errors).toEqual([
      expect.objectContaining({
        file: 'overlay.yaml',
        line: 5,
        column: 5,
        message:
          'patch target Cluster/b matches no manifest of the base or this overlay (its Cluster manifests: default/a)',
      }),
    ]);
  });
});
