import { elbv2Suite } from './elbv2/context.ts';
import { listenerConformance } from './elbv2/listeners.part.ts';
import { loadBalancerConformance } from './elbv2/load-balancers.part.ts';
import { tagConformance } from './elbv2/tags.part.ts';
import { targetGroupConformance } from './elbv2/target-groups.part.ts';
import { targetConformance } from './elbv2/targets.part.ts';
import type { RunningTarget, TargetSpec } from './target.ts';

/** ELBv2 through the real SDK client: shapes, defaults, errors, idempotency, paging and limits. */
export function elbv2Conformance(spec: TargetSpec, target: () => RunningTarget): void {
  const suite = elbv2Suite(spec, target);
  loadBalancerConformance(suite);
  targetGroupConformance(suite);
  listenerConformance(suite);
  targetConformance(suite);
  tagConformance(suite);
}
