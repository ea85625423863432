import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Logger } from 'pino';
import { type AwsClients, createAwsClients } from '../../src/aws/clients.ts';
import { type Config, loadConfig } from '../../src/config/index.ts';
import { EmulatorControl } from '../../src/emulator/control-client.ts';
import { type LocalAws, startLocalAws } from '../../src/local/aws.ts';
import { localClientConfig } from '../../src/local/client-config.ts';
import { createLogger } from '../../src/log.ts';
import { type RunningShipshape, startShipshape } from '../../src/runtime/shipshape.ts';
import { createManifestTable } from '../../src/source/manifest-table-create.ts';
import { putManifests } from '../../src/source/manifest-table-writer.ts';

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
  /** Puts manifests into the bucket under the source prefix, or into the manifests table (a commit). */
  commit(files: Record<string, string | Uint8Array>): Promise<void>;
  remove(...keys: string[]): Promise<void>;
  /** Polls `check` until it returns a value other than undefined/false, or throws after `timeoutMs`. */
  waitFor<T>(what: string, check: () => Promise<T | undefined | false>, timeoutMs?: number): Promise<T>;
  close(): Promise<void>;
}

export interface RuntimeHarnessOptions {
  /** Config values over the harness defaults (e.g. pruneShare). */
  readonly config?: Record<string, string | number | boolean>;
  readonly prefix?: string;
  /** Where the manifests live: the bucket (default) or a manifests table in the local DynamoDB. */
  readonly source?: 's3' | 'dynamodb';
  /** Shipshape's logger; default silent (DBG_LOG=1: info on standard output). */
  readonly logger?: Logger;
  /** Manifests committed before Shipshape starts: what the source holds at its first look. */
  readonly seed?: Record<string, string | Uint8Array>;
}

/** Writes and deletes manifests in the harness's source. */
interface SourceWriter {
  readonly url: string;
  commit(files: Record<string, string | Uint8Array>): Promise<void>;
  remove(keys: readonly string[]): Promise<void>;
  destroy(): void;
}

function bucketWriter(s3: S3Client, prefix: string): SourceWriter {
  return {
    url: `s3://${BUCKET}/${prefix}`,
    async commit(files) {
      for (const [key, body] of Object.entries(files)) {
        await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: `${prefix}${key}`, Body: body }));
      }
    },
    async remove(keys) {
      for (const key of keys)
        await s3.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: `${prefix}${key}` }));
    },
    destroy: () => undefined,
  };
}

async function tableWriter(local: LocalAws, table: string): Promise<SourceWriter> {
  const client = new DynamoDBClient(localClientConfig(local.endpoints.dynamodb, local.region));
  await createManifestTable(client, table);
  const doc = DynamoDBDocumentClient.from(client);
  // put-manifests writes whole commits: the table's files so far, with these changes.
  const held = new Map<string, string>();
  const write = () =>
    putManifests(
      doc,
      table,
      [...held].map(([file, content]) => ({ file, content })),
      { prune: true },
    );
  return {
    url: `dynamodb://${table}`,
    async commit(files) {
      // A table holds strings: bytes are written as the text they decode to.
      for (const [file, content] of Object.entries(files)) {
        held.set(file, typeof content === 'string' ? content : Buffer.from(content).toString('utf8'));
      }
      await write();
    },
    async remove(keys) {
      for (const key of keys) held.delete(key);
      await write();
    },
    destroy: () => client.destroy(),
  };
}

export async function startRuntimeHarness(options: RuntimeHarnessOptions = {}): Promise<RuntimeHarness> {
  const local = await startLocalAws({ clock: 'real', buckets: [BUCKET] });
  instances += 1;
  const prefix = options.prefix ?? 'live/';
  const s3 = new S3Client(localClientConfig(local.endpoints.s3, local.region));
  const writer =
    options.source === 'dynamodb'
      ? await tableWriter(local, `manifests-${instances}`)
      : bucketWriter(s3, prefix);
  const loaded = loadConfig({}, [], {
    source: writer.url,
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
  if (options.seed !== undefined) await writer.commit(options.seed);
  const running = await startShipshape(
    config,
    options.logger ?? createLogger({ level: process.env.DBG_LOG === undefined ? 'silent' : 'info' }),
    {
      dynamodb: local.endpoints.dynamodb,
      s3: local.endpoints.s3,
      credentials: {
        accessKeyId: local.credentials.accessKeyId,
        secretAccessKey: local.credentials.secretAccessKey,
      },
      fenceMode: 'check-then-write',
    },
  );
  const aws = createAwsClients({
    region: local.region,
    endpoint: local.endpoints.aws,
    credentials: {
      accessKeyId: local.credentials.accessKeyId,
      secretAccessKey: local.credentials.secretAccessKey,
    },
    maxAttempts: 1,
  });
  return {
    local,
    control: new EmulatorControl(local.endpoints.aws),
    running,
    config,
    aws,
    s3,
    commit: (files) => writer.commit(files),
    remove: (...keys) => writer.remove(keys),
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
      writer.destroy();
      await local.close();
    },
  };
}
