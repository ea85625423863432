import { checkPositive } from './check.ts';
import { realScheduler, type Scheduler, type TimerHandle } from './scheduler.ts';

export interface TickerOptions {
  readonly scheduler?: Scheduler;
  /** Also run once at start instead of waiting a first period. Default false. */
  readonly immediate?: boolean;
  /** `fn` threw or rejected; the ticker carries on. Default: ignored. */
  readonly onError?: (error: unknown) => void;
}

export interface Ticker {
  /** Cancels the next run; resolves when a run in progress has finished. */
  stop(): Promise<void>;
}

/**
 * Runs `fn` every `ms` (a full resync, a drift scan). Runs never overlap: one that overruns its
 * period is followed at once by the next, and periods are counted from each run's start.
 */
export function every(ms: number, fn: () => unknown, options: TickerOptions = {}): Ticker {
  checkPositive('ms', ms);
  const scheduler = options.scheduler ?? realScheduler;
  let timer: TimerHandle | undefined;
  let current: Promise<void> = Promise.resolve();
  let stopped = false;

  const schedule = (delay: number) => {
    if (!stopped) timer = scheduler.setTimeout(tick, delay);
  };
  const tick = () => {
    timer = undefined;
    const startedAt = scheduler.now();
    current = runSafely(fn, options.onError).then(() => {
      schedule(Math.max(0, startedAt + ms - scheduler.now()));
    });
  };

  schedule(options.immediate === true ? 0 : ms);
  return {
    async stop() {
      stopped = true;
      timer?.cancel();
      await current;
    },
  };
}

async function runSafely(fn: () => unknown, onError: ((error: unknown) => void) | undefined): Promise<void> {
  try {
    await fn();
  } catch (error) {
    try {
      onError?.(error);
    } catch {
      // A failing error hook must not stop the ticker.
    }
  }
}
