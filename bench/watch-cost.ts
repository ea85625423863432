import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { buildApi } from '../src/api/build-api.ts';
import { createMetrics } from '../src/api/metrics.ts';
import { redactingStatusReader } from '../src/api/redacting-reader.ts';
import { StatusSnapshots } from '../src/api/status-snapshots.ts';
import { WatchHub } from '../src/api/watch/watch-hub.ts';
import { localClientConfig } from '../src/local/client-config.ts';
import { startLocalDynamoDb } from '../src/local/dynamodb.ts';
import type { ResourceStatus } from '../src/state/index.ts';
import { type ClientProcess, startClientProcess } from './client-process.ts';
import { leadingStateStore } from './leading-store.ts';
import { REFUSING_ACTIONS } from './refusing-actions.ts';
import type { BenchResult, Figure } from './results.ts';
import { REGION } from './world.ts';

const WATCHERS = 100;
/** Rounds without watchers, with one (the snapshots followed), and with many (the fan-out too). */
const COUNTS = [0, 1, WATCHERS];
/** As many writes in flight as the operator's workers have. */
const CONCURRENCY = 8;
/**
 * Each count's rounds, in turn, the order reversed every other time (so a drift over the run, as
 * the table grows, favours none); its figure is their median (the shared machine's noise moves
 * single rounds).
 */
const REPEATS = 4;

function statusOf(index: number, round: number): ResourceStatus {
  return {
    identity: `Service/c${index % 10}/svc-${index}`,
    sync: round % 2 === 0 ? 'Synced' : 'OutOfSync',
    health: 'Healthy',
    conditions: [],
    appliedRevision: 'sha256:0000',
    drift: round % 2 === 0 ? [] : [{ path: 'desiredCount', desired: 2, actual: 3 }],
    observedAt: new Date().toISOString(),
    awsIds: { arn: `arn:aws:ecs:us-east-1:123456789012:service/cluster-${index % 10}/svc-${index}` },
  };
}

const CLIENTS = fileURLToPath(new URL('./watch-clients.ts', import.meta.url));

type Clients = ClientProcess<{ least: number; total: number }>;

/** `count` /watch clients in a child process. */
const startClients = (url: string, count: number): Promise<Clients> =>
  startClientProcess(CLIENTS, [url, String(count)]);

/**
 * What 100 connected /watch clients cost the loop: the writes a reconcile pass makes (a status
 * transition and an event for each of `resources` services, 8 at a time, on the store the
 * operator uses, with the API wired as the runtime wires it in the same process) timed with 0
 * watchers, with 1 and with 100 (held in a child process), in turn REPEATS times, after a warm-up
 * round; each figure is the median. The process's CPU time per round (dynalite's included, the
 * same in every round) is in the note.
 */
export async function watchCost(resources: number): Promise<BenchResult> {
  const dynamo = await startLocalDynamoDb();
  const client = new DynamoDBClient(localClientConfig(dynamo.endpoint, REGION));
  const table = 'shipshape-bench-watch';
  const { store, lease, token } = await leadingStateStore(client, table);
  const reader = redactingStatusReader(store);
  const snapshots = new StatusSnapshots({ reader, changes: store, onlyWriter: () => lease.isLeader() });
  // Stops following as soon as the last watcher leaves, so the rounds without watchers pay nothing.
  const hub = new WatchHub({ snapshots, events: store, idleAfterMs: 0 });
  const api = buildApi({
    status: reader,
    snapshots,
    watch: hub,
    metrics: createMetrics(),
    ready: () => true,
    actions: REFUSING_ACTIONS,
  });
  const url = await api.listen({ host: '127.0.0.1', port: 0 });
  let round = 0;
  const pass = async (): Promise<{ ms: number; cpuMs: number; p99DelayMs: number }> => {
    round += 1;
    const delay = monitorEventLoopDelay({ resolution: 5 });
    delay.enable();
    const cpu = process.cpuUsage();
    const started = performance.now();
    let next = 0;
    const worker = async () => {
      for (let i = next++; i < resources; i = next++) {
        await store.putStatus(statusOf(i, round), token);
        await store.recordEvent(
          {
            identity: `Service/c${i % 10}/svc-${i}`,
            at: new Date().toISOString(),
            type: 'Normal',
            reason: round % 2 === 0 ? 'Healed' : 'DriftDetected',
            message: `round ${round}`,
          },
          token,
        );
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    const ms = performance.now() - started;
    const used = process.cpuUsage(cpu);
    delay.disable();
    return { ms, cpuMs: (used.user + used.system) / 1000, p99DelayMs: delay.percentile(99) / 1e6 };
  };
  try {
    for (let i = 0; i < resources; i += 1) await store.putStatus(statusOf(i, 0), token);
    await pass();
    const times = new Map<number, number[]>(COUNTS.map((count) => [count, []]));
    const delays = new Map<number, number[]>(COUNTS.map((count) => [count, []]));
    const cpus = new Map<number, number[]>(COUNTS.map((count) => [count, []]));
    let delivered = 0;
    for (let repeat = 0; repeat < REPEATS; repeat += 1) {
      for (const count of repeat % 2 === 0 ? COUNTS : [...COUNTS].reverse()) {
        const clients = count === 0 ? undefined : await startClients(url, count);
        while (hub.watchers < count) await sleep(10);
        const round = await pass();
        times.get(count)?.push(round.ms);
        delays.get(count)?.push(round.p99DelayMs);
        cpus.get(count)?.push(round.cpuMs);
        if (clients === undefined) continue;
        // Every watcher got every event before the round counts as done (not timed).
        let got = await clients.count();
        while (got.least < resources) {
          await sleep(20);
          got = await clients.count();
        }
        delivered += got.total;
        await clients.close();
        while (hub.watchers > 0) await sleep(10);
      }
    }
    const median = (values: readonly number[] = []) => {
      const sorted = [...values].sort((a, b) => a - b);
      const middle = sorted.length / 2;
      const [low, high] = [sorted[Math.ceil(middle) - 1], sorted[Math.floor(middle)]];
      return low === undefined || high === undefined ? Number.NaN : (low + high) / 2;
    };
    const [none, one, many] = COUNTS.map((count) => median(times.get(count)));
    const delay = (count: number) => `${median(delays.get(count)).toFixed(1)} ms`;
    const cpu = (count: number) => `${median(cpus.get(count)).toFixed(0)} ms`;
    const work = `${resources} status writes + ${resources} events`;
    const figures: Figure[] = [
      {
        id: 'watch.loop-100',
        bench: 'watch',
        figure: `${work}, with ${WATCHERS} /watch clients`,
        measured: many ?? Number.NaN,
        unit: 'ms',
        reference: none ?? Number.NaN,
        referenceLabel: 'no watcher',
        goal: { max: (none ?? 0) * 1.1, label: '<= 1.1x without' },
        note: `median of ${REPEATS}; CPU ${cpu(WATCHERS)} vs ${cpu(0)}; event-loop delay p99 ${delay(WATCHERS)} vs ${delay(0)}; ${delivered} events delivered`,
      },
      {
        id: 'watch.loop-1',
        bench: 'watch',
        figure: `${work}, with 1 /watch client (following the snapshots)`,
        measured: one ?? Number.NaN,
        unit: 'ms',
        reference: none ?? Number.NaN,
        referenceLabel: 'no watcher',
        note: `CPU ${cpu(1)}; event-loop delay p99 ${delay(1)}`,
      },
      {
        id: 'watch.fan-out-100',
        bench: 'watch',
        figure: `${work}, ${WATCHERS} /watch clients against 1 (the fan-out)`,
        measured: many ?? Number.NaN,
        unit: 'ms',
        reference: one ?? Number.NaN,
        referenceLabel: '1 watcher',
      },
    ];
    return {
      figures,
      details: {
        resources,
        watchers: WATCHERS,
        times: Object.fromEntries(times),
        cpuMs: Object.fromEntries(cpus),
        delays: Object.fromEntries(delays),
        delivered,
      },
    };
  } finally {
    await api.close();
    lease.stop();
    client.destroy();
    await dynamo.close();
  }
}
