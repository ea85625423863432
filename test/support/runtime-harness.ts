import { DeleteObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { createAwsClients, type AwsClients } from '../../src/aws/clients.ts';
import { type Config, loadConfig } from '../../src/config/index.ts';
import { EmulatorControl } from '../../src/emulator/control-client.ts';
import { type LocalAws, startLocalAws } from '../../src/local/aws.ts';
import { localClientConfig } from '../../src/local/client-config.ts';
import { createLogger } from '../../src/log.ts';
import { type RunningShipshape, startShipshape } from '../../src/runtime/shipshape.ts';

export const BUCKET = 'manifests';

let instances = 0;

/** The whole of Shipshape as `dev` runs it, on real time with short intervals, against local AWS. */
export interface RuntimeHarness {
  readonly local: LocalAws;
  readonly control: EmulatorControl;
  readonly running: RunningShipshape;
  readonly config: Config;
  /** SDK clients on the emulator for the test's own reads and hand edits (not Shipshape's). */
  readonly aws: AwsClients;
  readonly s3: S3Client;
  /** Puts manifests into the bucket under the source prefix (a commit). */
  commit(files: Record<string, string>): Promise<void>;
  remove(...keys: string[]): Promise<void>;
  /** Polls `check` until it returns a value other than undefined/false, or throws after `timeoutMs`. */
  waitFor<T>(what: string, check: () => Promise<T | undefined | false>, timeoutMs?: number): Promise<T>;
  close(): Promise<void>;
}

export interface RuntimeHarnessOptions {
  /** Config values over the harness defaults (e.g. pruneShare). */
  readonly config?: Record<string, string | number | boolean>;
  readonly prefix?: string;
}

export async function startRuntimeHarness(options: RuntimeHarnessOptions = {}): Promise<RuntimeHarness> {
  const local = await startLocalAws({ clock: 'real', buckets: [BUCKET] });
  instances += 1;
  const prefix = options.prefix ?? 'live/';
  const loaded = loadConfig({}, [], {
    source: `s3://${BUCKET}/${prefix}`,
    stateTable: `state-${instances}`,
    region: local.region,
    endpoint: local.endpoints.aws,
    instance: `e2e-${instances}`,
    replicaId: `replica-${instances}`,
    apiHost: '127.0.0.1',
    apiPort: 0,
    apiToken: 'e2e-token-0123456789abcdef',
    pollSeconds: 1,
    resyncSeconds: 3,
    driftScanSeconds: 1,
    logLevel: 'warn',
    ...options.config,
  } as never);
  if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
  const config = loaded.config;
  const running = await startShipshape(config, createLogger({ level: 'silent' }), {
    dynamodb: local.endpoints.dynamodb,
    s3: local.endpoints.s3,
    credentials: { accessKeyId: local.credentials.accessKeyId, secretAccessKey: local.credentials.secretAccessKey },
    fenceMode: 'check-then-write',
  });
  const s3 = new S3Client(localClientConfig(local.endpoints.s3, local.region));
  const aws = createAwsClients({
    region: local.region,
    endpoint: local.endpoints.aws,
    credentials: { accessKeyId: local.credentials.accessKeyId, secretAccessKey: local.credentials.secretAccessKey },
    maxAttempts: 1,
  });
  return {
    local,
    control: new EmulatorControl(local.endpoints.aws),
    running,
    config,
    aws,
    s3,
    async commit(files) {
      for (const [key, body] of Object.entries(files)) {
        await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: `${prefix}${key}`, Body: body }));
      }
    },
    async remove(...keys) {
      for (const key of keys) await s3.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: `${prefix}${key}` }));
    },
    async waitFor(what, check, timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      let last: unknown;
      while (Date.now() < deadline) {
        try {
          const value = await check();
          if (value !== undefined && value !== false) return value;
        } catch (error) {
          last = error;
        }
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      throw new Error(`timed out waiting for ${what}${last === undefined ? '' : `: ${String(last)}`}`);
    },
    async close() {
      await running.close();
      aws.destroy();
      s3.destroy();
      await local.close();
    },
  };
}
