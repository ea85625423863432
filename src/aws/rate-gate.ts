import { RateLimiters, type RateLimitersOptions, realScheduler } from '../reconcile/index.ts';
import type { CallGate } from './clients.ts';
import { apiGroupOf, RATES } from './rates.ts';

export interface RateGateOptions extends RateLimitersOptions {
  /** After each attempt got its token: how long it waited, in ms (0 when a token was there). */
  readonly onWait?: (service: string, group: string, ms: number) => void;
}

/**
 * Keeps Shipshape's calls under a share of AWS's published rates: one token
 * bucket per API group; a throttling answer halves that bucket's rate and
 * successes bring it back step by step.
 */
export function rateLimitedGate(options: RateGateOptions = {}): {
  gate: CallGate;
  limiters: RateLimiters;
} {
  const limiters = new RateLimiters(RATES, options);
  const clock = options.scheduler ?? realScheduler;
  const groupOf = (service: string, operation: string) => `${service}:${apiGroupOf(service, operation)}`;
  const known = new Set(limiters.groups);
  return {
    limiters,
    gate: {
      async before(service, operation, signal) {
        const group = groupOf(service, operation);
        if (!known.has(group)) return;
        const started = clock.now();
        await limiters.take(group, signal);
        options.onWait?.(service, apiGroupOf(service, operation), clock.now() - started);
      },
      after(service, operation, outcome) {
        const group = groupOf(service, operation);
        if (!known.has(group)) return;
        if (outcome === 'throttled') limiters.bucket(group).onThrottled();
        else if (outcome === 'ok') limiters.bucket(group).onSuccess();
      },
    },
  };
}
