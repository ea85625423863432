import { RateLimiters, type RateLimitersOptions } from '../reconcile/index.ts';
import type { CallGate } from './clients.ts';
import { apiGroupOf, RATES } from './rates.ts';

/**
 * Keeps Shipshape's calls under a share of AWS's published rates: one token
 * bucket per API group; a throttling answer halves that bucket's rate and
 * successes bring it back step by step.
 */
export function rateLimitedGate(options: RateLimitersOptions = {}): {
  gate: CallGate;
  limiters: RateLimiters;
} {
  const limiters = new RateLimiters(RATES, options);
  const groupOf = (service: string, operation: string) => `${service}:${apiGroupOf(service, operation)}`;
  const known = new Set(limiters.groups);
  return {
    limiters,
    gate: {
      async before(service, operation, signal) {
        const group = groupOf(service, operation);
        if (known.has(group)) await limiters.take(group, signal);
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
