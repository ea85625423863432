import { realScheduler, type Scheduler, type TimerHandle } from '../reconcile/scheduler.ts';
import { CommitPendingError } from './source-error.ts';
import type { ChangeListener, Watch } from './types.ts';

/** The first look again after a commit was found not ready; each next wait doubles, up to the cap. */
export const FIRST_PENDING_RETRY_MS = 1_000;

/**
 * "Look again soon" while a commit is not ready (CommitPendingError): 1 s, 2 s, 4 s ... up to
 * `capMs` (the poll interval), reset by any look that ends otherwise. Only the watches' listeners
 * are called: a source that nobody watches schedules nothing.
 */
export class PendingRetry {
  readonly #scheduler: Scheduler;
  readonly #capMs: number;
  readonly #listeners = new Set<ChangeListener>();
  #nextMs = FIRST_PENDING_RETRY_MS;
  #timer: TimerHandle | undefined;

  constructor(capMs: number, scheduler: Scheduler = realScheduler) {
    this.#capMs = capMs;
    this.#scheduler = scheduler;
  }

  /** Calls `onChange` at each retry until the watch stops. */
  watch(onChange: ChangeListener): Watch {
    this.#listeners.add(onChange);
    return {
      stop: async () => {
        this.#listeners.delete(onChange);
        if (this.#listeners.size === 0) this.#cancel();
      },
    };
  }

  /** Wraps a look: schedules a retry when it ends in CommitPendingError, resets the backoff otherwise. */
  async follow<T>(look: Promise<T>): Promise<T> {
    try {
      const result = await look;
      this.#settled();
      return result;
    } catch (error) {
      if (error instanceof CommitPendingError) this.#pending();
      else this.#settled();
      throw error;
    }
  }

  #pending(): void {
    if (this.#timer !== undefined || this.#listeners.size === 0) return;
    const delay = Math.min(this.#nextMs, this.#capMs);
    this.#nextMs = Math.min(delay * 2, this.#capMs);
    this.#timer = this.#scheduler.setTimeout(() => {
      this.#timer = undefined;
      for (const listener of this.#listeners) {
        try {
          Promise.resolve(listener()).catch(() => undefined);
        } catch {
          // A listener reports its own errors; the next retry or poll looks again.
        }
      }
    }, delay);
  }

  #settled(): void {
    this.#nextMs = FIRST_PENDING_RETRY_MS;
    this.#cancel();
  }

  #cancel(): void {
    this.#timer?.cancel();
    this.#timer = undefined;
  }
}
