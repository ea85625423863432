import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localClientConfig } from '../../src/local/client-config.ts';
import { LeaseManager, type LeaseManagerOptions } from '../../src/state/lease.ts';
import { StateStore } from '../../src/state/state-store.ts';
import { createTable, ManualClock, startDynamo, type TestDynamo } from './dynamo.ts';

interface Replica {
  readonly lease: LeaseManager;
  readonly started: number[];
  readonly stopped: string[];
}

function replica(options: Omit<LeaseManagerOptions, 'onStartedLeading' | 'onStoppedLeading'>): Replica {
  const started: number[] = [];
  const stopped: string[] = [];
  const lease = new LeaseManager({
    ...options,
    onStartedLeading: (token) => started.push(token),
    onStoppedLeading: (reason) => stopped.push(reason),
  });
  return { lease, started, stopped };
}

describe('LeaseManager on dynalite', () => {
  let dynamo: TestDynamo;

  beforeAll(async () => {
    dynamo = await startDynamo();
  });

  afterAll(async () => {
    await dynamo?.close();
  });

  async function pair(clock: ManualClock): Promise<{ a: Replica; b: Replica; table: string }> {
    const table = await createTable(dynamo);
    const base = { client: dynamo.client, table, clock };
    return { a: replica({ ...base, holderId: 'a' }), b: replica({ ...base, holderId: 'b' }), table };
  }

  it('lets only one of two replicas lead', async () => {
    const clock = new ManualClock();
    const { a, b } = await pair(clock);
    const results = await Promise.all([a.lease.tryAcquireOrRenew(), b.lease.tryAcquireOrRenew()]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect([a.lease.isLeader(), b.lease.isLeader()].filter(Boolean)).toHaveLength(1);
    const leader = a.lease.isLeader() ? a : b;
    expect(leader.started).toEqual([1]);
    expect(leader.lease.fencingToken()).toBe(1);
  });

  it('keeps the leader leading while it renews, past many lease durations', async () => {
    const clock = new ManualClock();
    const { a, b } = await pair(clock);
    expect(await a.lease.tryAcquireOrRenew()).toBe(true);
    for (let step = 0; step < 12; step += 1) {
      clock.advance(5_000);
      expect(await a.lease.tryAcquireOrRenew()).toBe(true);
      expect(await b.lease.tryAcquireOrRenew()).toBe(false);
    }
    expect(a.lease.fencingToken()).toBe(1);
    expect(a.started).toEqual([1]);
    expect(a.stopped).toEqual([]);
    expect(b.started).toEqual([]);
  });

  it('hands over after the lease duration when the leader stops renewing, with a higher token', async () => {
    const clock = new ManualClock();
    const { a, b, table } = await pair(clock);
    await a.lease.tryAcquireOrRenew();
    expect(await b.lease.tryAcquireOrRenew()).toBe(false);

    clock.advance(14_000);
    expect(await b.lease.tryAcquireOrRenew()).toBe(false);
    expect(a.lease.isLeader()).toBe(false);
    expect(a.stopped).toEqual([expect.stringContaining('not renewed for 14000 ms')]);

    clock.advance(1_000);
    expect(await b.lease.tryAcquireOrRenew()).toBe(true);
    expect(b.lease.fencingToken()).toBe(2);
    expect(b.started).toEqual([2]);
    const seen = await new StateStore({
      client: dynamo.client,
      table,
      fenceMode: 'check-then-write',
    }).getLease();
    expect(seen).toMatchObject({ holder: 'b', fencingToken: 2, durationMs: 15_000 });

    // The old leader comes back: it sees the new holder and does not lead.
    expect(await a.lease.tryAcquireOrRenew()).toBe(false);
    expect(a.lease.fencingToken()).toBeUndefined();
  });

  it('judges expiry by its own clock from when it first saw the lease, not by the holder clock', async () => {
    const clock = new ManualClock();
    const { a, table } = await pair(clock);
    await a.lease.tryAcquireOrRenew();
    clock.advance(60_000);
    // A replica that arrives late has never seen this version change: it waits a full duration.
    const late = replica({ client: dynamo.client, table, clock, holderId: 'late' });
    expect(await late.lease.tryAcquireOrRenew()).toBe(false);
    clock.advance(15_000);
    expect(await late.lease.tryAcquireOrRenew()).toBe(true);
  });

  it('release lets the other replica take over at once', async () => {
    const clock = new ManualClock();
    const { a, b } = await pair(clock);
    await a.lease.tryAcquireOrRenew();
    expect(await b.lease.tryAcquireOrRenew()).toBe(false);
    await a.lease.release();
    expect(a.lease.isLeader()).toBe(false);
    expect(a.stopped).toEqual(['released']);
    expect(await b.lease.tryAcquireOrRenew()).toBe(true);
    expect(b.lease.fencingToken()).toBe(2);
  });

  it('release still frees a lease whose holder already stopped leading at the renew deadline', async () => {
    const clock = new ManualClock();
    const { a, b } = await pair(clock);
    await a.lease.tryAcquireOrRenew();
    await b.lease.tryAcquireOrRenew();
    clock.advance(11_000);
    expect(a.lease.isLeader()).toBe(false);
    await a.lease.release();
    expect(await b.lease.tryAcquireOrRenew()).toBe(true);
  });

  it('release by a deposed leader does not free the new leader lease', async () => {
    const clock = new ManualClock();
    const { a, b, table } = await pair(clock);
    await a.lease.tryAcquireOrRenew();
    await b.lease.tryAcquireOrRenew();
    clock.advance(15_000);
    await b.lease.tryAcquireOrRenew();
    await a.lease.release();
    const c = replica({ client: dynamo.client, table, clock, holderId: 'c' });
    expect(await c.lease.tryAcquireOrRenew()).toBe(false);
    expect(await b.lease.tryAcquireOrRenew()).toBe(true);
  });

  it('stops leading within the renew deadline when DynamoDB cannot be reached, and says why', async () => {
    const own = await startDynamo();
    const table = await createTable(own);
    const clock = new ManualClock();
    const cut = new DynamoDBClient({ ...localClientConfig(own.local.endpoint, 'us-east-1'), maxAttempts: 1 });
    const a = replica({ client: cut, table, clock, holderId: 'a' });
    expect(await a.lease.tryAcquireOrRenew()).toBe(true);
    await own.close();
    cut.destroy();

    clock.advance(4_000);
    await expect(a.lease.tryAcquireOrRenew()).rejects.toThrow();
    expect(a.lease.isLeader()).toBe(true);
    clock.advance(6_000);
    expect(a.lease.isLeader()).toBe(false);
    expect(a.lease.fencingToken()).toBeUndefined();
    expect(a.stopped).toEqual([expect.stringContaining('renew deadline 10000 ms')]);
  });

  it('runs its own loop: a crashed leader (loop stopped) is replaced, a released one at once', async () => {
    const table = await createTable(dynamo);
    // Wide margins: a loaded machine must not make the renewing leader miss its deadline.
    const timings = { durationMs: 2_000, renewDeadlineMs: 1_500, retryPeriodMs: 100 };
    const events: string[] = [];
    const make = (holderId: string) => {
      let started: (token: number) => void = () => {};
      const token = new Promise<number>((resolve) => {
        started = resolve;
      });
      const lease = new LeaseManager({
        client: dynamo.client,
        table,
        holderId,
        ...timings,
        onStartedLeading: (value) => {
          events.push(`${holderId} leads with ${value}`);
          started(value);
        },
        onStoppedLeading: (reason) => events.push(`${holderId} stopped: ${reason}`),
      });
      return { lease, token };
    };
    const a = make('a');
    a.lease.start();
    expect(await a.token).toBe(1);
    const b = make('b');
    b.lease.start();
    a.lease.stop();
    expect(await b.token).toBe(2);
    await b.lease.release();
    expect(events).toEqual(
      expect.arrayContaining([
        'a leads with 1',
        expect.stringMatching(/^a stopped: the lease was not renewed/),
        'b leads with 2',
        'b stopped: released',
      ]),
    );
    expect(events).toHaveLength(4);
  });

  it('rejects durations that do not nest', () => {
    const base = { client: dynamo.client, table: 't', holderId: 'x' };
    expect(() => new LeaseManager({ ...base, renewDeadlineMs: 20_000 })).toThrow(
      'Expected `renewDeadlineMs` to be less than `durationMs` (15000), got 20000',
    );
    expect(() => new LeaseManager({ ...base, retryPeriodMs: 0 })).toThrow(
      'Expected `retryPeriodMs` to be a finite number > 0, got 0',
    );
  });
});
