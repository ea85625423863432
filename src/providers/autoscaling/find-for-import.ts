import type { ProviderContext, ResourceIds } from '../types.ts';
import { describePolicies } from './policy-listing.ts';
import { policyTagKey, tagsOfTarget } from './target-tags.ts';

export interface FoundPolicy {
  readonly policyName: string;
  /** The scalable target's ARN. */
  readonly targetArn: string;
  /** The manifest identity the target's ownership marks give this policy, when this instance made it. */
  readonly owner?: string;
}

/** Every scaling policy on these scalable targets (DescribeScalingPolicies, paged at its limit of 10), with its ownership mark. */
export async function findPolicies(
  targets: readonly ResourceIds[],
  context: ProviderContext,
): Promise<FoundPolicy[]> {
  const found: FoundPolicy[] = [];
  for (const target of targets) {
    const policies = await describePolicies(
      { ...target, serviceNamespace: 'ecs', scalableDimension: 'ecs:service:DesiredCount' },
      undefined,
      context,
    );
    if (policies.length === 0) continue;
    const targetArn = target.arn ?? '';
    const tags = await tagsOfTarget(targetArn, context);
    const ours = context.ownership.identityOf(tags) !== undefined;
    for (const policy of policies) {
      const policyName = policy.PolicyName ?? '';
      const owner = ours ? tags[policyTagKey(policyName)] : undefined;
      found.push({ policyName, targetArn, ...(owner === undefined ? {} : { owner }) });
    }
  }
  return found;
}
