/** A cancellable pending call. */
export interface TimerHandle {
  cancel(): void;
}

/** Time and timers, injected so that tests move time by hand instead of waiting. */
export interface Scheduler {
  /** Milliseconds, monotonic for the life of the process. */
  now(): number;
  setTimeout(callback: () => void, ms: number): TimerHandle;
}

export const realScheduler: Scheduler = {
  now: () => performance.now(),
  setTimeout(callback, ms) {
    const timer = setTimeout(callback, ms);
    return { cancel: () => clearTimeout(timer) };
  },
};
