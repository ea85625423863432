import { setTimeout as sleep } from 'node:timers/promises';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { type AwsClients, createAwsClients } from '../src/aws/clients.ts';
import { apply } from '../src/converge/apply.ts';
import { inCreateOrder } from '../src/converge/ordered.ts';
import { EmulatorControl } from '../src/emulator/control-client.ts';
import { PENDING_MS, PROVISIONING_MS, STABLE_AFTER_MS } from '../src/emulator/ecs/timing.ts';
import { type LocalAws, startLocalAws } from '../src/local/aws.ts';
import type { Revision } from '../src/manifest/index.ts';
import { defaultProviders } from '../src/providers/all.ts';
import { ownershipFor } from '../src/providers/ownership.ts';
import { revisionFor } from '../src/runtime/targets/target-revision.ts';
import { targetsOf } from '../src/runtime/targets/target-spec.ts';
import { StateStore } from '../src/state/index.ts';
import { looksIn } from '../test/faults/replica-process.ts';
import {
  type BuiltServe,
  buildServe,
  removeBuild,
  rssOf,
  spawnServe,
  taskMemoryBytes,
} from './built-serve.ts';
import { type FleetShape, load } from './fleet.ts';
import { editAndTimeRevert } from './hand-edit.ts';
import { minimumScan } from './reads.ts';
import { type BenchResult, type Figure, isRead, percentile } from './results.ts';
import { accountOf, declareTargetRoles, syncedOn, targetFleetFiles, targetIds } from './target-fleet.ts';
import { INSTANCE } from './world.ts';

interface Replica extends BuiltServe {
  readonly id: string;
}

const REPLICAS = 3;
const TABLE = 'shipshape-bench-steady';
const BUCKET = 'bench-steady';
/** The production drift scan period (src/config/schema.ts). */
const SCAN_SECONDS = 15;
/** Long enough that the measured windows hold drift scans alone. */
const RESYNC_SECONDS = 600;
/** Scans counted per target for the reads figure. */
const SCANS_COUNTED = 3;
const RSS_GOAL_BYTES = 400 * 1_000_000;

const sumOf = (values: Iterable<number>) => [...values].reduce((a, b) => a + b, 0);

/** Clients of one emulated account: an access key the emulator maps to it. */
async function accountClients(local: LocalAws, key: string, account: string): Promise<AwsClients> {
  const answer = await fetch(`${local.endpoints.aws}/_emulator/accounts/keys`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ accessKeyId: key, accountId: account }),
  });
  if (!answer.ok) throw new Error(`registering ${key}: ${answer.status} ${await answer.text()}`);
  return createAwsClients({
    region: local.region,
    endpoint: local.endpoints.aws,
    credentials: { accessKeyId: key, secretAccessKey: 'bench' },
    maxAttempts: 3,
  });
}

/**
 * Each target's slice created as its operator would create it (the same ownership, in its own
 * account), throttling off: the benchmark is about the steady state, not the way there.
 */
async function seedTargets(local: LocalAws, revision: Revision, targets: number): Promise<void> {
  const control = new EmulatorControl(local.endpoints.aws);
  const specs = targetsOf(revision.documents);
  const providers = defaultProviders();
  await control.setThrottling(false);
  try {
    await Promise.all(
      targetIds(targets).map(async (key, t) => {
        const aws = await accountClients(local, `seed-${t}`, accountOf(t));
        try {
          const result = await apply(
            inCreateOrder(revisionFor(revision, key, specs)),
            providers,
            { aws, ownership: ownershipFor(`${INSTANCE}:${key}`) },
            { prune: false, sleep: (ms) => sleep(Math.min(ms, 500)), maxPasses: 40 },
          );
          if (!result.converged)
            throw new Error(
              `seeding ${key} did not converge: ${JSON.stringify(result.failures.slice(0, 3))}`,
            );
        } finally {
          aws.destroy();
        }
      }),
    );
  } finally {
    await control.setThrottling(true);
  }
}

/** The manifests put in the bucket the replicas read, as a team's commit would (16 at a time). */
async function commitFiles(local: LocalAws, files: Record<string, string>): Promise<void> {
  const s3 = new S3Client(local.clientConfig('s3'));
  try {
    const entries = Object.entries(files);
    for (let i = 0; i < entries.length; i += 16) {
      await Promise.all(
        entries
          .slice(i, i + 16)
          .map(([key, body]) => s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: body }))),
      );
    }
  } finally {
    s3.destroy();
  }
}

type Phase = 'converging' | 'steady';

/**
 * Each replica's peak RSS by phase, sampled every second from spawn until stopped: `converging`
 * until every resource is Synced (the first load of the source, the first listing of every
 * target), `steady` after.
 */
function sampleRss(replicas: readonly Replica[]) {
  const peaks: Record<Phase, Map<string, number>> = { converging: new Map(), steady: new Map() };
  let phase: Phase = 'converging';
  const last = new Map<string, number>();
  let sampling = true;
  const done = (async () => {
    while (sampling) {
      for (const replica of replicas) {
        const rss = await rssOf(replica.child.pid ?? 0).catch(() => 0);
        peaks[phase].set(replica.id, Math.max(peaks[phase].get(replica.id) ?? 0, rss));
        last.set(replica.id, rss);
      }
      await sleep(1_000);
    }
  })();
  return {
    peaks,
    last,
    steady() {
      phase = 'steady';
    },
    async stop() {
      sampling = false;
      await done;
    },
  };
}

async function metricsOf(replicas: readonly Replica[]): Promise<string[]> {
  return Promise.all(replicas.map(async (replica) => (await fetch(`${replica.url}/metrics`)).text()));
}

/** Completed looks of one kind per target, over every replica (only a shard's holder counts any). */
const looksByTarget = (texts: readonly string[], kind: 'scan' | 'resync', keys: readonly string[]) =>
  keys.map((key) => sumOf(texts.map((text) => looksIn(text, kind, key))));

/**
 * Synced statuses in the state table, read by the bench itself: a replica asked instead would
 * read the whole status partition for it (it does not write every status), which is load the
 * steady state is measured without. The replicas' answers are checked once, at the end.
 */
async function syncedInTable(store: StateStore): Promise<number> {
  return (await store.listStatuses()).filter((status) => status.sync === 'Synced').length;
}

interface ScanWindow {
  readonly target: string;
  readonly scans: number;
  readonly reads: number;
  readonly byOperation: Record<string, number>;
  readonly resyncs: number;
}

/**
 * Per target: the reads its account answered between one completed drift scan and the
 * SCANS_COUNTED-th after it (metrics polled every 200 ms; a scan starts every SCAN_SECONDS and
 * takes well under it, so a window edge falls between two scans).
 */
async function scanWindows(local: LocalAws, replicas: readonly Replica[], keys: readonly string[]) {
  const readsOf = (t: number) => {
    const snapshot = local.emulator.emulator.requests.snapshot(accountOf(t));
    const reads: Record<string, number> = {};
    for (const [operation, counts] of Object.entries(snapshot))
      if (isRead(operation.split(':')[1] ?? ''))
        reads[operation] = counts.ok + counts.error + counts.throttled;
    return reads;
  };
  const first = new Map<number, { scans: number; resyncs: number; reads: Record<string, number> }>();
  const windows = new Map<number, ScanWindow>();
  let last = looksByTarget(await metricsOf(replicas), 'scan', keys);
  const deadline = performance.now() + (SCANS_COUNTED + 3) * SCAN_SECONDS * 1000;
  while (windows.size < keys.length && performance.now() < deadline) {
    await sleep(200);
    const texts = await metricsOf(replicas);
    const scans = looksByTarget(texts, 'scan', keys);
    const resyncs = looksByTarget(texts, 'resync', keys);
    for (let t = 0; t < keys.length; t += 1) {
      const now = scans[t] ?? 0;
      if (now === last[t] || windows.has(t)) continue;
      const start = first.get(t);
      if (start === undefined) first.set(t, { scans: now, resyncs: resyncs[t] ?? 0, reads: readsOf(t) });
      else if (now - start.scans >= SCANS_COUNTED) {
        const reads = readsOf(t);
        const byOperation: Record<string, number> = {};
        for (const [operation, count] of Object.entries(reads)) {
          const delta = count - (start.reads[operation] ?? 0);
          if (delta > 0) byOperation[operation] = delta;
        }
        windows.set(t, {
          target: keys[t] ?? '?',
          scans: now - start.scans,
          reads: sumOf(Object.values(byOperation)),
          byOperation,
          resyncs: (resyncs[t] ?? 0) - start.resyncs,
        });
      }
    }
    last = scans;
  }
  return [...windows.values()];
}

/**
 * Hand edits (desiredCount 3), a round at a time, one in every target; each edit is held back by
 * its own fraction of the scan interval, so the edits land at spread points of the scan cycles
 * (which run in step: the replicas started together). Each is timed to the revert: the next
 * successful UpdateService in its account.
 */
async function handEdits(local: LocalAws, hands: readonly AwsClients[], rounds: number, services: number) {
  const latencies: number[] = [];
  let missed = 0;
  const scanMs = SCAN_SECONDS * 1000;
  const updates = (t: number) =>
    local.emulator.emulator.requests.snapshot(accountOf(t))['ecs:UpdateService']?.ok ?? 0;
  for (let round = 0; round < rounds; round += 1) {
    await Promise.all(
      hands.map(async (hand, t) => {
        const edit = round * hands.length + t;
        const index = (edit * 397) % services;
        await sleep((edit * 7_919) % scanMs);
        const latency = await editAndTimeRevert(hand, index, () => updates(t), 4 * scanMs);
        if (latency === Number.POSITIVE_INFINITY) missed += 1;
        latencies.push(latency);
      }),
    );
  }
  return { latencies, missed };
}

/**
 * Issue 16, steady state: 10 Targets × N services (10 clusters each, one account each) live and
 * owned, 3 replica processes sharing the Targets as shards. Drift-scan reads against the minimum,
 * each replica's peak RSS, and hand edit to revert against the scan interval.
 */
export async function targetsSteady(services: number, targets = 10, rounds = 3): Promise<BenchResult> {
  const shape: FleetShape = { services, clusters: 10, namespaces: 4, withNetworking: false };
  await buildServe();
  const keys = targetIds(targets);
  const expected = targets * (services + 2 * shape.clusters);
  const files = targetFleetFiles(targets, shape);
  const revision = load(files);
  const local = await startLocalAws({ clock: 'real', throttling: true, buckets: [BUCKET] });
  const replicas: Replica[] = [];
  const hands: AwsClients[] = [];
  const dynamo = new DynamoDBClient(local.clientConfig('dynamodb'));
  const table = new StateStore({ client: dynamo, table: TABLE, fenceMode: 'check-then-write' });
  let sampler: ReturnType<typeof sampleRss> | undefined;
  try {
    await declareTargetRoles(local.endpoints.aws, targets);
    const seedStarted = performance.now();
    await Promise.all([seedTargets(local, revision, targets), commitFiles(local, files)]);
    const seedSeconds = (performance.now() - seedStarted) / 1000;
    // Tasks still starting change at every scan; the steady state begins once they are stable.
    await sleep(PROVISIONING_MS + PENDING_MS + STABLE_AFTER_MS + 1_000);

    const taskMemory = await taskMemoryBytes();
    const started = performance.now();
    const spawned = await Promise.allSettled(
      Array.from({ length: REPLICAS }, async (_, r): Promise<Replica> => {
        const serve = await spawnServe(
          {
            AWS_ACCESS_KEY_ID: local.credentials.accessKeyId,
            AWS_SECRET_ACCESS_KEY: local.credentials.secretAccessKey,
            AWS_REGION: local.region,
            AWS_ENDPOINT_URL: local.endpoints.aws,
            BENCH_DYNAMODB: local.endpoints.dynamodb,
            BENCH_S3: local.endpoints.s3,
            SHIPSHAPE_SOURCE: `s3://${BUCKET}/`,
            SHIPSHAPE_STATE_TABLE: TABLE,
            SHIPSHAPE_INSTANCE: INSTANCE,
            SHIPSHAPE_REPLICA_ID: `r${r + 1}`,
            SHIPSHAPE_API_HOST: '127.0.0.1',
            SHIPSHAPE_API_PORT: '0',
            SHIPSHAPE_POLL_SECONDS: '10',
            SHIPSHAPE_RESYNC_SECONDS: String(RESYNC_SECONDS),
            SHIPSHAPE_DRIFT_SCAN_SECONDS: String(SCAN_SECONDS),
            SHIPSHAPE_LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
          },
          { memoryLimitBytes: taskMemory },
        );
        return { ...serve, id: `r${r + 1}` };
      }),
    );
    for (const outcome of spawned) if (outcome.status === 'fulfilled') replicas.push(outcome.value);
    const failed = spawned.find((outcome) => outcome.status === 'rejected');
    if (failed !== undefined) throw failed.reason;
    sampler = sampleRss(replicas);
    let synced = 0;
    const syncDeadline = performance.now() + 15 * 60_000;
    while (synced < expected && performance.now() < syncDeadline) {
      await sleep(5_000);
      synced = await syncedInTable(table);
    }
    const syncedSeconds = (performance.now() - started) / 1000;
    if (synced < expected) throw new Error(`only ${synced} of ${expected} resources Synced`);
    sampler.steady();

    const windows = await scanWindows(local, replicas, keys);
    const minimum = sumOf(Object.values(minimumScan(shape)));
    const scans = sumOf(windows.map((w) => w.scans));
    const reads = sumOf(windows.map((w) => w.reads));

    for (let t = 0; t < targets; t += 1) hands.push(await accountClients(local, `hand-${t}`, accountOf(t)));
    const { latencies, missed } = await handEdits(local, hands, rounds, services);
    await sampler.stop();
    // Each replica answers for every shard, from the state table.
    const answered = await Promise.all(replicas.map((replica) => syncedOn(replica.url)));
    const peaks = Object.fromEntries(sampler.peaks.steady);
    const peak = Math.max(...Object.values(peaks));
    const converging = Object.fromEntries(sampler.peaks.converging);
    const last = Object.fromEntries(sampler.last);
    const perScan = windows.map((w) => `${w.target.replace('Target/platform/', '')} ${w.reads}/${w.scans}`);
    const list = (byReplica: Record<string, number>) =>
      Object.entries(byReplica)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([id, bytes]) => `${id} ${(bytes / 1_000_000).toFixed(0)}`)
        .join(', ');

    const figures: Figure[] = [
      {
        id: `targets-steady.scan-reads-${targets}`,
        bench: 'targets-steady',
        figure: `AWS reads per drift scan, ${targets} targets x ${services} services on ${REPLICAS} replicas`,
        measured: reads,
        unit: 'calls',
        reference: minimum * scans,
        referenceLabel: `minimum ${minimum} per target's scan x ${scans} scans`,
        goal: { max: minimum * scans, label: '1.00x the minimum' },
        note: `reads/scans per target: ${perScan.join(', ')}; ${windows.length} of ${targets} targets measured; resyncs inside the windows ${sumOf(windows.map((w) => w.resyncs))}`,
      },
      {
        id: 'targets-steady.rss',
        bench: 'targets-steady',
        figure: `peak RSS of each of ${REPLICAS} replicas in steady state, ${targets * services} services`,
        measured: peak / 1_000_000,
        unit: 'MB',
        goal: { max: RSS_GOAL_BYTES / 1_000_000, label: '<= 400 MB per replica' },
        note: `steady peaks ${list(peaks)} MB, at the end ${list(last)} MB; while converging ${list(converging)} MB (VmRSS every 1 s; the build run as the image runs it, ${
          replicas.every((replica) => replica.cgroup !== undefined)
            ? `each in a memory cgroup of the task definition's ${taskMemory / 1024 / 1024} MiB, as ECS runs it (Node sizes its heap from it)`
            : 'NOT in a memory cgroup (none could be made): Node sized its heap from this machine'
        })`,
      },
      ...[50, 95].map(
        (p): Figure => ({
          id: `targets-steady.revert-p${p}`,
          bench: 'targets-steady',
          figure: `hand edit to revert, p${p} over ${latencies.length} edits (${rounds} rounds, one per target each)`,
          measured: percentile(latencies, p),
          unit: 'ms',
          reference: SCAN_SECONDS * 1000,
          referenceLabel: 'scan interval',
          ...(p === 95 ? { goal: { max: SCAN_SECONDS * 1000 + 1000, label: '<= scan interval + 1 s' } } : {}),
          note: `missed=${missed}; each replica's GET /status at the end: ${answered.join('/')} Synced; seeded in ${seedSeconds.toFixed(0)} s; replicas to every resource Synced ${syncedSeconds.toFixed(1)} s`,
        }),
      ),
    ];
    return {
      figures,
      details: {
        shape,
        targets,
        expected,
        seedSeconds,
        syncedSeconds,
        windows,
        latencies,
        peaks,
        converging,
        last,
      },
    };
  } finally {
    await sampler?.stop();
    for (const hand of hands) hand.destroy();
    dynamo.destroy();
    for (const replica of replicas) await replica.stop('SIGKILL');
    await local.close();
    await removeBuild();
  }
}
