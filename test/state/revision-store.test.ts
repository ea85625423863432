import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StateStore } from '../../src/state/state-store.ts';
import type { RevisionRecord } from '../../src/state/types.ts';
import { createTable, leadingToken, startDynamo, type TestDynamo } from './dynamo.ts';

function revision(index: number): RevisionRecord {
  return {
    id: `sha256:${index.toString(16).padStart(8, '0')}`,
    at: new Date(Date.UTC(2026, 10, 28, 12, 0, index)).toISOString(),
    source: 's3://manifests/prod',
    result: index % 3 === 0 ? 'rejected' : index % 3 === 1 ? 'applied' : 'held-back',
    errorCount: index % 3 === 0 ? 2 : 0,
  };
}

describe('revision history in the state table', () => {
  let dynamo: TestDynamo;

  beforeAll(async () => {
    dynamo = await startDynamo();
  });

  afterAll(async () => {
    await dynamo?.close();
  });

  it('keeps the newest N revisions, newest first, and prunes older ones', async () => {
    const table = await createTable(dynamo);
    const store = new StateStore({
      client: dynamo.client,
      table,
      fenceMode: 'check-then-write',
      revisionHistory: 5,
    });
    const { token } = await leadingToken(dynamo.client, table);
    const all = Array.from({ length: 8 }, (_, index) => revision(index));
    for (const entry of all) await store.recordRevision(entry, token);

    const newestFirst = all.slice(3).reverse();
    expect(await store.listRevisions()).toEqual(newestFirst);
    expect(await store.listRevisions(2)).toEqual(newestFirst.slice(0, 2));
    // Pruned, not merely hidden by the limit.
    expect(await store.listRevisions(100)).toHaveLength(5);
  });

  it('keeps 20 by default', async () => {
    const table = await createTable(dynamo);
    const store = new StateStore({ client: dynamo.client, table, fenceMode: 'check-then-write' });
    const { token } = await leadingToken(dynamo.client, table);
    for (let index = 0; index < 23; index += 1) await store.recordRevision(revision(index), token);
    const kept = await store.listRevisions(100);
    expect(kept).toHaveLength(20);
    expect(kept[0]).toEqual(revision(22));
    expect(kept.at(-1)).toEqual(revision(3));
  });

  it('keeps who committed each revision, an empty message included, and redacts passwords in messages', async () => {
    const table = await createTable(dynamo);
    const store = new StateStore({ client: dynamo.client, table, fenceMode: 'check-then-write' });
    const { token } = await leadingToken(dynamo.client, table);
    const first = {
      ...revision(1),
      commit: { id: 'c'.repeat(40), author: 'Ann <ann@example.com>', message: '', time: revision(1).at },
    };
    const second = {
      ...revision(2),
      commit: {
        id: `sha256:${'d'.repeat(64)}`,
        parent: 'c'.repeat(40),
        author: 'ci',
        message: 'move to https://bot:hunter2@git.example.com/repo',
        time: revision(2).at,
      },
    };
    await store.recordRevision(first, token);
    await store.recordRevision(second, token);
    const [newest, older] = await store.listRevisions();
    expect(older).toEqual(first);
    expect(newest?.commit).toEqual({ ...second.commit, message: expect.not.stringContaining('hunter2') });
    expect(newest?.commit?.message).toContain('git.example.com/repo');
  });
});
