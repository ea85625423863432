import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { type AwsClients, createAwsClients } from '../../src/aws/clients.ts';
import { rateLimitedGate } from '../../src/aws/rate-gate.ts';
import { Operator, type RevisionFeed } from '../../src/converge/operator.ts';
import type { OperatorSettings } from '../../src/converge/settings.ts';
import { EmulatorControl } from '../../src/emulator/control-client.ts';
import { type RunningEmulator, startEmulator } from '../../src/emulator/server.ts';
import { localClientConfig } from '../../src/local/client-config.ts';
import { type LocalDynamoDb, startLocalDynamoDb } from '../../src/local/dynamodb.ts';
import { formatDiagnostic, loadRevision, type Revision } from '../../src/manifest/index.ts';
import { defaultProviders } from '../../src/providers/all.ts';
import { ownershipFor } from '../../src/providers/ownership.ts';
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
  readonly lease: LeaseManager;
  readonly revisions: FixedRevisions;
  readonly scheduler: ManualScheduler;
  readonly operator: Operator;
  /** Full passes, work and simulated time until nothing is left to do (or `rounds` run out). */
  converge(rounds?: number): Promise<void>;
  /** Lets simulated time pass on both clocks (the emulator's and the operator's). */
  wait(ms: number): Promise<void>;
  close(): Promise<void>;
}

let tables = 0;

export interface HarnessOptions {
  /** Rate-limit Shipshape's calls with token buckets at a share of AWS's rates (real time). */
  readonly rateLimited?: boolean;
  /** SDK attempts per call (default 1: the loop's own retries are what is tested). */
  readonly maxAttempts?: number;
}

export async function startOperatorHarness(
  settings: Partial<OperatorSettings> = {},
  options: HarnessOptions = {},
): Promise<OperatorHarness & { readonly limiters?: RateLimiters }> {
  const emulator = await startEmulator();
  const dynamo: LocalDynamoDb = await startLocalDynamoDb();
  const control = new EmulatorControl(emulator.endpoint);
  const rate = options.rateLimited === true ? rateLimitedGate() : undefined;
  const aws = createAwsClients(
    {
      region: 'us-east-1',
      endpoint: emulator.endpoint,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      maxAttempts: options.maxAttempts ?? 1,
    },
    rate?.gate,
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
  const revisions = new FixedRevisions();
  const operator = new Operator({
    providers: defaultProviders(),
    base: { aws, ownership: ownershipFor('test'), cache: new Map() },
    store,
    leader: lease,
    revisions,
    scheduler,
    now: () => emulator.emulator.clock.now(),
    settings,
  });
  const wait = async (ms: number) => {
    await control.advance(ms);
    await scheduler.advance(ms);
    await lease.tryAcquireOrRenew();
  };
  const drain = async () => {
    for (let spin = 0; spin < 120 && !operator.idle; spin += 1) {
      await settle();
      await wait(1_000);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
  };
  let started = false;
  return {
    ...(rate === undefined ? {} : { limiters: rate.limiters }),
    emulator,
    control,
    aws,
    store,
    lease,
    revisions,
    scheduler,
    operator,
    wait,
    async converge(rounds = 12) {
      if (!started) {
        started = true;
        operator.startWorkers();
      }
      for (let round = 0; round < rounds; round += 1) {
        await operator.runPass('full');
        await drain();
        await wait(30_000);
        const left = operator.lastPlan().changes.filter((c) => c.action !== 'noop');
        if (left.length === 0 && operator.idle) {
          await operator.runPass('full');
          if (operator.lastPlan().changes.every((c) => c.action === 'noop') && operator.idle) return;
        }
      }
    },
    async close() {
      await operator.stop();
      aws.destroy();
      dynamoClient.destroy();
      await dynamo.close();
      await emulator.close();
    },
  };
}
