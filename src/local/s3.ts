import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import {
  S3RVER_CHILD_PROGRAM,
  S3RVER_CHILD_SETTINGS_VARIABLE,
  type S3rverChildSettings,
} from './s3rver-child.ts';

export interface LocalS3Options {
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** Default 0: a free port. */
  readonly port?: number;
  /** The key pair the server accepts (it checks SigV4 signatures). Default test/test. */
  readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string };
  /** Buckets that exist from the start. */
  readonly buckets?: readonly string[];
}

export interface LocalS3 {
  readonly endpoint: string;
  /** Where the objects are kept while it runs; removed by close(). */
  readonly directory: string;
  close(): Promise<void>;
}

/** How long a stopping child may take before it is killed. */
const STOP_GRACE_MS = 5_000;

/**
 * Starts s3rver, storing in a fresh temporary folder that close() removes.
 *
 * s3rver runs in a child Node process started with --openssl-legacy-provider: it encrypts
 * ListObjectsV2 continuation tokens with DES, which OpenSSL 3 (Node 17+) refuses by default,
 * so in this process every paginated listing would fail with a 500. The child also makes PutObject
 * honour If-Match / If-None-Match, which s3rver ignores (see s3rver-child.ts).
 */
export async function startLocalS3(options: LocalS3Options = {}): Promise<LocalS3> {
  const host = options.host ?? '127.0.0.1';
  const directory = await mkdtemp(join(tmpdir(), 'shipshape-s3-'));
  const settings: S3rverChildSettings = {
    modulePath: createRequire(import.meta.url).resolve('s3rver'),
    host,
    port: options.port ?? 0,
    directory,
    accessKeyId: options.credentials?.accessKeyId ?? 'test',
    secretAccessKey: options.credentials?.secretAccessKey ?? 'test',
    buckets: options.buckets ?? [],
  };
  const child = spawn(process.execPath, ['--openssl-legacy-provider', '-e', S3RVER_CHILD_PROGRAM], {
    env: { ...process.env, [S3RVER_CHILD_SETTINGS_VARIABLE]: JSON.stringify(settings) },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  // If this process ends without close(), the child sees its stdin end and stops; the folder goes here.
  const removeOnExit = (): void => rmSync(directory, { recursive: true, force: true });
  process.once('exit', removeOnExit);
  const stop = async (): Promise<void> => {
    await stopChild(child);
    await rm(directory, { recursive: true, force: true });
    process.off('exit', removeOnExit);
  };
  let port: number;
  try {
    port = await readPort(child);
  } catch (error) {
    await stop();
    throw error;
  }
  let closing: Promise<void> | undefined;
  return {
    endpoint: `http://${host}:${port}`,
    directory,
    close: () => {
      closing ??= stop();
      return closing;
    },
  };
}

function readPort(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    let stderr = '';
    child.stderr?.setEncoding('utf8').on('data', (text: string) => {
      stderr += text;
    });
    const lines = createInterface({ input: child.stdout! });
    const onExit = (code: number | null): void => {
      lines.close();
      reject(new Error(`local S3 (s3rver) exited with ${String(code)} before listening: ${stderr.trim()}`));
    };
    child.once('exit', onExit);
    child.once('error', reject);
    lines.once('line', (line) => {
      child.off('exit', onExit);
      lines.close();
      const parsed: unknown = JSON.parse(line);
      const port =
        typeof parsed === 'object' && parsed !== null && 'port' in parsed ? parsed.port : undefined;
      if (typeof port === 'number') resolve(port);
      else reject(new Error(`local S3 (s3rver) printed an unexpected line: ${line}`));
    });
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.stdin?.end();
  const killer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
  try {
    await exited;
  } finally {
    clearTimeout(killer);
  }
}
