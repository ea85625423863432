import type { TickContext } from '../core/service.ts';
import { ELBV2_STATE, type LoadBalancerRecord } from './state.ts';
import { advanceTargets } from './targets.ts';

/**
 * How long a new load balancer stays `provisioning` on the emulator's clock.
 * Real ones take a few minutes; one minute keeps dev mode quick while still
 * making callers wait for `active` as they must on AWS.
 */
export const LOAD_BALANCER_PROVISIONING_MS = 60_000;

export function loadBalancerState(loadBalancer: LoadBalancerRecord, now: number): 'provisioning' | 'active' {
  return now >= loadBalancer.activeAt ? 'active' : 'provisioning';
}

/** Moves target health forward; load balancer state is read from the clock directly. */
export function tickElbv2(context: TickContext): void {
  advanceTargets(context.world.get(ELBV2_STATE), context.now);
}
