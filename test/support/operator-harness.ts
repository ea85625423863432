import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { type AwsClients, createAwsClients } from '../../src/aws/clients.ts';
import { rateLimitedGate } from '../../src/aws/rate-gate.ts';
import { Operator, type RevisionFeed } from '../../src/converge/operator.ts';
import { inCreateOrder } from '../../src/converge/ordered.ts';
import type { OperatorSettings } from '../../src/converge/settings.ts';
import { EmulatorControl } from '../../src/emulator/control-client.ts';
import { type RunningEmulator, startEmulator } from '../../src/emulator/server.ts';
import { localClientConfig } from '../../src/local/client-config.ts';
import { type LocalDynamoDb, startLocalDynamoDb } from '../../src/local/dynamodb.ts';
import type { LoadedManifest } from '../../src/manifest/index.ts';
import { formatDiagnostic, loadRevision, type Revision } from '../../src/manifest/index.ts';
import { defaultProviders } from '../../src/providers/all.ts';
import { ownershipFor } from '../../src/providers/ownership.ts';
import type { ProviderRegistry } from '../../src/providers/registry.ts';
import type { ProviderContextBase } from '../../src/providers/types.ts';
import { ManualScheduler, type RateLimiters, settle } from '../../src/reconcile/index.ts';
import { ensureTable, LeaseManager, StateStore } from '../../src/state/index.ts';

/** A revision feed tests set by hand. */
export class FixedRevisions implements RevisionFeed {
  #current: { revision: Revision; empty: boolean; source: string } | undefined;

  set(files: Record<string, string>): Revision {
    const result = loadRevision(Object.entries(files).map(([file, content]) => ({ file, content })));
    if (!result.ok) throw new Error(result.errors.map(formatDiagnostic).join('\n'));
    this.#current = { revision: result.revision, empty: Object.keys(files).length === 0, source: 'test' };
    return result.revision;
  }

  current() {
    return this.#current;
  }
}

export interface OperatorHarness {
  readonly emulator: RunningEmulator;
  readonly control: EmulatorControl;
  readonly aws: AwsClients;
  readonly store: StateStore;
  /** The state table and its client, for a second replica. */
  readonly dynamo: DynamoDBClient;
  readonly table: string;
  readonly lease: LeaseManager;
  readonly revisions: FixedRevisions;
  readonly scheduler: ManualScheduler;
  readonly operator: Operator;
  readonly providers: ProviderRegistry;
  readonly base: ProviderContextBase;
  /** Manifests from YAML texts keyed by file name, in create order; throws with every error if invalid. */
  load(files: Record<string, string>): LoadedManifest[];
  /** Every HTTP attempt of the operator's AWS clients so far, in order: `service:Operation`. */
  readonly calls: string[];
  /** Every identity reconciled so far, in order (with repeats). */
  readonly reconciled: string[];
  /**
   * Takes the revision set last, then resyncs, works and lets simulated time pass until every
   * resource's last decision is to leave it as it is (or `rounds` run out).
   */
  converge(rounds?: number): Promise<void>;
  /** Works off the queue: reconciles until nothing is queued, moving simulated time for keys asked to wait. */
  drain(): Promise<void>;
  /**
   * A new leader, as after a kill -9: the harness's operator stops, and another on the same state
   * table, lease, revisions and clocks starts and takes the revision in force; `drain` works its
   * queue off as `drain()` does the harness's own. close() stops it too.
   */
  successor(): Promise<{ readonly operator: Operator; drain(): Promise<void> }>;
  /** Lets simulated time pass on both clocks (the emulator's and the operator's). */
  wait(ms: number): Promise<void>;
  close(): Promise<void>;
}

let tables = 0;
const LEASE_STEP_MS = 5_000;

export interface HarnessOptions {
  /** Rate-limit Shipshape's calls with token buckets at a share of AWS's rates (real time). */
  readonly rateLimited?: boolean;
  /** SDK attempts per call (default 1: the loop's own retries are what is tested). */
  readonly maxAttempts?: number;
  /** The rollout gate's http checks go through the emulator (its load balancers answer HTTP), as `shipshape dev` sets up. */
  readonly probeThroughEmulator?: boolean;
}

export async function startOperatorHarness(
  given: Partial<OperatorSettings> = {},
  options: HarnessOptions = {},
): Promise<OperatorHarness & { readonly limiters?: RateLimiters }> {
  const emulator = await startEmulator();
  const settings =
    options.probeThroughEmulator === true ? { ...given, probeProxy: emulator.endpoint } : given;
  const dynamo: LocalDynamoDb = await startLocalDynamoDb();
  const control = new EmulatorControl(emulator.endpoint);
  const rate = options.rateLimited === true ? rateLimitedGate() : undefined;
  const calls: string[] = [];
  const aws = createAwsClients(
    {
      region: 'us-east-1',
      endpoint: emulator.endpoint,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      maxAttempts: options.maxAttempts ?? 1,
    },
    {
      async before(service, operation, signal) {
        calls.push(`${service}:${operation}`);
        await rate?.gate.before(service, operation, signal);
      },
      after: (service, operation, outcome) => rate?.gate.after(service, operation, outcome),
    },
  );
  const dynamoClient = new DynamoDBClient(localClientConfig(dynamo.endpoint, 'us-east-1'));
  tables += 1;
  const table = `shipshape-state-${tables}`;
  await ensureTable(dynamoClient, table);
  const scheduler = new ManualScheduler(emulator.emulator.clock.now());
  const clock = { now: () => scheduler.now() };
  const store = new StateStore({ client: dynamoClient, table, fenceMode: 'check-then-write', clock });
  const lease = new LeaseManager({ client: dynamoClient, table, holderId: 'replica-a', clock });
  await lease.tryAcquireOrRenew();
  // A test that releases the lease keeps this replica a follower.
  let leading = true;
  const release = lease.release.bind(lease);
  lease.release = async () => {
    leading = false;
    await release();
  };
  const revisions = new FixedRevisions();
  const reconciled: string[] = [];
  const providers = defaultProviders();
  const base: ProviderContextBase = { aws, ownership: ownershipFor('test') };
  const operator = new Operator({
    onReconcile: (identity) => reconciled.push(identity),
    // Revision history as the runtime keeps it (source tracker reports), for what a revision released.
    onRevisionDecided: async (id, result) => {
      const token = lease.fencingToken();
      if (token === undefined) return;
      const at = new Date(emulator.emulator.clock.now()).toISOString();
      await store.recordRevision({ id, at, source: 'test', result, errorCount: 0 }, token);
    },
    providers,
    base,
    store,
    leader: lease,
    revisions,
    scheduler,
    now: () => emulator.emulator.clock.now(),
    settings,
  });
  // In steps shorter than the lease's renew deadline, renewing between them, as the lease's own loop would.
  const wait = async (ms: number) => {
    for (let left = ms; left > 0; left -= LEASE_STEP_MS) {
      const step = Math.min(left, LEASE_STEP_MS);
      await control.advance(step);
      await scheduler.advance(step);
      if (leading) await lease.tryAcquireOrRenew();
    }
  };
  const drainOf = async (working: Operator) => {
    for (let spin = 0; spin < 400; spin += 1) {
      await settle();
      if (!working.settled) {
        await new Promise((resolve) => setTimeout(resolve, 5));
        continue;
      }
      if (working.idle) return;
      // Keys asked to wait (a verify after a write, AWS not ready yet): let simulated time reach them.
      await wait(1_000);
    }
  };
  const drain = () => drainOf(operator);
  const successors: Operator[] = [];
  const pending = () =>
    operator.lastPlan().changes.filter((change) => change.action !== 'noop' && change.action !== 'conflict');
  let started = false;
  return {
    ...(rate === undefined ? {} : { limiters: rate.limiters }),
    emulator,
    control,
    aws,
    store,
    dynamo: dynamoClient,
    table,
    lease,
    revisions,
    scheduler,
    operator,
    providers,
    base,
    load(files) {
      const result = loadRevision(Object.entries(files).map(([file, content]) => ({ file, content })));
      if (!result.ok) throw new Error(result.errors.map(formatDiagnostic).join('\n'));
      return inCreateOrder(result.revision);
    },
    reconciled,
    calls,
    wait,
    drain,
    async converge(rounds = 12) {
      if (!started) {
        started = true;
        operator.start();
        await operator.checkLeadership();
      }
      await operator.onRevision();
      for (let round = 0; round < rounds; round += 1) {
        await operator.resync({ spread: false });
        await drain();
        const progressing = operator.statuses().some((status) => status.health === 'Progressing');
        if (pending().length === 0 && operator.idle && !progressing) return;
        await wait(30_000);
        await drain();
      }
    },
    async successor() {
      await operator.stop();
      const next = new Operator({
        providers,
        base,
        store,
        leader: lease,
        revisions,
        scheduler,
        now: () => emulator.emulator.clock.now(),
        settings,
      });
      successors.push(next);
      next.start();
      await next.checkLeadership();
      await next.onRevision();
      return { operator: next, drain: () => drainOf(next) };
    },
    async close() {
      await operator.stop();
      for (const next of successors) await next.stop();
      aws.destroy();
      dynamoClient.destroy();
      await dynamo.close();
      await emulator.close();
    },
  };
}
