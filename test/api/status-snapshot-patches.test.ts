import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StatusReader } from '../../src/api/deps.ts';
import { redactingStatusReader } from '../../src/api/redacting-reader.ts';
import { statusPage } from '../../src/api/status-page.ts';
import type { StatusSnapshot } from '../../src/api/status-snapshot.ts';
import { StatusSnapshots } from '../../src/api/status-snapshots.ts';
import { MESSAGE_CHARS } from '../../src/state/limits.ts';
import type { StateStore } from '../../src/state/state-store.ts';
import { testStatus as status } from '../support/status-fixture.ts';
import { DRIFTING, type SeededStore, startSeededStore } from './seeded-store.ts';

const SECRET_VALUE = 'correct-horse-battery-staple';
const SECRET_IN_MESSAGE = 'sk_live_4eC39HqLyjWDarjtT1zdp7dc';

/** The store's reads, counting those of the status table and of the operator item; `hold` keeps a status read's answer back. */
function countingReader(store: StateStore) {
  const counts = { statusReads: 0, operatorReads: 0, statusReadsDone: 0 };
  let held: Promise<void> | undefined;
  const reader: StatusReader = {
    listStatuses: async (filter) => {
      counts.statusReads += 1;
      const read = await store.listStatuses(filter);
      await held;
      counts.statusReadsDone += 1;
      return read;
    },
    getStatus: (identity) => store.getStatus(identity),
    listEvents: (identity, limit) => store.listEvents(identity, limit),
    getOperator: () => {
      counts.operatorReads += 1;
      return store.getOperator();
    },
    listRevisions: (limit) => store.listRevisions(limit),
  };
  const hold = () => {
    let release = (): void => undefined;
    held = new Promise((resolve) => {
      release = resolve;
    });
    return () => {
      held = undefined;
      release();
    };
  };
  return { counts, reader, hold };
}

/** Every answer GET /status could give, as bytes and ETag, and each resource's. */
function served(snapshot: StatusSnapshot) {
  const queries = [
    {},
    { namespace: 'shop' },
    { kind: 'Service' },
    { sync: 'OutOfSync' as const },
    { limit: 1 },
  ];
  return {
    pages: queries.map((query) => {
      const page = statusPage(snapshot, query);
      return { body: page.body.toString('utf8'), etag: page.etag };
    }),
    entries: snapshot.entries.map((entry) => ({ key: entry.sortKey, json: entry.json, etag: entry.etag })),
    operator: snapshot.operatorJson,
  };
}

/** What a replica that never saw the writes would serve: a fresh read of the table. */
async function freshlyRead(store: StateStore): Promise<StatusSnapshot> {
  return new StatusSnapshots({ reader: redactingStatusReader(store) }).current();
}

describe('status snapshots patched from the leader’s own writes', () => {
  let seeded: SeededStore;
  let counting: ReturnType<typeof countingReader>;
  let snapshots: StatusSnapshots;

  beforeAll(async () => {
    seeded = await startSeededStore();
    counting = countingReader(seeded.store);
    // As the runtime wires it on the leader; no age makes a read in these tests.
    snapshots = new StatusSnapshots({
      reader: redactingStatusReader(counting.reader),
      changes: seeded.store,
      onlyWriter: () => true,
      resyncMs: 3_600_000,
    });
    await snapshots.current();
  });

  afterAll(async () => {
    snapshots?.close();
    await seeded?.close();
  });

  it('equal a fresh read after creates, updates and deletes, secrets redacted alike, with no read of the table', async () => {
    const before = served(await snapshots.current());
    const reads = counting.counts.statusReads;
    const { token } = seeded;
    await seeded.store.putStatus(
      status('Service/sec/app', {
        sync: 'OutOfSync',
        health: 'Degraded',
        drift: [
          {
            path: 'containerDefinitions[name=app].environment[name=DB_PASSWORD].value',
            desired: SECRET_VALUE,
            actual: 'x',
          },
          // Over the stored value bound: stored truncated.
          { path: 'tags.note', desired: 'n'.repeat(20_000), actual: null },
        ],
        conditions: [
          {
            type: 'Synced',
            status: 'False',
            reason: 'Drift',
            message: `rejected key ${SECRET_IN_MESSAGE} ${'m'.repeat(MESSAGE_CHARS)}`,
            lastTransitionTime: '2026-11-28T12:00:00.000Z',
          },
        ],
        lastError: { code: 'SS900', message: `token ${SECRET_IN_MESSAGE}`, at: '2026-11-28T12:00:00.000Z' },
        // The store redacts drift and messages as it writes them, not these: only the API's redaction does.
        awsIds: { arn: 'arn:aws:ecs:us-east-1:123456789012:service/sec/app', dbPassword: SECRET_VALUE },
        refs: [],
      }),
      token,
    );
    await seeded.store.putStatus(status('Cluster/aaa/first', { refs: ['Service/shop/web'] }), token);
    await seeded.store.putStatus({ ...DRIFTING, health: 'Healthy', drift: [], driftCount: 0 }, token);
    await seeded.store.putStatus(status('Service/tmp/gone'), token);
    await seeded.store.deleteStatus('Service/tmp/gone', token);
    await seeded.store.deleteStatus('TargetGroup/shop/web', token);
    await seeded.store.deleteStatus('Service/never/there', token);

    const patched = served(await snapshots.current());
    expect(counting.counts.statusReads).toBe(reads);
    expect(patched).toEqual(served(await freshlyRead(seeded.store)));
    expect(patched.entries.map((entry) => entry.key)).toEqual([
      'aaa/Cluster/first',
      'ops/Cluster/main',
      'sec/Service/app',
      'shop/Service/web',
      'shop/Service/worker',
    ]);
    const all = JSON.stringify(patched);
    expect(all).not.toContain(SECRET_VALUE);
    expect(all).not.toContain(SECRET_IN_MESSAGE);
    expect(all).toContain('(redacted)');
    // Every answer changed, and so did its ETag.
    for (const [index, page] of patched.pages.entries())
      expect(page.etag).not.toBe(before.pages[index]?.etag);
  });

  it('keep the same snapshot, so the same ETags, for a write that changes nothing', async () => {
    const before = await snapshots.current();
    const worker = before.get('Service/shop/worker')?.status;
    if (worker === undefined) throw new Error('seeded worker missing');
    await seeded.store.putStatus(worker, seeded.token);
    expect(await snapshots.current()).toBe(before);
  });

  it('read the operator item alone, not the status table, after an operator write', async () => {
    const { statusReads, operatorReads } = counting.counts;
    await seeded.store.updateOperator({ leader: 'replica-b' }, seeded.token);
    const snapshot = await snapshots.current();
    expect(snapshot.operator.leader).toBe('replica-b');
    expect(counting.counts).toMatchObject({ statusReads, operatorReads: operatorReads + 1 });
    expect(served(snapshot)).toEqual(served(await freshlyRead(seeded.store)));
  });

  it('lay the writes made while a read behind the requests was on its way over what it read', async () => {
    let clock = 0;
    const behind = new StatusSnapshots({
      reader: redactingStatusReader(counting.reader),
      changes: seeded.store,
      onlyWriter: () => true,
      resyncMs: 1_000,
      now: () => clock,
    });
    await behind.current();
    const release = counting.hold();
    clock = 1_000;
    const reads = counting.counts.statusReadsDone;
    // Served at once, a read of the table started behind it.
    await behind.current();
    await seeded.store.putStatus(status('Service/late/behind', { health: 'Degraded' }), seeded.token);
    // A request in between is patched with the write.
    expect((await behind.current()).get('Service/late/behind')?.status.health).toBe('Degraded');
    release();
    while (counting.counts.statusReadsDone === reads) await new Promise((resolve) => setImmediate(resolve));
    const snapshot = await behind.current();
    behind.close();
    expect(snapshot.get('Service/late/behind')?.status.health).toBe('Degraded');
    expect(served(snapshot)).toEqual(served(await freshlyRead(seeded.store)));
  });

  it('lay the writes made while a read of the table was on its way over what it read', async () => {
    snapshots.invalidate();
    const release = counting.hold();
    const reading = snapshots.current();
    // The read has the table as it was; this write lands after it.
    await seeded.store.putStatus(status('Service/late/write', { health: 'Progressing' }), seeded.token);
    release();
    const snapshot = await reading;
    expect(snapshot.get('Service/late/write')?.status.health).toBe('Progressing');
    expect(served(snapshot)).toEqual(served(await freshlyRead(seeded.store)));
  });
});
