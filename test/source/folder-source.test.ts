import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualScheduler } from '../../src/reconcile/manual-scheduler.ts';
import { FolderSource } from '../../src/source/folder-source.ts';
import { InMemoryRevisionHistory } from '../../src/source/revision-history.ts';
import { RevisionTracker, type SyncOutcome } from '../../src/source/revision-tracker.ts';
import { SourceReadError } from '../../src/source/source-error.ts';
import { clusterYaml, identities } from './manifests.ts';

let root: string;
let folders = 0;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'shipshape-folder-source-'));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

async function folderWith(files: Record<string, string>): Promise<string> {
  const dir = join(root, `f${++folders}`);
  await mkdir(dir, { recursive: true });
  for (const [path, content] of Object.entries(files)) {
    await mkdir(join(dir, path, '..'), { recursive: true });
    await writeFile(join(dir, path), content);
  }
  return dir;
}

describe('FolderSource', () => {
  it('reads the folder with paths relative to it, leaving hidden and _ files out', async () => {
    const dir = await folderWith({
      'a.yaml': clusterYaml('a'),
      'nested/b.yml': clusterYaml('b'),
      '_drafts/c.yaml': clusterYaml('c'),
      '.git/d.yaml': clusterYaml('d'),
      'notes.txt': 'not a manifest',
    });
    const source = new FolderSource({ dir, fsWatch: false });
    expect(source.describe()).toBe(pathToFileURL(dir).href);
    const snapshot = await source.snapshot();
    expect(snapshot.inputs.map((i) => i.file)).toEqual(['a.yaml', 'nested/b.yml']);
    expect(snapshot.empty).toBe(false);
  });

  it('picks up an edit on the next poll', async () => {
    const dir = await folderWith({ 'a.yaml': clusterYaml('a') });
    const scheduler = new ManualScheduler();
    const tracker = new RevisionTracker(
      new FolderSource({ dir, scheduler, fsWatch: false, pollIntervalMs: 1_000 }),
    );
    const announced: string[][] = [];
    tracker.onRevision((t) => announced.push(identities(t.revision.documents)));
    await tracker.start();
    await writeFile(join(dir, 'b.yaml'), clusterYaml('b'));
    await scheduler.advance(1_000);
    await tracker.sync();
    expect(announced).toEqual([['Cluster/default/a'], ['Cluster/default/a', 'Cluster/default/b']]);
    await tracker.stop();
  });

  it('picks up an edit through fs.watch without any poll', async () => {
    const dir = await folderWith({ 'a.yaml': clusterYaml('a') });
    const scheduler = new ManualScheduler();
    const tracker = new RevisionTracker(new FolderSource({ dir, scheduler }));
    const edited = new Promise<string[]>((resolve) => {
      tracker.onRevision((t) => {
        if (t.revision.documents.length === 2) resolve(identities(t.revision.documents));
      });
    });
    await tracker.start();
    await mkdir(join(dir, 'sub'));
    await writeFile(join(dir, 'sub', 'b.yaml'), clusterYaml('b'));
    // Waits for the watch (the test's own timeout is the deadline); the scheduler never moves.
    expect(await edited).toEqual(['Cluster/default/a', 'Cluster/default/b']);
    await tracker.stop();
  });

  it('flags an empty folder as empty', async () => {
    const dir = await folderWith({ 'README.md': '# nothing' });
    const snapshot = await new FolderSource({ dir, fsWatch: false }).snapshot();
    expect(snapshot).toMatchObject({ empty: true, inputs: [] });
  });

  it('flags a revision of files without any document as empty too', async () => {
    const dir = await folderWith({ 'placeholder.yaml': '# manifests go here\n' });
    const tracker = new RevisionTracker(new FolderSource({ dir, fsWatch: false }));
    expect((await tracker.sync()).kind).toBe('accepted');
    expect(tracker.current()?.empty).toBe(true);
  });

  it('fails with a SourceReadError when the folder is gone', async () => {
    const source = new FolderSource({ dir: join(root, 'missing'), fsWatch: false });
    await expect(source.snapshot()).rejects.toBeInstanceOf(SourceReadError);
  });
});

describe('RevisionTracker', () => {
  it('treats renamed files with the same documents as unchanged', async () => {
    const dir = await folderWith({ 'a.yaml': clusterYaml('a') });
    const tracker = new RevisionTracker(new FolderSource({ dir, fsWatch: false }));
    expect((await tracker.sync()).kind).toBe('accepted');
    const before = tracker.current();
    await rename(join(dir, 'a.yaml'), join(dir, 'renamed.yaml'));
    expect((await tracker.sync()).kind).toBe('unchanged');
    expect(tracker.current()?.revision.id).toBe(before?.revision.id);
    expect(tracker.current()?.digest).not.toBe(before?.digest);
  });

  it('runs looks asked for during a look once, after it', async () => {
    const dir = await folderWith({ 'a.yaml': clusterYaml('a') });
    const tracker = new RevisionTracker(new FolderSource({ dir, fsWatch: false }));
    let revisions = 0;
    tracker.onRevision(() => revisions++);
    const first = tracker.sync();
    const second = tracker.sync();
    const third = tracker.sync();
    expect(second).toBe(third);
    const outcomes: SyncOutcome[] = await Promise.all([first, second, third]);
    expect(outcomes.map((o) => o.kind)).toEqual(['accepted', 'unchanged', 'unchanged']);
    expect(revisions).toBe(1);
  });

  it('keeps the last good revision when the source cannot be read, and counts it', async () => {
    const dir = await folderWith({ 'a.yaml': clusterYaml('a') });
    const tracker = new RevisionTracker(new FolderSource({ dir, fsWatch: false }));
    await tracker.sync();
    const good = tracker.current();
    await rm(dir, { recursive: true });
    const outcome = await tracker.sync();
    expect(outcome.kind).toBe('read-error');
    expect(tracker.readErrors()).toMatchObject({ count: 1, last: expect.any(SourceReadError) });
    expect(tracker.current()).toBe(good);
  });

  it('records applied and held-back outcomes reported by the reconciler', async () => {
    const history = new InMemoryRevisionHistory(2);
    const dir = await folderWith({});
    const at = new Date('2026-11-28T12:00:00.000Z');
    const tracker = new RevisionTracker(new FolderSource({ dir, fsWatch: false }), {
      history,
      now: () => at,
    });
    await tracker.sync();
    const tracked = tracker.current();
    expect(tracked?.empty).toBe(true);
    if (tracked === undefined) return;
    await tracker.report(tracked, 'held-back');
    await tracker.report(tracked, 'applied');
    await tracker.report(tracked, 'applied');
    expect(history.list()).toHaveLength(2);
    expect(history.list()[0]).toEqual({
      id: tracked.revision.id,
      digest: tracked.digest,
      at: at.toISOString(),
      source: pathToFileURL(dir).href,
      result: 'applied',
      errorCount: 0,
    });
  });
});

describe('the revision history', () => {
  it('records every transition: a revision, a rejection, and the return to the first one', async () => {
    const history = new InMemoryRevisionHistory();
    const dir = await folderWith({ 'a.yaml': clusterYaml('a') });
    const tracker = new RevisionTracker(new FolderSource({ dir, fsWatch: false }), { history });
    let listened = 0;
    tracker.onRevision(() => {
      listened += 1;
    });
    expect((await tracker.sync()).kind).toBe('accepted');
    const good = tracker.current();
    if (good === undefined) throw new Error('no revision');
    await tracker.report(good, 'applied');
    await writeFile(
      join(dir, 'a.yaml'),
      'apiVersion: shipshape.dev/v1\nkind: Cluster\nmetadata: {name: a}\nspec: {clusterName: 7}\n',
    );
    expect((await tracker.sync()).kind).toBe('rejected');
    await writeFile(join(dir, 'a.yaml'), clusterYaml('a'));
    // The same documents again: in force all along, but a transition back from the rejection.
    expect((await tracker.sync()).kind).toBe('accepted');
    expect(listened).toBe(2);
    expect(
      history.list().map((entry) => `${entry.id === good.revision.id ? 'A' : 'other'} ${entry.result}`),
    ).toEqual(['A applied', 'other rejected', 'A applied']);
    // A report of the same outcome again is not a transition.
    await tracker.report(good, 'applied');
    expect(history.list()).toHaveLength(3);
  });
});
