import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { buildApi } from '../src/api/build-api.ts';
import { createMetrics } from '../src/api/metrics.ts';
import { redactingStatusReader } from '../src/api/redacting-reader.ts';
import { cachedStatusReader } from '../src/api/status-cache.ts';
import { StatusSnapshots } from '../src/api/status-snapshots.ts';
import { WatchHub } from '../src/api/watch/watch-hub.ts';
import { type ClientProcess, startClientProcess } from './client-process.ts';
import { COLD_SHARE, rateFloorSeconds } from './cold-converge.ts';
import { type FleetShape, fleet } from './fleet.ts';
import { type OperatorRig, startOperatorRig } from './operator-rig.ts';
import { REFUSING_ACTIONS } from './refusing-actions.ts';
import type { BenchResult, Figure } from './results.ts';
import { startWorld } from './world.ts';

const WATCHERS = 100;
/** Each count twice, the second pair in reverse (a drift over the run favours neither). */
const ROUNDS = [0, WATCHERS, WATCHERS, 0];
const CLIENTS = fileURLToPath(new URL('./watch-stream-clients.ts', import.meta.url));

/** Messages by type, one record per client. */
type Counts = Array<Record<string, number>>;

type Clients = ClientProcess<Counts>;

/** `count` /watch clients in a child process. */
const startClients = (url: string, count: number): Promise<Clients> =>
  startClientProcess(CLIENTS, [url, String(count)]);

/** Calls a cold start must make (as bench/cold-converge.ts counts them): one create each, one registration per family. */
function writesNeeded(shape: FleetShape): Record<string, number> {
  return {
    'ecs:CreateCluster': shape.clusters,
    'ecs:RegisterTaskDefinition': shape.clusters,
    'ecs:CreateService': shape.services,
  };
}

/** The API as src/runtime/shipshape.ts wires it, over the rig's store, in this process. */
function apiOver(rig: OperatorRig) {
  const redacted = redactingStatusReader(rig.store);
  const snapshots = new StatusSnapshots({
    reader: redacted,
    changes: rig.store,
    onlyWriter: () => rig.lease.isLeader(),
  });
  // The hub buildApi makes from `events`, with its defaults; made here only to count its watchers.
  const hub = new WatchHub({ snapshots, events: rig.store });
  const api = buildApi({
    status: cachedStatusReader(redacted),
    snapshots,
    watch: hub,
    metrics: createMetrics(),
    ready: () => rig.operator.ready,
    actions: REFUSING_ACTIONS,
  });
  return { api, hub };
}

interface Round {
  readonly watchers: number;
  readonly seconds: number;
  readonly p99DelayMs: number;
  readonly maxDelayMs: number;
  readonly cpuMs: number;
  readonly throttled: number;
  /** Watchers still connected when the last service was created (a slow one is dropped). */
  readonly connectedAtEnd: number;
  readonly eventsRecorded: number;
  /** The fewest `event` messages one client got (every client should have every event recorded). */
  readonly leastEvents: number;
  /** Messages all clients got, by type (`hello` left out), and the fewest and most one client got. */
  readonly received: Record<string, number>;
  readonly leastPerClient: number;
  readonly mostPerClient: number;
}

const total = (counts: Record<string, number>) =>
  Object.entries(counts).reduce((sum, [type, n]) => (type === 'hello' ? sum : sum + n), 0);

/** Polls the clients until every one has every event recorded and nothing more comes for a while. */
async function settledCounts(clients: Clients, events: number): Promise<Counts> {
  const deadline = performance.now() + 60_000;
  let got = await clients.count();
  while (Math.min(...got.map((c) => c.event ?? 0)) < events && performance.now() < deadline) {
    await sleep(100);
    got = await clients.count();
  }
  // Longer than the snapshots' and the hub's burst spacing (250 ms each): a quiet poll means all is out.
  for (;;) {
    await sleep(1_000);
    const again = await clients.count();
    const same = JSON.stringify(again) === JSON.stringify(got);
    got = again;
    if (same || performance.now() > deadline) return got;
  }
}

/** One cold converge of `services`, timed to the last CreateService, with `watchers` on GET /watch. */
async function convergeOnce(services: number, watchers: number): Promise<Round> {
  const shape: FleetShape = { services, clusters: 10, namespaces: 4, withNetworking: false };
  const world = await startWorld({ throttling: true, rateLimited: true, share: COLD_SHARE });
  const rig = await startOperatorRig(world, { workers: 8 });
  const { api, hub } = apiOver(rig);
  let clients: Clients | undefined;
  try {
    const url = await api.listen({ host: '127.0.0.1', port: 0 });
    clients = watchers === 0 ? undefined : await startClients(url, watchers);
    while (hub.watchers < watchers) await sleep(10);
    let eventsRecorded = 0;
    rig.store.onEventRecorded(() => {
      eventsRecorded += 1;
    });
    rig.revisions.set(fleet(shape).revision);
    const delay = monitorEventLoopDelay({ resolution: 5 });
    delay.enable();
    const cpu = process.cpuUsage();
    const started = performance.now();
    rig.operator.start();
    const deadline = started + 20 * 60_000;
    const created = async () => (await world.control.requests())['ecs:CreateService']?.ok ?? 0;
    while ((await created()) < services && performance.now() < deadline) await sleep(250);
    const seconds = (performance.now() - started) / 1000;
    const used = process.cpuUsage(cpu);
    delay.disable();
    const connectedAtEnd = hub.watchers;
    const throttled = Object.values(world.aws.stats.snapshot()).reduce((a, c) => a + c.throttled, 0);
    // Nothing more is written: what the clients were sent is all there is to count.
    await rig.operator.stop();
    const counts = clients === undefined ? [] : await settledCounts(clients, eventsRecorded);
    const received: Record<string, number> = {};
    for (const client of counts)
      for (const [type, n] of Object.entries(client))
        if (type !== 'hello') received[type] = (received[type] ?? 0) + n;
    const perClient = counts.map(total);
    return {
      watchers,
      seconds,
      p99DelayMs: delay.percentile(99) / 1e6,
      maxDelayMs: delay.max / 1e6,
      cpuMs: (used.user + used.system) / 1000,
      throttled,
      connectedAtEnd,
      eventsRecorded,
      leastEvents: counts.length === 0 ? 0 : Math.min(...counts.map((c) => c.event ?? 0)),
      received,
      leastPerClient: perClient.length === 0 ? 0 : Math.min(...perClient),
      mostPerClient: perClient.length === 0 ? 0 : Math.max(...perClient),
    };
  } finally {
    await clients?.close();
    await api.close();
    await world.close();
    await rig.close().catch(() => undefined);
  }
}

const mean = (values: readonly number[]) => values.reduce((a, b) => a + b, 0) / values.length;

/**
 * What 100 GET /watch clients cost the real loop: `services` created cold against the emulator
 * with AWS's rates on (as bench/cold-converge.ts), the API served by the operator's process over
 * its state store, with no watcher and with 100 (held in a child process), each twice in turn.
 */
export async function watchConverge(services: number): Promise<BenchResult> {
  const rounds: Round[] = [];
  for (const watchers of ROUNDS) {
    console.error(`bench watch-converge: ${services} services, ${watchers} watchers`);
    rounds.push(await convergeOnce(services, watchers));
  }
  const shape: FleetShape = { services, clusters: 10, namespaces: 4, withNetworking: false };
  const floor = rateFloorSeconds(writesNeeded(shape), COLD_SHARE)[0] ?? { group: 'none', seconds: 0 };
  const of = (watchers: number) => rounds.filter((r) => r.watchers === watchers);
  const [none, many] = [of(0), of(WATCHERS)];
  const seconds = (rs: readonly Round[]) => mean(rs.map((r) => r.seconds));
  const list = (rs: readonly Round[], pick: (r: Round) => number, digits: number) =>
    rs.map((r) => pick(r).toFixed(digits)).join(' / ');
  const delays = (rs: readonly Round[]) => `${list(rs, (r) => r.p99DelayMs, 1)} ms`;
  const cpu = (rs: readonly Round[]) => `${list(rs, (r) => r.cpuMs / 1000, 1)} s`;
  const runs = (rs: readonly Round[]) => `runs ${list(rs, (r) => r.seconds, 1)} s`;
  const received = many.reduce((sum, r) => sum + total(r.received), 0);
  const byType: Record<string, number> = {};
  for (const r of many)
    for (const [type, n] of Object.entries(r.received)) byType[type] = (byType[type] ?? 0) + n;
  const types = Object.entries(byType)
    .map(([type, n]) => `${type} ${n}`)
    .join(', ');
  const throttled = rounds.reduce((sum, r) => sum + r.throttled, 0);
  const work = `${services} services created cold`;
  const floorLabel = `floor: ${floor.group} at share ${COLD_SHARE}`;
  const figures: Figure[] = [
    {
      id: 'watch-converge.seconds-100',
      bench: 'watch-converge',
      figure: `${work}, with ${WATCHERS} /watch clients`,
      measured: seconds(many),
      unit: 's',
      reference: seconds(none),
      referenceLabel: 'no watcher',
      goal: { max: 1.05 * seconds(none), label: '<= 1.05x without' },
      note: `mean of ${many.length}; event-loop delay p99 ${delays(many)} vs ${delays(none)}; CPU ${cpu(many)} vs ${cpu(none)}`,
    },
    {
      id: 'watch-converge.floor-100',
      bench: 'watch-converge',
      figure: `${work}, with ${WATCHERS} /watch clients, against the rate floor`,
      measured: seconds(many),
      unit: 's',
      reference: floor.seconds,
      referenceLabel: floorLabel,
      note: runs(many),
    },
    {
      id: 'watch-converge.floor-0',
      bench: 'watch-converge',
      figure: `${work}, no watcher, against the rate floor`,
      measured: seconds(none),
      unit: 's',
      reference: floor.seconds,
      referenceLabel: floorLabel,
      note: `${runs(none)}; throttled=${throttled} in all`,
    },
    {
      id: 'watch-converge.messages',
      bench: 'watch-converge',
      figure: `/watch messages the ${WATCHERS} clients received, ${many.length} converges`,
      measured: received,
      unit: 'messages',
      note: `${types}; events recorded ${list(many, (r) => r.eventsRecorded, 0)}, the fewest a client got ${list(many, (r) => r.leastEvents, 0)}; connected at the end ${list(many, (r) => r.connectedAtEnd, 0)}; per client and run ${list(many, (r) => r.leastPerClient, 0)} (least), ${list(many, (r) => r.mostPerClient, 0)} (most)`,
    },
  ];
  return { figures, details: { services, watchers: WATCHERS, floor, rounds } };
}
