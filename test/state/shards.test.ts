import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shardLeaseName } from '../../src/state/shards/shard-keys.ts';
import { StateStore } from '../../src/state/state-store.ts';
import { createTable, startDynamo, type TestDynamo } from './dynamo.ts';
import { Fleet, sixShards, TIMINGS } from './shards-fleet.ts';

let dynamo: TestDynamo;
/** One fresh table a test (heartbeats of one test must not be seen by another), made all at once. */
let tables: string[];
beforeAll(async () => {
  dynamo = await startDynamo();
  tables = await Promise.all(Array.from({ length: 5 }, () => createTable(dynamo, 'shards')));
});
afterAll(async () => {
  await dynamo?.close();
});

function fleetOf(ids: readonly string[], shards: () => readonly string[] = () => sixShards) {
  const table = tables.pop();
  if (table === undefined) throw new Error('one more table is needed in beforeAll');
  const fleet = new Fleet(dynamo.client, table, shards);
  for (const id of ids) fleet.join(id);
  // Checked after every single round of every replica, whatever the test does.
  fleet.afterTick = () => {
    for (const shard of shards()) {
      expect(fleet.holdersOf(shard).length, `holders of ${shard} at ${fleet.now} ms`).toBeLessThanOrEqual(1);
    }
  };
  return fleet;
}

async function leaseHolder(table: string, shard: string): Promise<string | undefined> {
  const store = new StateStore({
    client: dynamo.client,
    table,
    fenceMode: 'check-then-write',
    leaseName: shardLeaseName(shard),
  });
  return (await store.getLease())?.holder;
}

describe('ShardCoordinator on dynalite', () => {
  it('shares 6 shards between 3 replicas, 2 each, every shard held once, and then keeps still', async () => {
    const fleet = fleetOf(['r1', 'r2', 'r3']);
    await fleet.stepUntil(() => fleet.isShared(sixShards, [2, 2, 2]), 5, '2/2/2');
    expect(new Set(Object.values(fleet.holdings()).flat())).toEqual(new Set(sixShards));
    for (const member of fleet.members) {
      expect(member.coordinator.liveReplicas()).toEqual(['r1', 'r2', 'r3']);
      for (const shard of member.coordinator.held())
        expect(member.coordinator.fencingToken(shard)).toBeGreaterThan(0);
    }

    const events = fleet.members.map((member) => member.acquired.length + member.lost.length);
    for (let step = 0; step < 10; step += 1) await fleet.step();
    expect(fleet.isShared(sixShards, [2, 2, 2])).toBe(true);
    // Ten more rounds, well past the lease duration: no shard changed hands.
    expect(fleet.members.map((member) => member.acquired.length + member.lost.length)).toEqual(events);
    expect(fleet.members.flatMap((member) => member.errors)).toEqual([]);
  });

  it("takes a killed replica's shards within the lease duration plus one retry period, 3/3", async () => {
    const fleet = fleetOf(['r1', 'r2', 'r3']);
    await fleet.stepUntil(() => fleet.isShared(sixShards, [2, 2, 2]), 5, '2/2/2');
    const r3 = fleet.member('r3');
    const orphans = r3.coordinator.held();
    r3.coordinator.abandon();
    r3.state = 'killed';
    const killedAt = fleet.now;

    await fleet.stepUntil(() => fleet.isShared(sixShards, [3, 3, 0]), 10, '3/3 over r1 and r2');
    const takeovers = fleet.members
      .flatMap((member) => member.acquired)
      .filter((event) => event.at > killedAt && orphans.includes(event.shard));
    expect(takeovers.map((event) => event.shard).sort()).toEqual([...orphans].sort());
    for (const takeover of takeovers) {
      expect(takeover.at - killedAt).toBeLessThanOrEqual(TIMINGS.durationMs + TIMINGS.retryPeriodMs);
      // Not before the killed replica stopped believing it held them (its renew deadline).
      expect(takeover.at - killedAt).toBeGreaterThanOrEqual(TIMINGS.renewDeadlineMs);
    }
    expect(r3.lost.map((event) => event.shard).sort()).toEqual([...orphans].sort());
    expect(r3.lost.every((event) => event.reason?.includes('not renewed'))).toBe(true);
    expect(fleet.member('r1').coordinator.liveReplicas()).toEqual(['r1', 'r2']);
  });

  it('moves 2 shards, no more, when a third replica joins two, never two holders at once', async () => {
    const fleet = fleetOf(['r1', 'r2']);
    await fleet.stepUntil(() => fleet.isShared(sixShards, [3, 3]), 5, '3/3');
    const before = new Map(sixShards.map((shard) => [shard, fleet.holdersOf(shard)[0]]));
    const acquiredBefore = fleet.members.map((member) => member.acquired.length);
    const joinedAt = fleet.now;

    const r3 = fleet.join('r3');
    await fleet.stepUntil(() => fleet.isShared(sixShards, [2, 2, 2]), 5, '2/2/2');
    const moved = sixShards.filter((shard) => fleet.holdersOf(shard)[0] !== before.get(shard));
    expect(moved.sort()).toEqual(r3.coordinator.held());
    // Each moved once: r1 and r2 took nothing, r3 took its two.
    expect(fleet.members.map((member) => member.acquired.length)).toEqual([...acquiredBefore, 2]);
    const released = fleet.members
      .flatMap((member) => member.lost)
      .filter((event) => event.at > joinedAt)
      .map((event) => event.reason);
    expect(released).toEqual([
      expect.stringContaining("now r3's share"),
      expect.stringContaining("now r3's share"),
    ]);
  });

  it('releases a shard that is removed and takes one that is added', async () => {
    let shards = ['a', 'b', 'c', 'd'];
    const fleet = fleetOf(['r1', 'r2'], () => shards);
    await fleet.stepUntil(() => fleet.isShared(shards, [2, 2]), 5, '2/2');
    const holder = fleet.member(fleet.holdersOf('a')[0] ?? '');
    const table = fleet.table;

    shards = ['b', 'c', 'd'];
    // Released, not left to expire: one round is enough and the item names nobody.
    await fleet.stepUntil(() => fleet.holdersOf('a').length === 0, 1, 'a released');
    expect(await leaseHolder(table, 'a')).toBe('');
    expect(holder.lost).toEqual([
      expect.objectContaining({ shard: 'a', reason: 'released: no longer a shard' }),
    ]);

    shards = ['b', 'c', 'd', 'e'];
    await fleet.stepUntil(() => fleet.isShared(shards, [2, 2]), 3, 'e taken, 2/2');
    expect(
      fleet.members.flatMap((member) => member.acquired).filter((event) => event.shard === 'e'),
    ).toHaveLength(1);
  });

  it('stop() releases every shard and the heartbeat: the others take over in the next round', async () => {
    const fleet = fleetOf(['r1', 'r2', 'r3']);
    await fleet.stepUntil(() => fleet.isShared(sixShards, [2, 2, 2]), 5, '2/2/2');
    const r3 = fleet.member('r3');
    const released = r3.coordinator.held();
    await r3.coordinator.stop();
    r3.state = 'killed';
    const table = fleet.table;
    for (const shard of released) expect(await leaseHolder(table, shard)).toBe('');
    expect(r3.coordinator.held()).toEqual([]);
    expect(r3.lost.map((event) => event.reason)).toEqual(['released: stopping', 'released: stopping']);

    await fleet.stepUntil(() => fleet.isShared(sixShards, [3, 3, 0]), 1, '3/3 in one round');
    expect(fleet.member('r1').coordinator.liveReplicas()).toEqual(['r1', 'r2']);
  });
});
