import { type RunningEmulator, startEmulator } from '../emulator/server.ts';
import {
  LOCAL_CREDENTIALS,
  type LocalClientConfig,
  type LocalCredentials,
  localClientConfig,
} from './client-config.ts';
import { type LocalDynamoDb, startLocalDynamoDb } from './dynamodb.ts';
import { type LocalS3, startLocalS3 } from './s3.ts';

export interface LocalAwsOptions {
  /** Default 127.0.0.1 for all three servers. */
  readonly host?: string;
  /** Default us-east-1. */
  readonly region?: string;
  /** The emulator's clock: `manual` (its default, for tests) or `real` (dev mode). */
  readonly clock?: 'real' | 'manual';
  /** The emulator's AWS-rate throttling; off by default. */
  readonly throttling?: boolean;
  readonly accountId?: string;
  /** Fixed ports (e.g. for dev mode); each defaults to 0, a free port. */
  readonly ports?: { readonly emulator?: number; readonly dynamodb?: number; readonly s3?: number };
  /** Buckets that exist in the local S3 from the start. */
  readonly buckets?: readonly string[];
}

/** The services a client can be configured for; each maps to one of the three servers. */
export type LocalService =
  | 'ecs'
  | 'elbv2'
  | 'efs'
  | 'servicediscovery'
  | 'application-autoscaling'
  | 'cloudwatch'
  | 'dynamodb'
  | 's3';

export interface LocalAws {
  readonly emulator: RunningEmulator;
  readonly dynamodb: LocalDynamoDb;
  readonly s3: LocalS3;
  readonly endpoints: { readonly aws: string; readonly dynamodb: string; readonly s3: string };
  readonly region: string;
  readonly credentials: LocalCredentials;
  clientConfig(service: LocalService): LocalClientConfig;
  /** Stops all three; safe to call more than once. */
  close(): Promise<void>;
}

/** Starts the emulator, a local DynamoDB and a local S3 together; if one fails, the others are stopped. */
export async function startLocalAws(options: LocalAwsOptions = {}): Promise<LocalAws> {
  const host = options.host ?? '127.0.0.1';
  const region = options.region ?? 'us-east-1';
  const started = await Promise.allSettled([
    startEmulator({
      host,
      port: options.ports?.emulator ?? 0,
      defaultRegion: region,
      ...(options.clock === undefined ? {} : { clock: options.clock }),
      ...(options.throttling === undefined ? {} : { throttling: options.throttling }),
      ...(options.accountId === undefined ? {} : { accountId: options.accountId }),
    }),
    startLocalDynamoDb({ host, port: options.ports?.dynamodb ?? 0 }),
    startLocalS3({
      host,
      port: options.ports?.s3 ?? 0,
      credentials: LOCAL_CREDENTIALS,
      buckets: options.buckets ?? [],
    }),
  ] as const);
  const [emulator, dynamodb, s3] = started;
  if (emulator.status === 'rejected' || dynamodb.status === 'rejected' || s3.status === 'rejected') {
    await closeAll(started.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value] : [])));
    const reasons = started.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason] : []));
    throw new AggregateError(reasons, `local AWS did not start: ${reasons.map(describe).join('; ')}`);
  }

  const endpoints = {
    aws: emulator.value.endpoint,
    dynamodb: dynamodb.value.endpoint,
    s3: s3.value.endpoint,
  };
  let closing: Promise<void> | undefined;
  return {
    emulator: emulator.value,
    dynamodb: dynamodb.value,
    s3: s3.value,
    endpoints,
    region,
    credentials: { ...LOCAL_CREDENTIALS },
    clientConfig: (service) => localClientConfig(endpointFor(service, endpoints), region),
    close: () => {
      closing ??= closeAll([emulator.value, dynamodb.value, s3.value]);
      return closing;
    },
  };
}

function endpointFor(service: LocalService, endpoints: LocalAws['endpoints']): string {
  if (service === 'dynamodb') return endpoints.dynamodb;
  if (service === 's3') return endpoints.s3;
  return endpoints.aws;
}

/** Closes every server even when some fail to close, then reports the failures together. */
async function closeAll(servers: readonly { close(): Promise<void> }[]): Promise<void> {
  const outcomes = await Promise.allSettled(servers.map((server) => server.close()));
  const reasons = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason] : []));
  if (reasons.length > 0) {
    throw new AggregateError(reasons, `local AWS did not stop cleanly: ${reasons.map(describe).join('; ')}`);
  }
}

function describe(reason: unknown): string {
  return reason instanceof Error ? reason.message : String(reason);
}
