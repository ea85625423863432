import { checkNonNegative } from './check.ts';
import type { Scheduler, TimerHandle } from './scheduler.ts';

interface Timer {
  readonly at: number;
  readonly order: number;
  readonly callback: () => void;
}

/** Lets the work a callback started (promise continuations) run before the next timer fires. */
export const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * A {@link Scheduler} whose time moves only when told: `advance(ms)` fires the timers that fall
 * due, in time order, letting the promises each one starts settle before firing the next.
 */
export class ManualScheduler implements Scheduler {
  #now: number;
  #order = 0;
  readonly #timers = new Set<Timer>();

  constructor(startMs = 0) {
    this.#now = startMs;
  }

  now(): number {
    return this.#now;
  }

  setTimeout(callback: () => void, ms: number): TimerHandle {
    const timer: Timer = { at: this.#now + Math.max(0, ms), order: this.#order++, callback };
    this.#timers.add(timer);
    return { cancel: () => this.#timers.delete(timer) };
  }

  /** Timers not yet fired nor cancelled. */
  get pending(): number {
    return this.#timers.size;
  }

  /** When the next timer is due, or undefined if none is pending. */
  get nextAt(): number | undefined {
    return this.#next()?.at;
  }

  async advance(ms: number): Promise<void> {
    checkNonNegative('ms', ms);
    const until = this.#now + ms;
    await settle();
    for (let timer = this.#next(); timer !== undefined && timer.at <= until; timer = this.#next()) {
      this.#timers.delete(timer);
      this.#now = timer.at;
      timer.callback();
      await settle();
    }
    this.#now = until;
  }

  #next(): Timer | undefined {
    let first: Timer | undefined;
    for (const timer of this.#timers) {
      if (first === undefined || timer.at < first.at || (timer.at === first.at && timer.order < first.order))
        first = timer;
    }
    return first;
  }
}
