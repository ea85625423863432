import {
  DescribeListenersCommand,
  DescribeLoadBalancersCommand,
  DescribeRulesCommand,
  DescribeTargetGroupsCommand,
  type Listener,
  ListenerNotFoundException,
  type LoadBalancer,
  LoadBalancerNotFoundException,
  type Rule,
  type TargetGroup,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { paged } from '../batch.ts';
import type { ProviderContext } from '../types.ts';

/** The most items an ELBv2 describe returns a page (PageSize 1-400). */
const PAGE_SIZE = 400;

/** Every target group of the account and region, 400 a page. */
export function allTargetGroups(context: ProviderContext): Promise<TargetGroup[]> {
  return paged(async (Marker) => {
    const page = await context.aws.elbv2.send(
      new DescribeTargetGroupsCommand({ Marker, PageSize: PAGE_SIZE }),
    );
    return { items: page.TargetGroups ?? [], next: page.NextMarker };
  });
}

/** Every load balancer of the account and region, 400 a page, listed once per look. */
export function allLoadBalancers(context: ProviderContext): Promise<LoadBalancer[]> {
  const list = () =>
    paged(async (Marker) => {
      const page = await context.aws.elbv2.send(
        new DescribeLoadBalancersCommand({ Marker, PageSize: PAGE_SIZE }),
      );
      return { items: page.LoadBalancers ?? [], next: page.NextMarker };
    });
  return context.memo === undefined ? list() : context.memo.once('elbv2:DescribeLoadBalancers', list);
}

/** Every listener of a load balancer, page by page. */
export function listenersOn(loadBalancerArn: string, context: ProviderContext): Promise<Listener[]> {
  return paged(async (Marker) => {
    const page = await context.aws.elbv2.send(
      new DescribeListenersCommand({ LoadBalancerArn: loadBalancerArn, Marker, PageSize: PAGE_SIZE }),
    );
    return { items: page.Listeners ?? [], next: page.NextMarker };
  });
}

/** A listener's rules, the default rule left out (it belongs to the listener). */
export async function rulesOn(listenerArn: string, context: ProviderContext): Promise<Rule[]> {
  const rules = await paged(async (Marker) => {
    const page = await context.aws.elbv2.send(
      new DescribeRulesCommand({ ListenerArn: listenerArn, Marker, PageSize: PAGE_SIZE }),
    );
    return { items: page.Rules ?? [], next: page.NextMarker };
  });
  return rules.filter((rule) => rule.IsDefault !== true);
}

/**
 * The listeners of a load balancer for a read: listed once per look (the listener and the rule
 * reads both need them), and none when the load balancer has gone since it was seen.
 */
export function listenersInLook(loadBalancerArn: string, context: ProviderContext): Promise<Listener[]> {
  const list = () => goneIsEmpty(listenersOn(loadBalancerArn, context), LoadBalancerNotFoundException);
  return context.memo === undefined
    ? list()
    : context.memo.once(`elbv2:DescribeListeners:${loadBalancerArn}`, list);
}

/** The rules of a listener for a read: none when the listener has gone since it was seen. */
export function rulesInLook(listenerArn: string, context: ProviderContext): Promise<Rule[]> {
  return goneIsEmpty(rulesOn(listenerArn, context), ListenerNotFoundException);
}

async function goneIsEmpty<T>(
  listing: Promise<T[]>,
  notFound: typeof LoadBalancerNotFoundException | typeof ListenerNotFoundException,
): Promise<T[]> {
  try {
    return await listing;
  } catch (error) {
    if (error instanceof notFound) return [];
    throw error;
  }
}
