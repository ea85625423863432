import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import ts from 'typescript';
import { localClientConfig } from '../src/local/client-config.ts';
import { startLocalDynamoDb } from '../src/local/dynamodb.ts';
import { startLocalS3 } from '../src/local/s3.ts';
import { fleetFiles, load } from './fleet.ts';
import { imageRuntimeEnv } from './image-env.ts';
import type { BenchResult, Figure } from './results.ts';
import { CREDENTIALS, INSTANCE, REGION, seed, startWorld } from './world.ts';

const MB = 1024 * 1024;
const ROOT = fileURLToPath(new URL('../', import.meta.url));
// At the repository's top level, as dist/ is: the build finds schemas/ at ../schemas from there.
const DIST = fileURLToPath(new URL('../.bench-dist/', import.meta.url));
const CHILD_SOURCE = fileURLToPath(new URL('./serve-child.ts', import.meta.url));
// Compiled beside the build: run as .ts, Node would load its type stripper (a WebAssembly module
// and its 3.7 MB source), about 24 MB that `serve` in the image never holds.
const CHILD = `${DIST}serve-child.js`;
const BUCKET = 'bench-serve';

interface StatusBody {
  readonly summary: { readonly bySync: Readonly<Record<string, number>> };
}

async function build(): Promise<void> {
  await compileProject();
  const source = await readFile(CHILD_SOURCE, 'utf8');
  const compiled = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  });
  await writeFile(CHILD, compiled.outputText);
}

function compileProject(): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [`${ROOT}node_modules/typescript/bin/tsc`, '-p', `${ROOT}tsconfig.build.json`, '--outDir', DIST],
      { cwd: ROOT },
      (error, stdout) => (error === null ? resolve() : reject(new Error(`build failed: ${stdout}`))),
    );
  });
}

/** Resident memory of a process now, from /proc (what the ECS task's memory limit counts). */
async function rssOf(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kib = Number(/^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1]);
  if (!Number.isFinite(kib)) throw new Error(`no VmRSS for ${pid}`);
  return kib * 1024;
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

function urlOf(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    const control = child.stdio[3];
    if (!(control instanceof Readable)) return reject(new Error('the child has no control pipe'));
    const lines = createInterface({ input: control });
    lines.once('line', (line) => resolve((JSON.parse(line) as { url: string }).url));
    child.once('exit', (code) => reject(new Error(`serve exited with ${code} before listening`)));
  });
}

/**
 * The built `serve` on the pinned Node, in its own process: its RSS once it is ready with an
 * empty source, then once the manifests of `services` live services (seeded beforehand, owned by
 * the same instance) are all Synced, and again after its next resync has had time to run.
 */
export async function serveMemory(services: number): Promise<BenchResult> {
  await build();
  const world = await startWorld({ throttling: false, rateLimited: false });
  const [dynamodb, s3] = await Promise.all([
    startLocalDynamoDb(),
    startLocalS3({ buckets: [BUCKET], credentials: CREDENTIALS }),
  ]);
  const writer = new S3Client({ ...localClientConfig(s3.endpoint, REGION), credentials: CREDENTIALS });
  const files = fleetFiles({ services, clusters: 10, namespaces: 4, withNetworking: false });
  const documents = load(files).documents.length;
  await seed(world, load(files));
  const child = spawn(process.execPath, [CHILD, DIST], {
    stdio: ['ignore', 'inherit', 'inherit', 'pipe'],
    env: {
      ...process.env,
      // NODE_OPTIONS, MALLOC_ARENA_MAX and the rest, as the image sets them.
      ...imageRuntimeEnv(),
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
    },
  });
  try {
    const url = await urlOf(child);
    const pid = child.pid ?? 0;
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
    child.kill('SIGTERM');
    await new Promise((resolve) => (child.exitCode === null ? child.once('exit', resolve) : resolve(null)));
    writer.destroy();
    await Promise.all([s3.close(), dynamodb.close(), world.close()]);
    await rm(DIST, { recursive: true, force: true });
  }
}
