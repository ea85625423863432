import { rm } from 'node:fs/promises';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { loadConfig } from '../src/config/index.ts';
import { startEmulator } from '../src/emulator/server.ts';
import { startLocalDynamoDb } from '../src/local/dynamodb.ts';
import { createLogger } from '../src/log.ts';
import { type RunningShipshape, startShipshape } from '../src/runtime/shipshape.ts';
import { COLD_SHARE } from './cold-converge.ts';
import type { FleetShape } from './fleet.ts';
import type { BenchResult, Figure } from './results.ts';
import { accountOf, declareTargetRoles, oneTargetFloor, writeTargetFleet } from './target-fleet.ts';
import { CREDENTIALS, INSTANCE, REGION } from './world.ts';

/** The goal: targets run in parallel, so N targets converge in about one target's floor. */
const GOAL_RATIO = 1.25;
const DEFAULT_ACCOUNT = '123456789012';

type Counts = Record<string, { ok: number; error: number; throttled: number }>;

interface Round {
  readonly targets: number;
  readonly services: number;
  /** From startShipshape to every resource Synced. */
  readonly seconds: number;
  /** From startShipshape to each account's last successful CreateService. */
  readonly lastCreate: Record<string, number>;
  readonly synced: number;
  readonly expected: number;
  readonly cpuMs: number;
  readonly p99DelayMs: number;
  /** CreateService calls in each target's account (and the operator's own), by outcome. */
  readonly creates: Record<string, { ok: number; error: number; throttled: number }>;
  readonly throttled: Record<string, number>;
}

async function requestsOf(endpoint: string, account: string): Promise<Counts> {
  const answer = await fetch(`${endpoint}/_emulator/requests?account=${account}`);
  return (await answer.json()) as Counts;
}

async function syncedCount(running: RunningShipshape): Promise<number> {
  const answer = await running.api.inject({ method: 'GET', url: '/status?limit=1' });
  const body = answer.json() as { summary: { bySync: Record<string, number> } };
  return body.summary.bySync.Synced ?? 0;
}

/** One replica, the whole runtime, converging `targets` × `services` cold in as many emulated accounts. */
async function convergeOnce(targets: number, shape: FleetShape): Promise<Round> {
  const expected = targets * (shape.services + 2 * shape.clusters);
  const accounts = Array.from({ length: targets }, (_, t) => accountOf(t));
  const folder = await writeTargetFleet(targets, shape);
  const emulator = await startEmulator({ clock: 'real', throttling: true, defaultRegion: REGION });
  const dynamo = await startLocalDynamoDb();
  let running: RunningShipshape | undefined;
  try {
    await declareTargetRoles(emulator.endpoint, targets);
    const loaded = loadConfig({}, [], {
      source: folder,
      stateTable: 'shipshape-bench',
      region: REGION,
      endpoint: emulator.endpoint,
      instance: INSTANCE,
      replicaId: 'bench-replica',
      apiHost: '127.0.0.1',
      apiPort: 0,
      // As bench/cold-converge.ts: 8 workers (here, per target), token buckets at share 0.5.
      workers: 8,
      rateShare: COLD_SHARE,
      logLevel: 'warn',
    });
    if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
    const logger = createLogger({ level: process.env.BENCH_DEBUG === undefined ? 'silent' : 'warn' });
    const delay = monitorEventLoopDelay({ resolution: 5 });
    delay.enable();
    const cpu = process.cpuUsage();
    const started = performance.now();
    running = await startShipshape(loaded.config, logger, {
      dynamodb: dynamo.endpoint,
      credentials: CREDENTIALS,
      fenceMode: 'check-then-write',
    });
    const lastCreate: Record<string, number> = {};
    const deadline = started + 15 * 60_000;
    let synced = 0;
    while (performance.now() < deadline) {
      synced = await syncedCount(running);
      for (const account of accounts) {
        if (lastCreate[account] !== undefined) continue;
        const counts = await requestsOf(emulator.endpoint, account);
        if ((counts['ecs:CreateService']?.ok ?? 0) >= shape.services)
          lastCreate[account] = (performance.now() - started) / 1000;
      }
      if (synced >= expected) break;
      await sleep(250);
    }
    const seconds = (performance.now() - started) / 1000;
    const used = process.cpuUsage(cpu);
    delay.disable();
    const creates: Round['creates'] = {};
    const throttled: Record<string, number> = {};
    for (const account of [...accounts, DEFAULT_ACCOUNT]) {
      const counts = await requestsOf(emulator.endpoint, account);
      creates[account] = counts['ecs:CreateService'] ?? { ok: 0, error: 0, throttled: 0 };
      throttled[account] = Object.values(counts).reduce((sum, c) => sum + c.throttled, 0);
    }
    return {
      targets,
      services: shape.services,
      seconds,
      lastCreate,
      synced,
      expected,
      cpuMs: (used.user + used.system) / 1000,
      p99DelayMs: delay.percentile(99) / 1e6,
      creates,
      throttled,
    };
  } finally {
    await running?.close().catch(() => undefined);
    await dynamo.close();
    await emulator.close();
    await rm(folder, { recursive: true, force: true });
  }
}

/** CreateService calls made exactly once per service in every target's account, none in the operator's own. */
const createsExact = (round: Round): boolean =>
  Object.entries(round.creates).every(([account, c]) =>
    account === DEFAULT_ACCOUNT ? c.ok + c.error === 0 : c.ok === round.services && c.error === 0,
  );

const describeRound = (round: Round): string => {
  const creates = Object.entries(round.creates)
    .filter(([account]) => account !== DEFAULT_ACCOUNT)
    .map(([, c]) => c.ok + c.error);
  const throttles = Object.values(round.throttled).reduce((a, b) => a + b, 0);
  const lastCreate = Math.max(...Object.values(round.lastCreate));
  return `synced ${round.synced}/${round.expected}, last CreateService at ${lastCreate.toFixed(1)} s, CreateService per account ${creates.join('/')}, throttled=${throttles}, CPU ${(round.cpuMs / 1000).toFixed(1)} s, loop delay p99 ${round.p99DelayMs.toFixed(0)} ms`;
};

/**
 * Issue 16: one replica converging 5 Targets × N services (5 accounts, each its own operator,
 * clients and rate buckets) against one target's rate floor, and 1 Target × N for comparison.
 */
export async function targetsConverge(services: number, targets = 5): Promise<BenchResult> {
  const shape: FleetShape = { services, clusters: 10, namespaces: 4, withNetworking: false };
  const floor = oneTargetFloor(shape);
  const many = await convergeOnce(targets, shape);
  const one = await convergeOnce(1, shape);
  const figures: Figure[] = [
    {
      id: `targets-converge.seconds-${targets}`,
      bench: 'targets-converge',
      figure: `${targets} targets x ${services} services, one replica, to every resource Synced`,
      measured: many.seconds,
      unit: 's',
      reference: floor.seconds,
      referenceLabel: `one target's floor: ${floor.group} at share ${COLD_SHARE}`,
      goal: { max: GOAL_RATIO * floor.seconds, label: `<= ${GOAL_RATIO}x one target's floor` },
      note: describeRound(many),
    },
    {
      id: 'targets-converge.seconds-1',
      bench: 'targets-converge',
      figure: `1 target x ${services} services, one replica, to every resource Synced`,
      measured: one.seconds,
      unit: 's',
      reference: floor.seconds,
      referenceLabel: `floor: ${floor.group} at share ${COLD_SHARE}`,
      note: describeRound(one),
    },
    {
      id: 'targets-converge.creates',
      bench: 'targets-converge',
      figure: `CreateService calls in ${targets} + 1 target accounts (none in the operator's own)`,
      measured: Object.values(many.creates).reduce((a, c) => a + c.ok + c.error, 0),
      unit: 'calls',
      reference: targets * services,
      referenceLabel: 'one per service',
      goal: { min: targets * services, max: targets * services, label: 'exactly one per service' },
      note: `every account exact: ${createsExact(many) && createsExact(one)}`,
    },
  ];
  return { figures, details: { shape, floor, rounds: [many, one] } };
}
