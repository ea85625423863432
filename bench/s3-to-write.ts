import { setTimeout as sleep } from 'node:timers/promises';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { LOCAL_CREDENTIALS, localClientConfig } from '../src/local/client-config.ts';
import { startLocalS3 } from '../src/local/s3.ts';
import { openSource, RevisionTracker } from '../src/source/index.ts';
import { fleetFiles, load } from './fleet.ts';
import { startOperatorRig } from './operator-rig.ts';
import { type BenchResult, percentile } from './results.ts';
import { REGION, seed, startWorld } from './world.ts';

export const POLL_MS = 1_000;
const BUCKET = 'bench-manifests';
const SERVICES = 20;

/** 4. A manifest committed to S3 to the operator's first AWS write for it, against the poll interval. */
export async function s3ToWrite(commits: number): Promise<BenchResult> {
  const world = await startWorld({ throttling: true, rateLimited: true });
  const s3 = await startLocalS3({ buckets: [BUCKET] });
  const client = new S3Client(localClientConfig(s3.endpoint, REGION));
  const shape = { services: SERVICES, clusters: 10, namespaces: 4, withNetworking: false };
  const files = fleetFiles(shape);
  const put = (key: string, body: string) =>
    client.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: body }));
  for (const [key, body] of Object.entries(files)) await put(key, body);
  await seed(world, load(files));

  const source = openSource(`s3://${BUCKET}/`, {
    endpoint: s3.endpoint,
    region: REGION,
    credentials: LOCAL_CREDENTIALS,
    pollIntervalMs: POLL_MS,
  });
  const tracker = new RevisionTracker(source);
  const rig = await startOperatorRig(
    world,
    { resyncMs: 10 * 60_000, driftScanMs: 10 * 60_000 },
    {
      current: () => {
        const tracked = tracker.current();
        return tracked === undefined
          ? undefined
          : { revision: tracked.revision, empty: tracked.empty, source: 'bench' };
      },
    },
  );
  tracker.onRevision(() => rig.operator.lookNow());
  try {
    await tracker.start();
    rig.operator.start();
    while (!rig.operator.ready) await sleep(50);
    const writes = () => world.aws.stats.snapshot()['ecs:UpdateService']?.ok ?? 0;
    const latencies: number[] = [];
    let missed = 0;
    for (let i = 0; i < commits; i += 1) {
      const index = i % SERVICES;
      const key = `c${index % 10}/svc-${index}.yaml`;
      const body = (files[key] ?? '').replace(/desiredCount: \d+/, `desiredCount: ${2 + (i % 3)}`);
      files[key] = body;
      const before = writes();
      await put(key, body);
      const committed = performance.now();
      while (writes() === before && performance.now() - committed < 15 * POLL_MS) await sleep(10);
      if (writes() === before) missed += 1;
      else latencies.push(performance.now() - committed);
      await sleep(100 + ((i * 389) % POLL_MS));
    }
    return {
      figures: [50, 95].map((p) => ({
        bench: '4 S3 to write',
        figure: `p${p} over ${latencies.length} commits`,
        measured: percentile(latencies, p),
        unit: 'ms',
        reference: POLL_MS,
        referenceLabel: 'poll interval',
        ...(p === 50 ? { note: `missed=${missed}` } : {}),
      })),
      details: { latencies, missed, pollMs: POLL_MS, services: SERVICES },
    };
  } finally {
    await tracker.stop();
    await rig.close();
    client.destroy();
    await s3.close();
    await world.close();
  }
}
