import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StateStore } from '../../src/state/state-store.ts';
import type { StateEvent } from '../../src/state/types.ts';
import { createTable, leadingToken, ManualClock, startDynamo, type TestDynamo } from './dynamo.ts';

describe('events in the state table', () => {
  let dynamo: TestDynamo;

  beforeAll(async () => {
    dynamo = await startDynamo();
  });

  afterAll(async () => {
    await dynamo?.close();
  });

  async function setUp(perResource = 50) {
    const table = await createTable(dynamo);
    const clock = new ManualClock();
    const store = new StateStore({
      client: dynamo.client,
      table,
      fenceMode: 'check-then-write',
      clock,
      eventRetention: { ttlSeconds: 3600, perResource },
    });
    const { token } = await leadingToken(dynamo.client, table);
    const record = async (identity: string, reason: string) => {
      const event: StateEvent = {
        identity,
        at: new Date(clock.now()).toISOString(),
        type: 'Normal',
        reason,
        message: `${reason} ${identity}`,
      };
      await store.recordEvent(event, token);
      clock.advance(1_000);
      return event;
    };
    return { store, clock, record, token };
  }

  it('lists the events of one resource newest first, up to the limit', async () => {
    const { store, record } = await setUp();
    const first = await record('Service/shop/web', 'Created');
    const second = await record('Service/shop/web', 'DriftReverted');
    await record('Service/shop/cart', 'Created');
    const third = await record('Service/shop/web', 'Scaled');

    expect(await store.listEvents('Service/shop/web', 10)).toEqual([third, second, first]);
    expect(await store.listEvents('Service/shop/web', 2)).toEqual([third, second]);
    expect(await store.listEvents('Service/nowhere/none', 5)).toEqual([]);
  });

  it('lists the events of all resources newest first when no resource is named', async () => {
    const { store, record } = await setUp();
    const reasons = ['a', 'b', 'c', 'd', 'e'];
    for (const [index, reason] of reasons.entries()) await record(`Service/ns/s${index % 2}`, reason);
    const all = await store.listEvents(undefined, 3);
    expect(all.map((event) => event.reason)).toEqual(['e', 'd', 'c']);
  });

  it('keeps two events of the same millisecond apart, in the order they were recorded', async () => {
    const { store, clock, token } = await setUp();
    const at = new Date(clock.now()).toISOString();
    for (const reason of ['one', 'two', 'three']) {
      await store.recordEvent({ identity: 'Cluster/ns/c', at, type: 'Warning', reason, message: '' }, token);
    }
    expect((await store.listEvents('Cluster/ns/c', 10)).map((event) => event.reason)).toEqual([
      'three',
      'two',
      'one',
    ]);
  });

  it('leaves expired events out even where the DynamoDB has no TTL sweeper (dynalite)', async () => {
    const { store, clock, record } = await setUp();
    await record('Service/shop/web', 'Old');
    clock.advance(3_600_000);
    const fresh = await record('Service/shop/web', 'New');
    expect(await store.listEvents('Service/shop/web', 10)).toEqual([fresh]);
    expect(await store.listEvents(undefined, 10)).toEqual([fresh]);
  });

  it('keeps only the newest events of a resource', async () => {
    const { store, record } = await setUp(3);
    for (const reason of ['1', '2', '3', '4', '5']) await record('Service/shop/web', reason);
    await record('Service/shop/cart', 'other');
    expect((await store.listEvents('Service/shop/web', 10)).map((event) => event.reason)).toEqual([
      '5',
      '4',
      '3',
    ]);
    expect((await store.listEvents(undefined, 10)).map((event) => event.reason)).toEqual([
      'other',
      '5',
      '4',
      '3',
    ]);
  });
});
