import { checkNonNegative, checkPositive } from './check.ts';

/**
 * `full`: a delay anywhere in [0, d]; `equal`: in [d/2, d], so it never collapses to zero;
 * `none`: exactly d. (d = base * 2^failures, at most cap.)
 */
export type Jitter = 'full' | 'equal' | 'none';

export interface BackoffOptions {
  /** The delay after the first failure, before jitter. Default 1000 ms. */
  readonly baseMs?: number;
  /** The largest delay. Default 300 000 ms (5 minutes). */
  readonly capMs?: number;
  /** Default `equal`. */
  readonly jitter?: Jitter;
  /** A number in [0, 1). Default Math.random. */
  readonly random?: () => number;
}

/** Exponential backoff counted per key: each failure doubles that key's delay until `forget`. */
export class PerKeyBackoff<K extends string> {
  readonly baseMs: number;
  readonly capMs: number;
  readonly jitter: Jitter;
  readonly #random: () => number;
  readonly #failures = new Map<K, number>();

  constructor(options: BackoffOptions = {}) {
    this.baseMs = checkPositive('baseMs', options.baseMs ?? 1000);
    this.capMs = checkNonNegative('capMs', options.capMs ?? 300_000);
    if (this.capMs < this.baseMs)
      throw new RangeError(`Expected \`capMs\` to be >= baseMs (${this.baseMs}), got ${this.capMs}`);
    this.jitter = options.jitter ?? 'equal';
    this.#random = options.random ?? Math.random;
  }

  /** Counts a failure of `key` and returns how long to wait before its next try. */
  next(key: K): number {
    const failures = this.#failures.get(key) ?? 0;
    this.#failures.set(key, failures + 1);
    // 2 ** 1100 is Infinity, which Math.min turns into the cap.
    const ceiling = Math.min(this.capMs, this.baseMs * 2 ** failures);
    const random = Math.min(Math.max(this.#random(), 0), 1);
    if (this.jitter === 'full') return random * ceiling;
    if (this.jitter === 'equal') return ceiling / 2 + (random * ceiling) / 2;
    return ceiling;
  }

  failures(key: K): number {
    return this.#failures.get(key) ?? 0;
  }

  forget(key: K): void {
    this.#failures.delete(key);
  }
}
