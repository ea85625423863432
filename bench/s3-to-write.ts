import { setTimeout as sleep } from 'node:timers/promises';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { PENDING_MS, PROVISIONING_MS, STABLE_AFTER_MS } from '../src/emulator/ecs/timing.ts';
import { localClientConfig } from '../src/local/client-config.ts';
import { startLocalS3 } from '../src/local/s3.ts';
import { RevisionTracker } from '../src/source/index.ts';
import { S3Source } from '../src/source/s3-source.ts';
import { fleetFiles, load } from './fleet.ts';
import { startOperatorRig } from './operator-rig.ts';
import { type BenchResult, percentile } from './results.ts';
import { REGION, seed, startWorld } from './world.ts';

export const POLL_MS = 1_000;
const BUCKET = 'bench-manifests';

/** An S3 client that counts its calls by command, for "only the changed object fetched". */
function countingS3(endpoint: string): { client: S3Client; calls: Map<string, number> } {
  const client = new S3Client({ ...localClientConfig(endpoint, REGION), forcePathStyle: true });
  const calls = new Map<string, number>();
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const name = (context.commandName ?? '?').replace(/Command$/, '');
      calls.set(name, (calls.get(name) ?? 0) + 1);
      return next(args);
    },
    { step: 'initialize', name: 'benchCount' },
  );
  return { client, calls };
}

/** A manifest committed to S3 to the operator's first AWS write for it, against the poll interval. */
export async function s3ToWrite(services: number, commits: number): Promise<BenchResult> {
  const world = await startWorld({ throttling: true, rateLimited: true });
  const s3 = await startLocalS3({ buckets: [BUCKET] });
  const writer = new S3Client(localClientConfig(s3.endpoint, REGION));
  const reader = countingS3(s3.endpoint);
  const files = fleetFiles({ services, clusters: 10, namespaces: 4, withNetworking: false });
  const put = (key: string, body: string) =>
    writer.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: body }));
  for (const [key, body] of Object.entries(files)) await put(key, body);
  await seed(world, load(files));
  // Steady state first: services still starting change at every scan and would queue ahead of the edit.
  await sleep(PROVISIONING_MS + PENDING_MS + STABLE_AFTER_MS + 1_000);

  const source = new S3Source({ client: reader.client, bucket: BUCKET, prefix: '', pollIntervalMs: POLL_MS });
  const tracker = new RevisionTracker(source);
  const feed = {
    current: () => {
      const tracked = tracker.current();
      return tracked === undefined
        ? undefined
        : { revision: tracked.revision, empty: tracked.empty, source: 'bench' };
    },
  };
  // No resync or scan during the commits: the latency is the source's and the revision's path alone.
  const rig = await startOperatorRig(world, { resyncMs: 3_600_000, driftScanMs: 3_600_000 }, { feed });
  tracker.onRevision(() => rig.operator.onRevision());
  try {
    await tracker.start();
    await rig.startLeading();
    await rig.settled();
    const writes = () => world.aws.stats.snapshot()['ecs:UpdateService']?.ok ?? 0;
    const latencies: number[] = [];
    const fetched: number[] = [];
    let missed = 0;
    for (let i = 0; i < commits; i += 1) {
      const index = (i * 397) % services;
      const key = `c${index % 10}/svc-${index}.yaml`;
      const body = (files[key] ?? '').replace(/desiredCount: \d+/, `desiredCount: ${2 + (i % 3)}`);
      files[key] = body;
      const before = writes();
      const gets = reader.calls.get('GetObject') ?? 0;
      await put(key, body);
      const committed = performance.now();
      while (writes() === before && performance.now() - committed < 15 * POLL_MS) await sleep(10);
      if (writes() === before) missed += 1;
      latencies.push(writes() === before ? Number.POSITIVE_INFINITY : performance.now() - committed);
      fetched.push((reader.calls.get('GetObject') ?? 0) - gets);
      await sleep(100 + ((i * 389) % POLL_MS));
    }
    const goal = { max: POLL_MS + 500, label: '<= poll interval + 0.5 s' };
    const manifests = Object.keys(files).length;
    return {
      figures: [
        ...[50, 95].map((p) => ({
          id: `commit.p${p}`,
          bench: 'commit',
          figure: `S3 commit to first write, p${p} over ${commits} commits, ${manifests} manifests in the bucket`,
          measured: percentile(latencies, p),
          unit: 'ms',
          reference: POLL_MS,
          referenceLabel: 'poll interval',
          ...(p === 95 ? { goal } : {}),
          note: `missed=${missed}`,
        })),
        {
          id: 'commit.fetched',
          bench: 'commit',
          figure: 'objects fetched per commit, at most',
          measured: Math.max(...fetched),
          unit: 'GetObject',
          reference: 1,
          referenceLabel: 'the changed object',
          goal: { max: 1, label: 'only the changed object' },
        },
      ],
      details: {
        latencies,
        fetched,
        missed,
        pollMs: POLL_MS,
        manifests,
        s3Calls: Object.fromEntries(reader.calls),
      },
    };
  } finally {
    await tracker.stop();
    await rig.close();
    writer.destroy();
    reader.client.destroy();
    await s3.close();
    await world.close();
  }
}
