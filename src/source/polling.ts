import { realScheduler, type Scheduler } from '../reconcile/scheduler.ts';
import { every } from '../reconcile/ticker.ts';
import type { ChangeListener, Watch } from './types.ts';

export const DEFAULT_POLL_INTERVAL_MS = 10_000;

export interface PollingOptions {
  /** Default 10 s. */
  readonly intervalMs?: number;
  readonly scheduler?: Scheduler;
}

/** Calls `onChange` every interval; a slow listener delays the next call instead of overlapping it. */
export function pollEvery(options: PollingOptions, onChange: ChangeListener): Watch {
  const ticker = every(options.intervalMs ?? DEFAULT_POLL_INTERVAL_MS, onChange, {
    scheduler: options.scheduler ?? realScheduler,
  });
  let stopping: Promise<void> | undefined;
  return {
    stop: () => {
      stopping ??= ticker.stop();
      return stopping;
    },
  };
}

/** One watch made of several (polling beside fs.watch or an event queue); stops them all. */
export function allOf(watches: readonly Watch[]): Watch {
  let stopping: Promise<void> | undefined;
  return {
    stop: () => {
      stopping ??= Promise.all(watches.map((w) => w.stop())).then(() => undefined);
      return stopping;
    },
  };
}
