/** Milliseconds since the epoch; injected so tests can move time (the emulator's Clock fits). */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** Milliseconds that only move forward, whatever is done to the wall clock. */
export const monotonicClock: Clock = { now: () => performance.now() };
