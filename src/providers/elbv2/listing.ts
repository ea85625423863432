import {
  DescribeListenersCommand,
  DescribeRulesCommand,
  type Listener,
  type Rule,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { paged } from '../batch.ts';
import type { ProviderContext } from '../types.ts';
import { sendOptions } from './resource-tags.ts';

/** Every listener of a load balancer, page by page. */
export function listenersOn(loadBalancerArn: string, context: ProviderContext): Promise<Listener[]> {
  return paged(async (Marker) => {
    const page = await context.aws.elbv2.send(
      new DescribeListenersCommand({ LoadBalancerArn: loadBalancerArn, Marker }),
      sendOptions(context),
    );
    return { items: page.Listeners ?? [], next: page.NextMarker };
  });
}

/** A listener's rules, the default rule left out (it belongs to the listener). */
export async function rulesOn(listenerArn: string, context: ProviderContext): Promise<Rule[]> {
  const rules = await paged(async (Marker) => {
    const page = await context.aws.elbv2.send(
      new DescribeRulesCommand({ ListenerArn: listenerArn, Marker }),
      sendOptions(context),
    );
    return { items: page.Rules ?? [], next: page.NextMarker };
  });
  return rules.filter((rule) => rule.IsDefault !== true);
}
