import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { access, mkdir, readFile, rm, rmdir, writeFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { imageRuntimeEnv } from './image-env.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
// At the repository's top level, as dist/ is: the build finds schemas/ at ../schemas from there.
const DIST = fileURLToPath(new URL('../.bench-dist/', import.meta.url));
const CHILD_SOURCE = fileURLToPath(new URL('./serve-child.ts', import.meta.url));
// Compiled beside the build: run as .ts, Node would load its type stripper (a WebAssembly module
// and its 3.7 MB source), about 24 MB that `serve` in the image never holds.
const CHILD = `${DIST}serve-child.js`;

/** `npm run build`'s compiler into .bench-dist/, with bench/serve-child.ts beside it. */
export async function buildServe(): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    execFile(
      process.execPath,
      [`${ROOT}node_modules/typescript/bin/tsc`, '-p', `${ROOT}tsconfig.build.json`, '--outDir', DIST],
      { cwd: ROOT },
      (error, stdout) => (error === null ? resolve() : reject(new Error(`build failed: ${stdout}`))),
    );
  });
  const source = await readFile(CHILD_SOURCE, 'utf8');
  const compiled = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  });
  await writeFile(CHILD, compiled.outputText);
}

export async function removeBuild(): Promise<void> {
  await rm(DIST, { recursive: true, force: true });
}

/** A built `serve` process and the URL its API listens on. */
export interface BuiltServe {
  readonly child: ChildProcess;
  readonly url: string;
  /** The memory cgroup it runs in, when it was given a limit and one could be made. */
  readonly cgroup: string | undefined;
  /** SIGTERM (a clean stop) or SIGKILL, and the process's end. */
  stop(signal?: 'SIGTERM' | 'SIGKILL'): Promise<void>;
}

/** The task definition's memory (deploy/task-definition.json, MiB) in bytes: what ECS gives `serve`. */
export async function taskMemoryBytes(): Promise<number> {
  const task = JSON.parse(await readFile(`${ROOT}deploy/task-definition.json`, 'utf8')) as { memory: string };
  return Number(task.memory) * 1024 * 1024;
}

const CGROUP_V1_MEMORY = '/sys/fs/cgroup/memory';
let cgroups = 0;

/**
 * A memory cgroup (v1) limited to `bytes`, as a task's memory limit is: Node sizes its heap from
 * it, as it does in the task. Undefined where none can be made (not root, no memory controller).
 */
async function memoryCgroup(bytes: number): Promise<string | undefined> {
  try {
    await access(`${CGROUP_V1_MEMORY}/cgroup.procs`);
    cgroups += 1;
    const dir = `${CGROUP_V1_MEMORY}/shipshape-bench-${process.pid}-${cgroups}`;
    await mkdir(dir);
    await writeFile(`${dir}/memory.limit_in_bytes`, String(bytes));
    return dir;
  } catch {
    return undefined;
  }
}

export interface SpawnOptions {
  /** Run in a memory cgroup of this limit where the machine allows (root, cgroup v1 memory controller). */
  readonly memoryLimitBytes?: number;
}

/**
 * Starts the build as the image runs it (its runtime ENV: NODE_OPTIONS, MALLOC_ARENA_MAX), with
 * `env` on top: SHIPSHAPE_* settings, AWS_* credentials and endpoint, BENCH_DYNAMODB and BENCH_S3.
 */
export async function spawnServe(
  env: Record<string, string>,
  options: SpawnOptions = {},
): Promise<BuiltServe> {
  const image = imageRuntimeEnv();
  // BENCH_SERVE_NODE_OPTIONS adds to the image's (e.g. --heapsnapshot-signal=SIGUSR2 to look inside).
  const nodeOptions = [image.NODE_OPTIONS, process.env.BENCH_SERVE_NODE_OPTIONS].filter(Boolean).join(' ');
  const cgroup =
    options.memoryLimitBytes === undefined ? undefined : await memoryCgroup(options.memoryLimitBytes);
  const node = [process.execPath, CHILD, DIST];
  // In the cgroup before Node starts: it reads the limit once, at start.
  const [command = '', ...args] =
    cgroup === undefined
      ? node
      : ['/bin/sh', '-c', `echo $$ > ${cgroup}/cgroup.procs && exec "$0" "$@"`, ...node];
  const child = spawn(command, args, {
    stdio: ['ignore', 'inherit', 'inherit', 'pipe'],
    env: { ...process.env, ...image, ...(nodeOptions === '' ? {} : { NODE_OPTIONS: nodeOptions }), ...env },
  });
  const exited = new Promise<void>((resolve) =>
    child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve()),
  );
  const stop = async (signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM') => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
    if (cgroup !== undefined) await rmdir(cgroup).catch(() => undefined);
  };
  try {
    return { child, url: await urlOf(child), cgroup, stop };
  } catch (error) {
    await stop('SIGKILL');
    throw error;
  }
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

/** Resident memory of a process now, from /proc (what the ECS task's memory limit counts). */
export async function rssOf(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kib = Number(/^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1]);
  if (!Number.isFinite(kib)) throw new Error(`no VmRSS for ${pid}`);
  return kib * 1024;
}
