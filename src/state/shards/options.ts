import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { type Clock, systemClock } from '../clock.ts';
import { resolveLeaseOptions } from '../lease-options.ts';

export interface ShardCoordinatorOptions {
  readonly client: DynamoDBClient;
  readonly table: string;
  /** Unique to this process (e.g. the task ARN plus a random suffix): names its heartbeat and its leases. */
  readonly replicaId: string;
  /** The shards there are now; asked on every round, so the set may change. */
  readonly shards: () => readonly string[];
  /** As LeaseManager takes them: defaults 15000, 10000 and 2000; retry < renew deadline < duration. */
  readonly durationMs?: number;
  readonly renewDeadlineMs?: number;
  /** Time between rounds: heartbeat, look at the shards' leases, take, renew and release. */
  readonly retryPeriodMs?: number;
  /** Wall-clock milliseconds, written into items for people to read (and the heartbeat's TTL). */
  readonly clock?: Clock;
  /** What every expiry is judged by; default performance.now, or `clock` when only that is given. */
  readonly monotonic?: Clock;
  /** This replica now holds the shard: write its state with this token. */
  readonly onAcquired?: (shard: string, fencingToken: number) => void;
  /** This replica no longer holds the shard (released, taken, or not renewed in time): stop its work. */
  readonly onLost?: (shard: string, reason: string) => void;
  /** A failed call of a round (the coordinator goes on). */
  readonly onError?: (error: unknown) => void;
}

export interface ResolvedShardOptions {
  readonly client: DynamoDBClient;
  readonly table: string;
  readonly replicaId: string;
  readonly shards: () => readonly string[];
  readonly durationMs: number;
  readonly renewDeadlineMs: number;
  readonly retryPeriodMs: number;
  readonly clock: Clock;
  readonly monotonic: Clock;
}

/** The defaults and checks of LeaseManager, so every shard's lease gets the same timings. */
export function resolveShardOptions(options: ShardCoordinatorOptions): ResolvedShardOptions {
  const { client, table, replicaId, shards, durationMs, renewDeadlineMs, retryPeriodMs, clock, monotonic } =
    options;
  const lease = resolveLeaseOptions(
    {
      client,
      table,
      holderId: replicaId,
      ...(durationMs === undefined ? {} : { durationMs }),
      ...(renewDeadlineMs === undefined ? {} : { renewDeadlineMs }),
      ...(retryPeriodMs === undefined ? {} : { retryPeriodMs }),
      ...(clock === undefined ? {} : { clock }),
      ...(monotonic === undefined ? {} : { monotonic }),
    },
    systemClock,
  );
  return {
    client,
    table,
    replicaId,
    shards,
    durationMs: lease.durationMs,
    renewDeadlineMs: lease.renewDeadlineMs,
    retryPeriodMs: lease.retryPeriodMs,
    clock: lease.clock,
    monotonic: lease.monotonic,
  };
}
