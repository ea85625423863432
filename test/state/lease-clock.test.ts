import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writesWhileLeading } from '../../src/aws/leader-gate.ts';
import { localClientConfig } from '../../src/local/client-config.ts';
import { LeaseManager } from '../../src/state/lease.ts';
import { type CuttableProxy, startCuttableProxy } from '../support/cuttable-proxy.ts';
import { createTable, ManualClock, startDynamo, type TestDynamo } from './dynamo.ts';

let dynamo: TestDynamo;
beforeAll(async () => {
  dynamo = await startDynamo();
});
afterAll(async () => {
  await dynamo?.close();
});

const allow = { before: async () => undefined, after: () => undefined };

/**
 * Replica a reaches the table through a proxy the test cuts (an outage of a's network), and its
 * wall clock jumps; b reaches the table directly. Each has its own monotonic clock, both moving
 * one second at a time.
 */
describe.each([-60_000, 60_000])('a wall-clock step of %i ms during an outage', (step) => {
  let proxy: CuttableProxy;
  let client: DynamoDBClient;
  beforeAll(async () => {
    proxy = await startCuttableProxy(dynamo.local.endpoint);
    client = new DynamoDBClient({ ...localClientConfig(proxy.endpoint, 'us-east-1'), maxAttempts: 1 });
  });
  afterAll(async () => {
    client.destroy();
    await proxy.close();
  });

  it('never leaves two leaders that may write to AWS', async () => {
    const table = await createTable(dynamo);
    const wallA = new ManualClock();
    const wallB = new ManualClock();
    const monoA = new ManualClock(0);
    const monoB = new ManualClock(0);
    const a = new LeaseManager({ client, table, holderId: 'a', clock: wallA, monotonic: monoA });
    const b = new LeaseManager({
      client: dynamo.client,
      table,
      holderId: 'b',
      clock: wallB,
      monotonic: monoB,
    });
    expect(await a.tryAcquireOrRenew()).toBe(true);
    expect(await b.tryAcquireOrRenew()).toBe(false);
    const gateA = writesWhileLeading(allow, a);
    proxy.cut();
    wallA.advance(step);
    let aStoppedAt: number | undefined;
    let bStartedAt: number | undefined;
    for (let second = 1; second <= 30; second += 1) {
      monoA.advance(1_000);
      monoB.advance(1_000);
      wallA.advance(1_000);
      wallB.advance(1_000);
      await a.tryAcquireOrRenew().catch(() => false);
      await b.tryAcquireOrRenew();
      const aMayWrite = await gateA.before('ecs', 'UpdateService').then(
        () => true,
        () => false,
      );
      expect(a.isLeader() && b.isLeader(), `second ${second}`).toBe(false);
      expect(aMayWrite && b.isLeader(), `second ${second}`).toBe(false);
      if (!a.isLeader()) aStoppedAt ??= second;
      if (b.isLeader()) bStartedAt ??= second;
    }
    // a stopped at its renew deadline (10 s), b took over once a's lease had run out (15 s) by its own clock.
    expect(aStoppedAt).toBe(10);
    expect(bStartedAt).toBe(15);
    // Reads are never refused: only writes wait for the lease.
    await expect(gateA.before('ecs', 'DescribeServices')).resolves.toBeUndefined();
    await expect(gateA.before('ecs', 'UpdateService')).rejects.toMatchObject({ name: 'NotLeading' });
    proxy.mend();
  });
});
