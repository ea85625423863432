import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AwsCredentialIdentity } from '@smithy/types';
import type { ReadLimits } from '../manifest/limits.ts';
import type { Scheduler } from '../reconcile/scheduler.ts';
import { DynamoDbSource } from './dynamodb-source.ts';
import { FolderSource } from './folder-source.ts';
import { OverlaySource } from './overlay-source.ts';
import { type ChangeNotifier, S3Source } from './s3-source.ts';
import { parseSourceUrl } from './source-url.ts';
import { SqsNotifier } from './sqs-notifier.ts';
import { ssmParameterStore } from './ssm-parameter-store.ts';
import type { ManifestSource } from './types.ts';

export interface OpenSourceOptions {
  /** Default AWS_ENDPOINT_URL; unset means AWS's own endpoints. */
  readonly endpoint?: string;
  /** Default: the SDK's chain (AWS_REGION, the profile, ...). */
  readonly region?: string;
  /** Default: the SDK's credential chain. */
  readonly credentials?: AwsCredentialIdentity;
  readonly pollIntervalMs?: number;
  readonly scheduler?: Scheduler;
  readonly ignore?: readonly string[];
  /** S3 only: "look now" on S3 event notifications (see docs/SOURCES.md); overrides queueUrl. */
  readonly notifier?: ChangeNotifier;
  /** S3 only: an SQS queue that receives the bucket's event notifications (an SqsNotifier on it). */
  readonly queueUrl?: string;
  /** Caps on file sizes and their total; default DEFAULT_READ_LIMITS. */
  readonly limits?: ReadLimits;
  /**
   * S3 and DynamoDB: told once, the first time a look finds no commit record (commits are then
   * not atomic); `serve` logs it as a warning. A folder has no commit record and says nothing.
   */
  readonly onNotice?: (message: string) => void;
}

/**
 * The source a URL names, with its AWS client; the caller owns the source for the process's life.
 * An S3 prefix or table folder holding an overlay.yaml is rendered (docs/OVERLAYS.md).
 */
export function openSource(url: string, options: OpenSourceOptions = {}): ManifestSource {
  const location = parseSourceUrl(url);
  const polling = {
    ...(options.pollIntervalMs === undefined ? {} : { pollIntervalMs: options.pollIntervalMs }),
    ...(options.scheduler === undefined ? {} : { scheduler: options.scheduler }),
  };
  const ignore = options.ignore === undefined ? {} : { ignore: options.ignore };
  const limits = options.limits === undefined ? {} : { limits: options.limits };
  const onNotice = options.onNotice === undefined ? {} : { onNotice: options.onNotice };
  const endpoint = options.endpoint ?? nonEmpty(process.env.AWS_ENDPOINT_URL);
  const config = {
    ...(endpoint === undefined ? {} : { endpoint }),
    ...(options.region === undefined ? {} : { region: options.region }),
    ...(options.credentials === undefined ? {} : { credentials: options.credentials }),
  };
  // An overlay's `parameters` (docs/OVERLAYS.md); the SSM client is made only if one is read.
  const parameters = ssmParameterStore(config);
  if (location.kind === 'folder') {
    return new FolderSource({ dir: location.dir, ...polling, ...ignore, ...limits, parameters });
  }
  if (location.kind === 's3') {
    // A custom endpoint (LocalStack, a local S3) rarely serves bucket host names.
    const client = new S3Client({ ...config, ...(endpoint === undefined ? {} : { forcePathStyle: true }) });
    const notifier =
      options.notifier ??
      (options.queueUrl === undefined
        ? undefined
        : new SqsNotifier({
            client: new SQSClient(config),
            queueUrl: options.queueUrl,
            bucket: location.bucket,
            prefix: location.prefix,
            ...(options.scheduler === undefined ? {} : { scheduler: options.scheduler }),
          }));
    const top = new S3Source({
      client,
      bucket: location.bucket,
      prefix: location.prefix,
      ...polling,
      ...ignore,
      ...limits,
      ...onNotice,
      ...(notifier === undefined ? {} : { notifier }),
    });
    // An overlay's base is another prefix of the bucket, read as a source of its own.
    const openFolder = (folder: string) =>
      new S3Source({ client, bucket: location.bucket, prefix: `${folder}/`, ...ignore, ...limits });
    return new OverlaySource({ top, folder: location.prefix.replace(/\/$/, ''), openFolder, parameters });
  }
  const doc = DynamoDBDocumentClient.from(new DynamoDBClient(config));
  const table = new DynamoDbSource({ doc, table: location.table, ...polling, ...limits, ...onNotice });
  const folder = location.folder ?? '';
  return new OverlaySource({
    top: table,
    folder,
    parameters,
    ...(folder === '' ? {} : { describe: `dynamodb://${location.table}/${folder}` }),
  });
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}
