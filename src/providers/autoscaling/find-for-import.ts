import { DescribeScalingPoliciesCommand } from '@aws-sdk/client-application-auto-scaling';
import { paged } from '../batch.ts';
import type { ProviderContext, ResourceIds } from '../types.ts';
import { policyTagKey, targetTags } from './target-tags.ts';

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
    const policies = await paged(async (token) => {
      const page = await context.aws.autoscaling.send(
        new DescribeScalingPoliciesCommand({
          ServiceNamespace: 'ecs',
          ResourceId: target.resourceId,
          ScalableDimension: 'ecs:service:DesiredCount',
          MaxResults: 10,
          NextToken: token,
        }),
      );
      return { items: page.ScalingPolicies ?? [], next: page.NextToken };
    });
    if (policies.length === 0) continue;
    const targetArn = target.arn ?? '';
    const tags = await targetTags(targetArn, context);
    const ours = context.ownership.identityOf(tags) !== undefined;
    for (const policy of policies) {
      const policyName = policy.PolicyName ?? '';
      const owner = ours ? tags[policyTagKey(policyName)] : undefined;
      found.push({ policyName, targetArn, ...(owner === undefined ? {} : { owner }) });
    }
  }
  return found;
}
