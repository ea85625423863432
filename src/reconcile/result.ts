/** What a reconcile asks for next: nothing until something changes, or another look after `ms`. */
export type Result = { readonly kind: 'done' } | { readonly kind: 'requeueAfter'; readonly ms: number };

export const done: Result = { kind: 'done' };
export const requeueAfter = (ms: number): Result => ({ kind: 'requeueAfter', ms });

/**
 * What a failed reconcile's error means: `terminal` (reported, not retried until the key is
 * added again), `retry` (per-key backoff), or a wait the error itself names (a throttle's Retry-After).
 */
export type ErrorClass = 'terminal' | 'retry' | { readonly retryAfterMs: number };

export type Outcome = 'done' | 'requeueAfter' | 'terminal' | 'retry' | 'retryAfter';
