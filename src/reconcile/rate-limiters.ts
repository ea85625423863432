import { checkFraction } from './check.ts';
import type { Scheduler } from './scheduler.ts';
import { TokenBucket, type TokenBucketOptions } from './token-bucket.ts';

/** A published rate: bucket size and refill per second. */
export interface GroupRate {
  readonly burst: number;
  readonly sustained: number;
}

export interface RateLimitersOptions {
  /** The share of each published rate to use, leaving the rest to other clients of the account. Default 0.5. */
  readonly share?: number;
  readonly scheduler?: Scheduler;
  /** Adaptive settings for every bucket. */
  readonly bucket?: Pick<TokenBucketOptions, 'floorShare' | 'recoveryShare' | 'throttleWindowMs'>;
}

/** One {@link TokenBucket} per API group, each set to a share of the group's published rate. */
export class RateLimiters {
  readonly share: number;
  readonly #buckets = new Map<string, TokenBucket>();

  constructor(table: Readonly<Record<string, GroupRate>>, options: RateLimitersOptions = {}) {
    this.share = checkFraction('share', options.share ?? 0.5);
    for (const [group, rate] of Object.entries(table)) {
      this.#buckets.set(
        group,
        new TokenBucket({
          ...options.bucket,
          burst: Math.max(1, Math.floor(rate.burst * this.share)),
          ratePerSecond: rate.sustained * this.share,
          ...(options.scheduler === undefined ? {} : { scheduler: options.scheduler }),
        }),
      );
    }
  }

  get groups(): string[] {
    return [...this.#buckets.keys()];
  }

  /** The bucket of `group`; an unknown group is a programming error and throws. */
  bucket(group: string): TokenBucket {
    const bucket = this.#buckets.get(group);
    if (bucket === undefined) {
      throw new RangeError(
        `Expected \`group\` to be one of ${this.groups.join(', ')}, got ${JSON.stringify(group)}`,
      );
    }
    return bucket;
  }

  /** Waits for a token of `group`. */
  take(group: string, signal?: AbortSignal): Promise<void> {
    return this.bucket(group).take(signal);
  }

  /**
   * Makes one call under `group`'s bucket and feeds its answer back: a throttling error (as
   * `isThrottled` judges it) slows the bucket, a success lets it recover. The error is rethrown.
   */
  async run<T>(
    group: string,
    call: () => Promise<T>,
    isThrottled: (error: unknown) => boolean,
    signal?: AbortSignal,
  ): Promise<T> {
    const bucket = this.bucket(group);
    await bucket.take(signal);
    try {
      const result = await call();
      bucket.onSuccess();
      return result;
    } catch (error) {
      if (isThrottled(error)) bucket.onThrottled();
      throw error;
    }
  }
}
