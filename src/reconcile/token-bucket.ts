import { checkFraction, checkNonNegative, checkPositive } from './check.ts';
import { realScheduler, type Scheduler, type TimerHandle } from './scheduler.ts';

export interface TokenBucketOptions {
  /** Tokens held at most; the bucket starts full. */
  readonly burst: number;
  /** The configured refill rate, tokens per second. */
  readonly ratePerSecond: number;
  /** The lowest rate throttling can push the bucket to, as a share of the configured rate. Default 1/16. */
  readonly floorShare?: number;
  /** What each success adds back to a lowered rate, as a share of the configured rate. Default 1/10. */
  readonly recoveryShare?: number;
  /** Throttling answers within this window of the last halving count once (calls in flight fail together). Default 1000 ms. */
  readonly throttleWindowMs?: number;
  readonly scheduler?: Scheduler;
}

interface Waiter {
  readonly resolve: () => void;
  readonly release: () => void;
}

/** Rounding in refills must not leave a waiter one ulp short of its token. */
const WHOLE = 1 - 1e-9;

/**
 * A token bucket with adaptive rate: `onThrottled()` halves the rate (not below the floor) and
 * each `onSuccess()` adds a step back (additive increase) until the configured rate is reached.
 * Waiters are served first come, first served.
 */
export class TokenBucket {
  readonly burst: number;
  readonly #scheduler: Scheduler;
  readonly #floorShare: number;
  readonly #recoveryShare: number;
  readonly #throttleWindowMs: number;
  #configured: number;
  #rate: number;
  #tokens: number;
  #updatedAt: number;
  #lastHalvedAt = Number.NEGATIVE_INFINITY;
  readonly #waiters: Waiter[] = [];
  #timer: TimerHandle | undefined;

  constructor(options: TokenBucketOptions) {
    this.burst = checkPositive('burst', options.burst);
    this.#configured = checkPositive('ratePerSecond', options.ratePerSecond);
    this.#rate = this.#configured;
    this.#floorShare = checkFraction('floorShare', options.floorShare ?? 1 / 16);
    this.#recoveryShare = checkFraction('recoveryShare', options.recoveryShare ?? 1 / 10);
    this.#throttleWindowMs = checkNonNegative('throttleWindowMs', options.throttleWindowMs ?? 1000);
    this.#scheduler = options.scheduler ?? realScheduler;
    this.#tokens = this.burst;
    this.#updatedAt = this.#scheduler.now();
  }

  /** The current rate, tokens per second. */
  get rate(): number {
    return this.#rate;
  }

  get configuredRate(): number {
    return this.#configured;
  }

  get waiting(): number {
    return this.#waiters.length;
  }

  /** Tokens available now (fractional while refilling). */
  get tokens(): number {
    this.#refill();
    return this.#tokens;
  }

  /** Resolves when a token is taken; rejects with the signal's reason if aborted first. */
  take(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    this.#refill();
    if (this.#waiters.length === 0 && this.#tokens >= WHOLE) {
      this.#tokens = Math.max(0, this.#tokens - 1);
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const onAbort = () => {
        const at = this.#waiters.indexOf(waiter);
        if (at >= 0) this.#waiters.splice(at, 1);
        this.#schedule();
        reject(signal?.reason);
      };
      const waiter: Waiter = { resolve, release: () => signal?.removeEventListener('abort', onAbort) };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#waiters.push(waiter);
      this.#schedule();
    });
  }

  /** Sets the configured rate; the current rate moves to it at once. */
  setRate(ratePerSecond: number): void {
    checkPositive('ratePerSecond', ratePerSecond);
    this.#refill();
    this.#configured = ratePerSecond;
    this.#rate = ratePerSecond;
    this.#schedule();
  }

  onThrottled(): void {
    const now = this.#scheduler.now();
    if (now - this.#lastHalvedAt < this.#throttleWindowMs) return;
    this.#lastHalvedAt = now;
    this.#refill();
    this.#rate = Math.max(this.#configured * this.#floorShare, this.#rate / 2);
    this.#schedule();
  }

  onSuccess(): void {
    if (this.#rate >= this.#configured) return;
    this.#refill();
    this.#rate = Math.min(this.#configured, this.#rate + this.#configured * this.#recoveryShare);
    this.#schedule();
  }

  #refill(): void {
    const now = this.#scheduler.now();
    const elapsedSeconds = Math.max(0, now - this.#updatedAt) / 1000;
    this.#tokens = Math.min(this.burst, this.#tokens + elapsedSeconds * this.#rate);
    this.#updatedAt = now;
  }

  #serve(): void {
    this.#refill();
    while (this.#waiters.length > 0 && this.#tokens >= WHOLE) {
      this.#tokens = Math.max(0, this.#tokens - 1);
      const waiter = this.#waiters.shift();
      waiter?.release();
      waiter?.resolve();
    }
    this.#schedule();
  }

  /** One timer, set for when the first waiter's token will be there at the current rate. */
  #schedule(): void {
    this.#timer?.cancel();
    this.#timer = undefined;
    if (this.#waiters.length === 0) return;
    // Whole milliseconds, at least one: the refill at that time always yields the token.
    const ms = Math.max(1, Math.ceil((Math.max(0, 1 - this.#tokens) / this.#rate) * 1000));
    this.#timer = this.#scheduler.setTimeout(() => {
      this.#timer = undefined;
      this.#serve();
    }, ms);
  }
}
