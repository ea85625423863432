import {
  DescribeServiceDeploymentsCommand,
  type ECSClient,
  ListServiceDeploymentsCommand,
  type ServiceDeployment,
} from '@aws-sdk/client-ecs';
import {
  CreateListenerCommand,
  CreateLoadBalancerCommand,
  CreateRuleCommand,
  CreateTargetGroupCommand,
  DescribeRulesCommand,
  type ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';

export interface BlueGreenStack {
  readonly blue: string;
  readonly green: string;
  readonly productionRule: string;
  readonly testRule: string;
}

async function targetGroup(elbv2: ElasticLoadBalancingV2Client, name: string): Promise<string> {
  const answer = await elbv2.send(
    new CreateTargetGroupCommand({
      Name: name,
      Protocol: 'HTTP',
      Port: 8080,
      VpcId: 'vpc-0123456789abcdef0',
      TargetType: 'ip',
    }),
  );
  return answer.TargetGroups?.[0]?.TargetGroupArn ?? '';
}

async function listenerRule(
  elbv2: ElasticLoadBalancingV2Client,
  loadBalancerArn: string,
  port: number,
  blue: string,
): Promise<string> {
  const listener = await elbv2.send(
    new CreateListenerCommand({
      LoadBalancerArn: loadBalancerArn,
      Protocol: 'HTTP',
      Port: port,
      DefaultActions: [{ Type: 'fixed-response', FixedResponseConfig: { StatusCode: '404' } }],
    }),
  );
  const rule = await elbv2.send(
    new CreateRuleCommand({
      ListenerArn: listener.Listeners?.[0]?.ListenerArn ?? '',
      Priority: 1,
      Conditions: [{ Field: 'path-pattern', Values: ['/*'] }],
      Actions: [{ Type: 'forward', TargetGroupArn: blue }],
    }),
  );
  return rule.Rules?.[0]?.RuleArn ?? '';
}

/** A load balancer with blue and green target groups, a production rule (port 80) and a test rule (port 8080). */
export async function blueGreenStack(
  elbv2: ElasticLoadBalancingV2Client,
  name: string,
): Promise<BlueGreenStack> {
  const loadBalancer = await elbv2.send(
    new CreateLoadBalancerCommand({ Name: name, Subnets: ['subnet-0a000001', 'subnet-0b000002'] }),
  );
  const loadBalancerArn = loadBalancer.LoadBalancers?.[0]?.LoadBalancerArn ?? '';
  const blue = await targetGroup(elbv2, `${name}-blue`);
  const green = await targetGroup(elbv2, `${name}-green`);
  const productionRule = await listenerRule(elbv2, loadBalancerArn, 80, blue);
  const testRule = await listenerRule(elbv2, loadBalancerArn, 8080, blue);
  return { blue, green, productionRule, testRule };
}

/** A rule's forward weights by target group ARN (a single target group counts as weight 1). */
export async function weightsOf(
  elbv2: ElasticLoadBalancingV2Client,
  ruleArn: string,
): Promise<Record<string, number>> {
  const answer = await elbv2.send(new DescribeRulesCommand({ RuleArns: [ruleArn] }));
  const forward = answer.Rules?.[0]?.Actions?.find((action) => action.Type === 'forward');
  const weights: Record<string, number> = {};
  for (const group of forward?.ForwardConfig?.TargetGroups ?? [])
    weights[group.TargetGroupArn ?? ''] = group.Weight ?? 0;
  return weights;
}

/** The service's service deployments, newest first, fully described. */
export async function serviceDeployments(
  ecs: ECSClient,
  service: string,
  cluster = 'apps',
): Promise<ServiceDeployment[]> {
  const list = await ecs.send(new ListServiceDeploymentsCommand({ cluster, service }));
  const arns = (list.serviceDeployments ?? []).map((brief) => brief.serviceDeploymentArn ?? '');
  if (arns.length === 0) return [];
  const described = await ecs.send(new DescribeServiceDeploymentsCommand({ serviceDeploymentArns: arns }));
  const byArn = new Map(
    (described.serviceDeployments ?? []).map((item) => [item.serviceDeploymentArn, item]),
  );
  return arns.flatMap((arn) => {
    const item = byArn.get(arn);
    return item === undefined ? [] : [item];
  });
}

export async function latestDeployment(ecs: ECSClient, service: string): Promise<ServiceDeployment> {
  const [latest] = await serviceDeployments(ecs, service);
  if (latest === undefined) throw new Error(`no service deployment for ${service}`);
  return latest;
}
