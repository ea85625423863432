import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { type AwsClients, createAwsClients } from '../../src/aws/clients.ts';
import type { LocalAws } from '../../src/local/aws.ts';
import { localClientConfig } from '../../src/local/client-config.ts';
import { StateStore } from '../../src/state/index.ts';

/** The test's own view of local AWS: SDK clients, the bucket, a state store reader. */
export interface Tools {
  readonly aws: AwsClients;
  readonly s3: S3Client;
  readonly dynamo: DynamoDBClient;
  store(table: string): StateStore;
  commit(bucket: string, prefix: string, files: Record<string, string>): Promise<void>;
  close(): void;
}

export function toolsFor(local: LocalAws): Tools {
  const credentials = {
    accessKeyId: local.credentials.accessKeyId,
    secretAccessKey: local.credentials.secretAccessKey,
  };
  const aws = createAwsClients({
    region: local.region,
    endpoint: local.endpoints.aws,
    credentials,
    maxAttempts: 1,
  });
  const s3 = new S3Client(localClientConfig(local.endpoints.s3, local.region));
  const dynamo = new DynamoDBClient(localClientConfig(local.endpoints.dynamodb, local.region));
  return {
    aws,
    s3,
    dynamo,
    store: (table) => new StateStore({ client: dynamo, table, fenceMode: 'check-then-write' }),
    async commit(bucket, prefix, files) {
      for (const [key, body] of Object.entries(files)) {
        await s3.send(new PutObjectCommand({ Bucket: bucket, Key: `${prefix}${key}`, Body: body }));
      }
    },
    close() {
      aws.destroy();
      s3.destroy();
      dynamo.destroy();
    },
  };
}

/** Polls `check` until it returns something other than undefined/false; throws after `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined | false>,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`timed out waiting for ${what}${last === undefined ? '' : `: ${String(last)}`}`);
}
