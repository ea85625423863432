import { setTimeout as sleep } from 'node:timers/promises';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { localClientConfig } from '../src/local/client-config.ts';
import { startLocalDynamoDb } from '../src/local/dynamodb.ts';
import { startLocalS3 } from '../src/local/s3.ts';
import { buildServe, removeBuild, rssOf, spawnServe } from './built-serve.ts';
import { fleetFiles, load } from './fleet.ts';
import { imageRuntimeEnv } from './image-env.ts';
import type { BenchResult, Figure } from './results.ts';
import { CREDENTIALS, INSTANCE, REGION, seed, startWorld } from './world.ts';

const MB = 1024 * 1024;
const BUCKET = 'bench-serve';

interface StatusBody {
  readonly summary: { readonly bySync: Readonly<Record<string, number>> };
}

async function until<T>(what: string, check: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await check().catch(() => undefined);
    if (value !== undefined) return value;
    await sleep(500);
  }
  throw new Error(`timed out waiting for ${what}`);
}

/**
 * The built `serve` on the pinned Node, in its own process: its RSS once it is ready with an
 * empty source, then once the manifests of `services` live services (seeded beforehand, owned by
 * the same instance) are all Synced, and again after its next resync has had time to run.
 */
export async function serveMemory(services: number): Promise<BenchResult> {
  await buildServe();
  const world = await startWorld({ throttling: false, rateLimited: false });
  const [dynamodb, s3] = await Promise.all([
    startLocalDynamoDb(),
    startLocalS3({ buckets: [BUCKET], credentials: CREDENTIALS }),
  ]);
  const writer = new S3Client({ ...localClientConfig(s3.endpoint, REGION), credentials: CREDENTIALS });
  const files = fleetFiles({ services, clusters: 10, namespaces: 4, withNetworking: false });
  const documents = load(files).documents.length;
  await seed(world, load(files));
  const serve = await spawnServe({
    AWS_ACCESS_KEY_ID: CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: CREDENTIALS.secretAccessKey,
    AWS_REGION: REGION,
    AWS_ENDPOINT_URL: world.emulator.endpoint,
    BENCH_DYNAMODB: dynamodb.endpoint,
    BENCH_S3: s3.endpoint,
    SHIPSHAPE_SOURCE: `s3://${BUCKET}/`,
    SHIPSHAPE_STATE_TABLE: 'bench-serve-state',
    SHIPSHAPE_INSTANCE: INSTANCE,
    SHIPSHAPE_API_HOST: '127.0.0.1',
    SHIPSHAPE_API_PORT: '0',
    SHIPSHAPE_POLL_SECONDS: '1',
    SHIPSHAPE_LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
  });
  try {
    const { url } = serve;
    const pid = serve.child.pid ?? 0;
    await until('ready', async () => ((await fetch(`${url}/readyz`)).ok ? true : undefined), 60_000);
    const idle = await rssOf(pid);
    const started = performance.now();
    for (const [key, body] of Object.entries(files)) {
      await writer.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: body }));
    }
    await until(
      `${documents} resources Synced`,
      async () => {
        // The summary counts every resource; the resources themselves come a page at a time.
        const body = (await (await fetch(`${url}/status?limit=1`)).json()) as StatusBody;
        const synced = body.summary.bySync.Synced ?? 0;
        return synced === documents ? true : undefined;
      },
      15 * 60_000,
    );
    const syncedSeconds = (performance.now() - started) / 1000;
    const inSync = await rssOf(pid);
    // The default resync is 60 s: one runs within the next 70 s, over every resource.
    await sleep(70_000);
    const afterResync = await rssOf(pid);
    const figures: Figure[] = [
      {
        id: 'serve-memory.idle',
        bench: 'serve-memory',
        figure: 'RSS of the built serve once ready, before any manifest',
        measured: idle / MB,
        unit: 'MiB',
        goal: { max: 80, label: '≤ 80 MB' },
        note: `Node ${process.versions.node}, the image's ${Object.entries(imageRuntimeEnv())
          .filter(([key]) => key === 'NODE_OPTIONS' || key.startsWith('MALLOC_'))
          .map(([key, value]) => `${key}=${value}`)
          .join(' ')}`,
      },
      {
        id: 'serve-memory.in-sync',
        bench: 'serve-memory',
        figure: `RSS of the built serve with ${services} services in sync (the larger of at sync and after a resync)`,
        measured: Math.max(inSync, afterResync) / MB,
        unit: 'MiB',
        reference: idle / MB,
        referenceLabel: 'the same process before any manifest',
        goal: { max: 150, label: '≤ 150 MB' },
        note: `${documents} resources Synced ${syncedSeconds.toFixed(0)} s after the commit; ${(inSync / MB).toFixed(0)} MiB then, ${(afterResync / MB).toFixed(0)} MiB after a resync`,
      },
    ];
    return { figures, details: { idle, inSync, afterResync, documents, syncedSeconds } };
  } finally {
    await serve.stop('SIGTERM');
    writer.destroy();
    await Promise.all([s3.close(), dynamodb.close(), world.close()]);
    await removeBuild();
  }
}
