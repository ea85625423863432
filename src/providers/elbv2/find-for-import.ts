import {
  type Action,
  DescribeLoadBalancersCommand,
  DescribeTargetGroupsCommand,
  type LoadBalancer,
  type TargetGroup,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { chunks } from '../batch.ts';
import type { ProviderContext } from '../types.ts';
import { listenersOn, rulesOn } from './listing.ts';

/** DescribeTargetGroups and DescribeLoadBalancers: 20 ARNs a call, as the tag calls. */
const ARNS_BATCH = 20;

export interface ElbFindings {
  readonly targetGroups: TargetGroup[];
  readonly loadBalancers: LoadBalancer[];
  readonly listeners: Array<{ readonly loadBalancerArn: string; readonly port: number }>;
  readonly rules: Array<{ readonly listenerArn: string; readonly priority: number }>;
}

function forwardsTo(actions: readonly Action[] | undefined, groups: ReadonlySet<string>): boolean {
  return (actions ?? []).some(
    (action) =>
      (action.TargetGroupArn !== undefined && groups.has(action.TargetGroupArn)) ||
      (action.ForwardConfig?.TargetGroups ?? []).some(
        (tuple) => tuple.TargetGroupArn !== undefined && groups.has(tuple.TargetGroupArn),
      ),
  );
}

/**
 * From the target groups services use: the groups, the load balancers that
 * route to them with all their listeners (a redirect listener is part of the
 * load balancer's setup), and the rules forwarding to the groups.
 */
export async function findByTargetGroups(
  arns: readonly string[],
  context: ProviderContext,
): Promise<ElbFindings> {
  const targetGroups: TargetGroup[] = [];
  for (const batch of chunks(arns, ARNS_BATCH)) {
    const answer = await context.aws.elbv2.send(new DescribeTargetGroupsCommand({ TargetGroupArns: batch }));
    targetGroups.push(...(answer.TargetGroups ?? []));
  }
  const groups = new Set(arns);
  const balancerArns = [...new Set(targetGroups.flatMap((group) => group.LoadBalancerArns ?? []))].sort();
  const listeners: Array<{ loadBalancerArn: string; port: number }> = [];
  const rules: Array<{ listenerArn: string; priority: number }> = [];
  for (const loadBalancerArn of balancerArns) {
    for (const listener of await listenersOn(loadBalancerArn, context)) {
      const listenerArn = listener.ListenerArn ?? '';
      listeners.push({ loadBalancerArn, port: listener.Port ?? 0 });
      for (const rule of await rulesOn(listenerArn, context)) {
        if (rule.IsDefault !== true && rule.Priority !== 'default' && forwardsTo(rule.Actions, groups)) {
          rules.push({ listenerArn, priority: Number(rule.Priority) });
        }
      }
    }
  }
  const loadBalancers: LoadBalancer[] = [];
  for (const batch of chunks(balancerArns, ARNS_BATCH)) {
    const answer = await context.aws.elbv2.send(
      new DescribeLoadBalancersCommand({ LoadBalancerArns: batch }),
    );
    loadBalancers.push(...(answer.LoadBalancers ?? []));
  }
  return { targetGroups, loadBalancers, listeners, rules };
}
