import { type BackoffOptions, PerKeyBackoff } from './backoff.ts';
import { checkNonNegative } from './check.ts';
import { realScheduler, type Scheduler, type TimerHandle } from './scheduler.ts';

export interface WorkQueueOptions<K extends string> {
  /** Default: the real clock and timers. */
  readonly scheduler?: Scheduler;
  /** The per-key backoff behind `addRateLimited`, or options for one. Default: 1 s to 5 min, equal jitter. */
  readonly backoff?: PerKeyBackoff<K> | BackoffOptions;
}

/**
 * A queue of keys in the manner of client-go's workqueue: a key is queued at most once, and a
 * key is never handed out while it is being worked on; one added meanwhile waits until `done`.
 */
export class WorkQueue<K extends string> {
  readonly #scheduler: Scheduler;
  readonly #backoff: PerKeyBackoff<K>;
  #order: K[] = [];
  /** Keys waiting to be handed out (some behind their own work in progress), with when each was added. */
  readonly #queued = new Map<K, number>();
  readonly #processing = new Set<K>();
  readonly #delayed = new Map<K, { readonly at: number; readonly timer: TimerHandle }>();
  readonly #waiters: Array<(key: K | undefined) => void> = [];
  readonly #idle: Array<() => void> = [];
  #shuttingDown = false;

  constructor(options: WorkQueueOptions<K> = {}) {
    this.#scheduler = options.scheduler ?? realScheduler;
    this.#backoff =
      options.backoff instanceof PerKeyBackoff ? options.backoff : new PerKeyBackoff(options.backoff);
  }

  /** Keys waiting to be handed out (not those being worked on or waiting for a delay). */
  get length(): number {
    return this.#order.length;
  }

  get processing(): number {
    return this.#processing.size;
  }

  get delayed(): number {
    return this.#delayed.size;
  }

  get shuttingDown(): boolean {
    return this.#shuttingDown;
  }

  /** How long the longest-waiting key has waited to be handed out, in ms; 0 when none waits. */
  oldestWaitMs(): number {
    // A Map keeps insertion order, which is add order: the first entry is the oldest.
    const first = this.#queued.values().next();
    return first.done === true ? 0 : Math.max(0, this.#scheduler.now() - first.value);
  }

  add(key: K): void {
    if (this.#shuttingDown || this.#queued.has(key)) return;
    this.#queued.set(key, this.#scheduler.now());
    if (this.#processing.has(key)) return;
    this.#order.push(key);
    this.#dispatch();
  }

  /** Adds `key` after `ms`; of several pending delays for one key the earliest wins. */
  addAfter(key: K, ms: number): void {
    checkNonNegative('ms', ms);
    if (this.#shuttingDown) return;
    if (ms === 0) {
      this.add(key);
      return;
    }
    const at = this.#scheduler.now() + ms;
    const pending = this.#delayed.get(key);
    if (pending !== undefined && pending.at <= at) return;
    pending?.timer.cancel();
    const timer = this.#scheduler.setTimeout(() => {
      this.#delayed.delete(key);
      this.add(key);
    }, ms);
    this.#delayed.set(key, { at, timer });
  }

  /** Adds `key` after its backoff, which grows with every call until `forget(key)`. */
  addRateLimited(key: K): void {
    if (this.#shuttingDown) return;
    this.addAfter(key, this.#backoff.next(key));
  }

  forget(key: K): void {
    this.#backoff.forget(key);
  }

  /** How many times `key` was rate limited since it was last forgotten. */
  failures(key: K): number {
    return this.#backoff.failures(key);
  }

  /** The next key to work on; `undefined` once the queue is shut down. Call `done(key)` after the work. */
  get(): Promise<K | undefined> {
    const key = this.#take();
    if (key !== undefined || this.#shuttingDown) return Promise.resolve(key);
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  done(key: K): void {
    if (!this.#processing.delete(key)) return;
    if (this.#queued.has(key)) {
      if (this.#shuttingDown) this.#queued.delete(key);
      else this.#order.push(key);
    }
    this.#dispatch();
    if (this.#processing.size === 0) for (const resolve of this.#idle.splice(0)) resolve();
  }

  /** Drops every key waiting or delayed (not those being worked on); the queue stays open. */
  clear(): void {
    for (const { timer } of this.#delayed.values()) timer.cancel();
    this.#delayed.clear();
    for (const key of this.#order) this.#queued.delete(key);
    this.#order = [];
    for (const key of [...this.#queued.keys()]) if (!this.#processing.has(key)) this.#queued.delete(key);
    for (const key of this.#processing) this.#queued.delete(key);
  }

  /**
   * Stops taking keys: pending delays are cancelled, keys not yet handed out are dropped and every
   * waiting `get()` resolves with `undefined`. Resolves once the keys being worked on are `done`.
   */
  shutDown(): Promise<void> {
    this.#shuttingDown = true;
    for (const { timer } of this.#delayed.values()) timer.cancel();
    this.#delayed.clear();
    for (const key of this.#order) this.#queued.delete(key);
    this.#order = [];
    for (const resolve of this.#waiters.splice(0)) resolve(undefined);
    if (this.#processing.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idle.push(resolve));
  }

  #take(): K | undefined {
    const key = this.#order.shift();
    if (key === undefined) return undefined;
    this.#queued.delete(key);
    this.#processing.add(key);
    return key;
  }

  #dispatch(): void {
    while (this.#waiters.length > 0 && this.#order.length > 0) {
      const key = this.#take();
      const resolve = this.#waiters.shift();
      if (key !== undefined && resolve !== undefined) resolve(key);
    }
  }
}
