import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { LocalAws } from '../../src/local/aws.ts';

const MAIN = fileURLToPath(new URL('../support/replica-main.ts', import.meta.url));

/** An operator replica running in its own process (test/support/replica-main.ts). */
export interface Replica {
  readonly id: string;
  readonly url: string;
  readonly child: ChildProcess;
  /** Resolves when the process has ended, however it ended. */
  readonly exited: Promise<void>;
  /** The replica's AWS calls by operation (from its /metrics), of every outcome. */
  awsCalls(): Promise<Record<string, number>>;
  isLeader(): Promise<boolean>;
  /** Completed resyncs (every kind listed) or drift scans, from its /metrics: of one target, or of all. */
  looks(kind: 'resync' | 'scan', target?: string): Promise<number>;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/** A setting's value: text, a number, a switch, or a list (notifications). */
export type ReplicaSetting = string | number | boolean | readonly object[];

export function replicaConfig(local: LocalAws, config: Record<string, ReplicaSetting>) {
  return {
    region: local.region,
    endpoint: local.endpoints.aws,
    apiHost: '127.0.0.1',
    apiPort: 0,
    apiToken: 'replica-token-0123456789abcdef',
    logLevel: 'warn',
    pollSeconds: 1,
    resyncSeconds: 2,
    driftScanSeconds: 1,
    ...config,
  };
}

export async function startReplica(
  local: LocalAws,
  config: Record<string, ReplicaSetting> & { replicaId: string },
): Promise<Replica> {
  const spec = {
    config: replicaConfig(local, config),
    endpoints: {
      dynamodb: local.endpoints.dynamodb,
      s3: local.endpoints.s3,
      credentials: {
        accessKeyId: local.credentials.accessKeyId,
        secretAccessKey: local.credentials.secretAccessKey,
      },
      fenceMode: 'check-then-write',
    },
  };
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    env: { ...process.env, SHIPSHAPE_REPLICA: JSON.stringify(spec), NODE_NO_WARNINGS: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4_000);
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`replica ${config.replicaId} did not start: ${stderr}`));
    }, 30_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /ready (\S+)/.exec(out);
      if (match?.[1] !== undefined) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`replica ${config.replicaId} exited (${code}) before it was ready: ${stderr}`));
    });
  });
  const metrics = async () => (await fetch(`${url}/metrics`)).text();
  return {
    id: config.replicaId,
    url,
    child,
    exited,
    async awsCalls() {
      const calls: Record<string, number> = {};
      for (const match of (await metrics()).matchAll(/^shipshape_aws_calls_total\{([^}]*)\} (\d+)/gm)) {
        const operation = /operation="([^"]+)"/.exec(match[1] ?? '')?.[1] ?? '?';
        calls[operation] = (calls[operation] ?? 0) + Number(match[2]);
      }
      return calls;
    },
    async looks(kind, target) {
      return looksIn(await metrics(), kind, target);
    },
    async isLeader() {
      return /^shipshape_leader(\{[^}]*\})? 1$/m.test(await metrics());
    },
    async kill(signal = 'SIGKILL') {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill(signal);
      if (signal === 'SIGKILL' || signal === 'SIGTERM') await exited;
    },
  };
}

/** Completed looks of one kind in a /metrics text: of one target, or summed over all. */
export function looksIn(metrics: string, kind: 'resync' | 'scan', target?: string): number {
  let total = 0;
  for (const match of metrics.matchAll(/^shipshape_looks_total\{([^}]*)\} (\d+)/gm)) {
    const labels = match[1] ?? '';
    if (!labels.includes(`kind="${kind}"`)) continue;
    if (target !== undefined && !labels.includes(`target="${target}"`)) continue;
    total += Number(match[2]);
  }
  return total;
}

/** Writes among calls by operation: every operation that does not only read. */
export function writesOf(calls: Record<string, number>): number {
  return Object.entries(calls)
    .filter(([operation]) => !/^(Describe|List|Get)/.test(operation))
    .reduce((sum, [, count]) => sum + count, 0);
}
