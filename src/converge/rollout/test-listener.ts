import type { Service } from '@aws-sdk/client-ecs';
import {
  DescribeListenersCommand,
  DescribeLoadBalancersCommand,
  DescribeRulesCommand,
  type ElasticLoadBalancingV2Client,
  type Rule,
} from '@aws-sdk/client-elastic-load-balancing-v2';

/** Where a Service's test traffic goes in: the test listener's origin and the Host its rule asks for. */
export interface TestListenerAddress {
  readonly origin: string;
  readonly host?: string;
}

export type TestListenerLookup =
  | { readonly ok: true; readonly address: TestListenerAddress }
  | { readonly ok: false; readonly problem: string };

/** `…:listener-rule/app/lb/id/listener-id/rule-id` → `…:listener/app/lb/id/listener-id`. */
export function listenerArnOfRule(ruleArn: string): string | undefined {
  const match = /^(arn:[^:]+:elasticloadbalancing:[^:]*:[^:]*:)listener-rule\/(.+)\/[^/]+$/.exec(ruleArn);
  return match === null ? undefined : `${match[1]}listener/${match[2]}`;
}

/** A literal host a host-header condition matches (one without wildcards), so the probe satisfies it. */
function literalHost(rule: Rule): string | undefined {
  for (const condition of rule.Conditions ?? []) {
    if (condition.Field !== 'host-header') continue;
    const values = condition.HostHeaderConfig?.Values ?? condition.Values ?? [];
    const literal = values.find((value) => !/[*?]/.test(value));
    if (literal !== undefined) return literal;
  }
  return undefined;
}

/**
 * The test listener of a Service's blue/green, linear or canary deployment
 * (`loadBalancers[].advancedConfiguration.testListenerRule`): its load balancer's DNS name, port and
 * protocol, three ELBv2 reads. The gate keeps the answer for the rest of the gate.
 */
export async function testListenerAddress(
  service: Service | undefined,
  elbv2: ElasticLoadBalancingV2Client,
): Promise<TestListenerLookup> {
  const ruleArn = service?.loadBalancers?.find((each) => each.advancedConfiguration?.testListenerRule)
    ?.advancedConfiguration?.testListenerRule;
  if (ruleArn === undefined)
    return {
      ok: false,
      problem: 'the Service has no test listener (loadBalancers[].advancedConfiguration.testListenerRule)',
    };
  const listenerArn = listenerArnOfRule(ruleArn);
  if (listenerArn === undefined) return { ok: false, problem: `${ruleArn} is not a listener rule ARN` };
  const [rules, listeners] = await Promise.all([
    elbv2.send(new DescribeRulesCommand({ RuleArns: [ruleArn] })),
    elbv2.send(new DescribeListenersCommand({ ListenerArns: [listenerArn] })),
  ]);
  const listener = listeners.Listeners?.[0];
  if (listener?.LoadBalancerArn === undefined || listener.Port === undefined)
    return { ok: false, problem: `the test listener ${listenerArn} was not found` };
  const balancers = await elbv2.send(
    new DescribeLoadBalancersCommand({ LoadBalancerArns: [listener.LoadBalancerArn] }),
  );
  const dnsName = balancers.LoadBalancers?.[0]?.DNSName;
  if (dnsName === undefined)
    return { ok: false, problem: `the load balancer ${listener.LoadBalancerArn} has no DNS name` };
  const scheme = listener.Protocol === 'HTTPS' ? 'https' : 'http';
  const host = rules.Rules?.[0] === undefined ? undefined : literalHost(rules.Rules[0]);
  return {
    ok: true,
    address: { origin: `${scheme}://${dnsName}:${listener.Port}`, ...(host === undefined ? {} : { host }) },
  };
}
