import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { Operator } from '../src/converge/operator.ts';
import { localClientConfig } from '../src/local/client-config.ts';
import { startLocalDynamoDb } from '../src/local/dynamodb.ts';
import { ManualScheduler } from '../src/reconcile/index.ts';
import { ensureTable, LeaseManager, StateStore } from '../src/state/index.ts';
import { fleet } from './fleet.ts';
import { SetRevision } from './operator-rig.ts';
import type { BenchResult } from './results.ts';
import { REGION, seed, startWorld } from './world.ts';

const MINUTES = 10;
const WRITES = /^(Put|Update|Delete|BatchWrite|TransactWrite)/;

/**
 * A follower over ten minutes of its own timers (simulated time: every leadership check, resync
 * and drift scan of ten minutes fires), beside a live fleet: AWS calls and state writes it made.
 */
export async function follower(services: number): Promise<BenchResult> {
  const world = await startWorld({ throttling: false, rateLimited: false });
  const dynamo = await startLocalDynamoDb();
  const client = new DynamoDBClient(localClientConfig(dynamo.endpoint, REGION));
  const writes = new Map<string, number>();
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const name = (context.commandName ?? '?').replace(/Command$/, '');
      if (WRITES.test(name)) writes.set(name, (writes.get(name) ?? 0) + 1);
      return next(args);
    },
    { step: 'initialize', name: 'benchCountWrites' },
  );
  const table = 'shipshape-bench';
  try {
    const { revision } = fleet({ services, clusters: 10, namespaces: 4, withNetworking: false });
    await seed(world, revision);
    await ensureTable(client, table);
    const scheduler = new ManualScheduler(Date.now());
    const clock = { now: () => scheduler.now() };
    // The leader renews on a client of its own: only the follower's writes are counted.
    const leaderClient = new DynamoDBClient(localClientConfig(dynamo.endpoint, REGION));
    const leader = new LeaseManager({ client: leaderClient, table, holderId: 'the-leader', clock });
    await leader.tryAcquireOrRenew();
    writes.clear();
    const lease = new LeaseManager({ client, table, holderId: 'the-follower', clock });
    const revisions = new SetRevision();
    revisions.set(revision);
    const store = new StateStore({ client, table, fenceMode: 'check-then-write', clock });
    const operator = new Operator({
      providers: world.providers,
      base: world.base,
      store,
      leader: lease,
      revisions,
      scheduler,
    });
    world.aws.stats.reset();
    operator.start();
    for (let second = 0; second < MINUTES * 60; second += 1) {
      await leader.tryAcquireOrRenew();
      await lease.tryAcquireOrRenew();
      await scheduler.advance(1_000);
    }
    leaderClient.destroy();
    const calls = world.aws.stats.total();
    const stateWrites = [...writes.values()].reduce((a, b) => a + b, 0);
    await operator.stop();
    return {
      figures: [
        {
          id: 'follower.aws-calls',
          bench: 'follower',
          figure: `AWS calls by a follower over ${MINUTES} minutes (${services} live services)`,
          measured: calls,
          unit: 'calls',
          goal: { max: 0, label: '0' },
          note: `leading=${operator.leading}, ready=${operator.ready}`,
        },
        {
          id: 'follower.state-writes',
          bench: 'follower',
          figure: `state table writes by a follower over ${MINUTES} minutes`,
          measured: stateWrites,
          unit: 'writes',
          goal: { max: 0, label: '0' },
        },
      ],
      details: { calls: world.aws.stats.snapshot(), writes: Object.fromEntries(writes), minutes: MINUTES },
    };
  } finally {
    client.destroy();
    await dynamo.close();
    await world.close();
  }
}
