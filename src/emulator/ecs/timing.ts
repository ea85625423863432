/**
 * Simulated durations of a task's life (clock milliseconds). Real Fargate
 * tasks take tens of seconds; these keep the same order of steps and leave
 * tests short.
 */
export const PROVISIONING_MS = 5_000;
/** Image pull and container start. */
export const PENDING_MS = 10_000;
/** How long a 'crash' image runs before its essential container exits. */
export const CRASH_AFTER_MS = 5_000;
/**
 * How long a task must stay RUNNING before the scheduler counts it healthy
 * (longer than CRASH_AFTER_MS, so a crash-looping deployment never completes).
 */
export const STABLE_AFTER_MS = 10_000;
/** From stop requested (STOPPING) to STOPPED. */
export const STOPPING_MS = 5_000;
/** Stopped tasks stay describable this long, as in AWS. */
export const STOPPED_RETENTION_MS = 60 * 60 * 1000;
