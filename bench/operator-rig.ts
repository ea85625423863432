import { setTimeout as sleep } from 'node:timers/promises';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { Operator, type OperatorDeps, type RevisionFeed } from '../src/converge/operator.ts';
import type { OperatorSettings } from '../src/converge/settings.ts';
import { localClientConfig } from '../src/local/client-config.ts';
import { type LocalDynamoDb, startLocalDynamoDb } from '../src/local/dynamodb.ts';
import type { Revision } from '../src/manifest/index.ts';
import { ensureTable, LeaseManager, StateStore } from '../src/state/index.ts';
import { REGION, type World } from './world.ts';

/** A revision feed the bench sets by hand. */
export class SetRevision implements RevisionFeed {
  #revision: Revision | undefined;

  set(revision: Revision): void {
    this.#revision = revision;
  }

  current() {
    return this.#revision === undefined
      ? undefined
      : { revision: this.#revision, empty: false, source: 'bench' };
  }
}

/** The operator as production wires it (real time, real scheduler), on a local DynamoDB state table. */
export interface OperatorRig {
  readonly operator: Operator;
  readonly store: StateStore;
  readonly lease: LeaseManager;
  readonly revisions: SetRevision;
  /** Starts the operator and resolves once it leads with a filled cache. */
  startLeading(): Promise<void>;
  /** Resolves once nothing is queued or being worked on. */
  settled(): Promise<void>;
  close(): Promise<void>;
}

export interface RigOptions {
  readonly feed?: RevisionFeed;
  /** Another replica holds the lease: this one follows. */
  readonly follower?: boolean;
  readonly onReconcile?: OperatorDeps['onReconcile'];
}

export async function startOperatorRig(
  world: World,
  settings: Partial<OperatorSettings> = {},
  options: RigOptions = {},
): Promise<OperatorRig> {
  const dynamo: LocalDynamoDb = await startLocalDynamoDb();
  const client = new DynamoDBClient(localClientConfig(dynamo.endpoint, REGION));
  const table = 'shipshape-bench';
  await ensureTable(client, table);
  const store = new StateStore({ client, table, fenceMode: 'check-then-write' });
  if (options.follower === true) {
    const other = new LeaseManager({
      client,
      table,
      holderId: 'the-leader',
      durationMs: 3_600_000,
      renewDeadlineMs: 3_000_000,
    });
    await other.tryAcquireOrRenew();
  }
  const lease = new LeaseManager({ client, table, holderId: 'bench' });
  await lease.tryAcquireOrRenew();
  lease.start();
  const revisions = new SetRevision();
  const operator = new Operator({
    providers: world.providers,
    base: world.base,
    store,
    leader: lease,
    revisions: options.feed ?? revisions,
    settings,
    ...(options.onReconcile === undefined ? {} : { onReconcile: options.onReconcile }),
    ...(process.env.BENCH_DEBUG === undefined
      ? {}
      : {
          log: {
            info: () => undefined,
            warn: (fields: object, message: string) => console.error('warn', JSON.stringify(fields), message),
          },
        }),
  });
  return {
    operator,
    store,
    lease,
    revisions,
    async startLeading() {
      operator.start();
      while (!(operator.leading && operator.ready)) await sleep(50);
    },
    async settled() {
      while (!operator.settled) await sleep(20);
    },
    async close() {
      await operator.stop();
      lease.stop();
      client.destroy();
      await dynamo.close();
    },
  };
}
