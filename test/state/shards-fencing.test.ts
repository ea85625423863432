import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FencedOut } from '../../src/state/fenced-out.ts';
import { shardLeaseName } from '../../src/state/shards/shard-keys.ts';
import { StateStore } from '../../src/state/state-store.ts';
import type { ResourceStatus } from '../../src/state/types.ts';
import { createTable, startDynamo, type TestDynamo } from './dynamo.ts';
import { Fleet, TIMINGS } from './shards-fleet.ts';

let dynamo: TestDynamo;
let tables: string[];
beforeAll(async () => {
  dynamo = await startDynamo();
  tables = await Promise.all([createTable(dynamo, 'split'), createTable(dynamo, 'split')]);
});
afterAll(async () => {
  await dynamo?.close();
});

const web = 'Service/shop/web';

function status(appliedRevision: string): ResourceStatus {
  return {
    identity: web,
    sync: 'Synced',
    health: 'Healthy',
    conditions: [],
    appliedRevision,
    drift: [],
    observedAt: '2026-11-28T12:00:00.000Z',
    awsIds: {},
  };
}

describe.each([
  { pause: 'its clock ran on meanwhile', clockRan: true, reason: 'not renewed' },
  { pause: 'its clock stood still', clockRan: false, reason: 'now held by "r2"' },
])('a replica paused past its shard lease ($pause)', ({ clockRan, reason }) => {
  it('loses the shard to another, its write with the old token is refused, and it reports the loss', async () => {
    const shards = ['a', 'b'];
    const table = tables.pop();
    if (table === undefined) throw new Error('one more table is needed in beforeAll');
    const fleet = new Fleet(dynamo.client, table, () => shards);
    const r1 = fleet.join('r1');
    const r2 = fleet.join('r2');
    fleet.afterTick = () => {
      for (const shard of shards) {
        const believers = fleet.members.filter(
          (member) => member.state !== 'paused' && member.coordinator.holds(shard),
        );
        expect(believers.length, `holders of ${shard} at ${fleet.now} ms`).toBeLessThanOrEqual(1);
      }
    };
    await fleet.stepUntil(() => fleet.isShared(shards, [1, 1]), 5, '1/1');
    const [shard = ''] = r1.coordinator.held();
    // The store guards its writes with this shard's lease, not the leader election's.
    const store = new StateStore({
      client: dynamo.client,
      table,
      fenceMode: 'check-then-write',
      leaseName: shardLeaseName(shard),
    });
    const oldToken = r1.coordinator.fencingToken(shard) ?? -1;
    await store.putStatus(status('rev-1'), oldToken);

    r1.state = 'paused';
    const pausedAt = fleet.now;
    await fleet.stepUntil(() => r2.coordinator.holds(shard), 10, 'r2 takes the shard');
    expect(fleet.now - pausedAt).toBeLessThanOrEqual(TIMINGS.durationMs + TIMINGS.retryPeriodMs);
    const newToken = r2.coordinator.fencingToken(shard) ?? -1;
    expect(newToken).toBeGreaterThan(oldToken);
    await store.putStatus(status('rev-2'), newToken);
    // Split brain: the paused replica still believes it holds the shard.
    expect(r1.coordinator.holds(shard)).toBe(true);
    const lostSincePause = () => r1.lost.filter((event) => event.at > pausedAt);
    expect(lostSincePause()).toEqual([]);

    if (clockRan) r1.clock.advance(fleet.now - pausedAt);
    r1.state = 'running';
    // A write it had under way when it was paused lands now: refused, nothing changed.
    await expect(store.putStatus(status('rev-stale'), oldToken)).rejects.toBeInstanceOf(FencedOut);
    expect((await store.getStatus(web))?.appliedRevision).toBe('rev-2');

    await fleet.stepUntil(() => lostSincePause().length > 0, 1, 'r1 reports the loss');
    expect(lostSincePause()).toEqual([
      expect.objectContaining({ shard, reason: expect.stringContaining(reason) }),
    ]);
    expect(r1.coordinator.holds(shard)).toBe(false);
    // Back to a fair share: one shard each.
    await fleet.stepUntil(() => fleet.isShared(shards, [1, 1]), 5, '1/1 again');
    expect([...r1.errors, ...r2.errors]).toEqual([]);
  });
});
