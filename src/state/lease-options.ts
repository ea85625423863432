import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { type Clock, monotonicClock } from './clock.ts';

export interface LeaseManagerOptions {
  readonly client: DynamoDBClient;
  readonly table: string;
  /** Unique to this replica (e.g. task ARN plus a random suffix). */
  readonly holderId: string;
  /** Default `leader`: the lease item's sort key. */
  readonly leaseName?: string;
  /** How long a lease not renewed stays valid for others. Default 15000. */
  readonly durationMs?: number;
  /** The holder stops leading when it has not renewed for this long. Default 10000. */
  readonly renewDeadlineMs?: number;
  /** Time between attempts to acquire or renew. Default 2000. */
  readonly retryPeriodMs?: number;
  /** Wall-clock milliseconds, written into the lease item for people to read. Default: the system clock. */
  readonly clock?: Clock;
  /**
   * What every local deadline runs on (the renew deadline, another holder's expiry), so that a
   * step of the wall clock cannot stretch or end leadership. Default: performance.now, or `clock`
   * when only that is given (tests that move time by hand move both).
   */
  readonly monotonic?: Clock;
  readonly onStartedLeading?: (fencingToken: number) => void;
  readonly onStoppedLeading?: (reason: string) => void;
  /** A failed attempt to read or write the lease (the loop goes on). */
  readonly onError?: (error: unknown) => void;
}

export type ResolvedLeaseOptions = Required<
  Omit<LeaseManagerOptions, 'onStartedLeading' | 'onStoppedLeading' | 'onError'>
> &
  Pick<LeaseManagerOptions, 'onStartedLeading' | 'onStoppedLeading' | 'onError'>;

/** Fills defaults and checks that the durations nest: retry < renew deadline < duration. */
export function resolveLeaseOptions(options: LeaseManagerOptions, systemClock: Clock): ResolvedLeaseOptions {
  const resolved: ResolvedLeaseOptions = {
    leaseName: 'leader',
    durationMs: 15_000,
    renewDeadlineMs: 10_000,
    retryPeriodMs: 2_000,
    clock: systemClock,
    monotonic: options.clock ?? monotonicClock,
    ...options,
  };
  for (const field of ['durationMs', 'renewDeadlineMs', 'retryPeriodMs'] as const) {
    const value = resolved[field];
    if (!Number.isFinite(value) || value <= 0) {
      throw new RangeError(`Expected \`${field}\` to be a finite number > 0, got ${value}`);
    }
  }
  if (resolved.renewDeadlineMs >= resolved.durationMs) {
    throw new RangeError(
      `Expected \`renewDeadlineMs\` to be less than \`durationMs\` (${resolved.durationMs}), got ${resolved.renewDeadlineMs}`,
    );
  }
  if (resolved.retryPeriodMs >= resolved.renewDeadlineMs) {
    throw new RangeError(
      `Expected \`retryPeriodMs\` to be less than \`renewDeadlineMs\` (${resolved.renewDeadlineMs}), got ${resolved.retryPeriodMs}`,
    );
  }
  if (resolved.holderId === '') throw new RangeError('Expected `holderId` to be a non-empty string');
  return resolved;
}
