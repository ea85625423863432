export { type BackoffOptions, type Jitter, PerKeyBackoff } from './backoff.ts';
export { Controller, type ControllerOptions, type Reconcile, type StopOptions } from './controller.ts';
export { ManualScheduler, settle } from './manual-scheduler.ts';
export { type GroupRate, RateLimiters, type RateLimitersOptions } from './rate-limiters.ts';
export { done, type ErrorClass, type Outcome, type Result, requeueAfter } from './result.ts';
export { realScheduler, type Scheduler, type TimerHandle } from './scheduler.ts';
export { every, type Ticker, type TickerOptions } from './ticker.ts';
export { TokenBucket, type TokenBucketOptions } from './token-bucket.ts';
export { WorkQueue, type WorkQueueOptions } from './work-queue.ts';
