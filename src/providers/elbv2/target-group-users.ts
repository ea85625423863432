import { type Action, DescribeTargetGroupsCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import type { ProviderContext } from '../types.ts';
import { listenersOn, rulesOn } from './listing.ts';
import { tagsOf } from './resource-tags.ts';

export interface TargetGroupUser {
  /** The listener or rule forwarding to the target group. */
  readonly arn: string;
  /** The manifest identity that owns it, when this Shipshape instance does. */
  readonly ownedBy: string | undefined;
}

function forwardsTo(actions: readonly Action[] | undefined, targetGroupArn: string): boolean {
  return (actions ?? []).some(
    (action) =>
      action.TargetGroupArn === targetGroupArn ||
      (action.ForwardConfig?.TargetGroups ?? []).some((tuple) => tuple.TargetGroupArn === targetGroupArn),
  );
}

/**
 * The listeners (by their default actions) and rules that forward to a
 * target group, to say why AWS refuses to delete it (ResourceInUse).
 */
export async function usersOfTargetGroup(
  targetGroupArn: string,
  context: ProviderContext,
): Promise<TargetGroupUser[]> {
  const described = await context.aws.elbv2.send(
    new DescribeTargetGroupsCommand({ TargetGroupArns: [targetGroupArn] }),
  );
  const users: string[] = [];
  for (const loadBalancerArn of described.TargetGroups?.[0]?.LoadBalancerArns ?? []) {
    for (const listener of await listenersOn(loadBalancerArn, context)) {
      if (listener.ListenerArn === undefined) continue;
      if (forwardsTo(listener.DefaultActions, targetGroupArn)) users.push(listener.ListenerArn);
      for (const rule of await rulesOn(listener.ListenerArn, context)) {
        if (rule.RuleArn !== undefined && forwardsTo(rule.Actions, targetGroupArn)) users.push(rule.RuleArn);
      }
    }
  }
  const tags = await tagsOf(users, context);
  return users.map((arn) => ({ arn, ownedBy: context.ownership.identityOf(tags.get(arn) ?? {}) }));
}
