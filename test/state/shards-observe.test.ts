import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LeaseManager } from '../../src/state/lease.ts';
import { createTable, ManualClock, startDynamo, type TestDynamo } from './dynamo.ts';

let dynamo: TestDynamo;
beforeAll(async () => {
  dynamo = await startDynamo();
});
afterAll(async () => {
  await dynamo?.close();
});

/** LeaseManager.observe(), which the shard coordinator uses to watch the leases it does not want yet. */
describe('LeaseManager.observe', () => {
  async function three(clock: ManualClock) {
    const table = await createTable(dynamo, 'observe');
    const lease = (holderId: string) =>
      new LeaseManager({ client: dynamo.client, table, holderId, leaseName: 'shard:a', clock });
    return { holder: lease('holder'), watcher: lease('watcher'), stranger: lease('stranger') };
  }

  it('counts an expiry from the first look, so the watcher takes a dead lease at once', async () => {
    const clock = new ManualClock();
    const { holder, watcher, stranger } = await three(clock);
    expect(await holder.tryAcquireOrRenew()).toBe(true);
    expect(await watcher.observe()).toMatchObject({ holder: 'holder', fencingToken: 1 });
    expect(watcher.isLeader()).toBe(false);

    clock.advance(15_000);
    // Never looked before: its count starts now, a whole lease duration to go.
    expect(await stranger.tryAcquireOrRenew()).toBe(false);
    expect(await watcher.tryAcquireOrRenew()).toBe(true);
    expect(watcher.fencingToken()).toBe(2);
  });

  it('starts the count again when the holder renews', async () => {
    const clock = new ManualClock();
    const { holder, watcher } = await three(clock);
    await holder.tryAcquireOrRenew();
    await watcher.observe();
    clock.advance(10_000);
    expect(await holder.tryAcquireOrRenew()).toBe(true);
    await watcher.observe();
    clock.advance(10_000);
    expect(await watcher.tryAcquireOrRenew()).toBe(false);
    clock.advance(5_000);
    expect(await watcher.tryAcquireOrRenew()).toBe(true);
  });

  it('never takes a lease, not even one that is absent or released', async () => {
    const clock = new ManualClock();
    const { holder, watcher } = await three(clock);
    expect(await watcher.observe()).toBeUndefined();
    expect(await holder.tryAcquireOrRenew()).toBe(true);
    await holder.release();
    expect(await watcher.observe()).toMatchObject({ holder: '', fencingToken: 1 });
    expect(watcher.isLeader()).toBe(false);
    expect(await holder.observe()).toMatchObject({ holder: '' });
  });
});
