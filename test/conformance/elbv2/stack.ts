import {
  CreateListenerCommand,
  CreateLoadBalancerCommand,
  CreateTargetGroupCommand,
  type LoadBalancer,
  type TargetGroup,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import type { Elbv2Suite } from './context.ts';

export async function createLoadBalancer(
  suite: Elbv2Suite,
  name = suite.unique('lb'),
): Promise<LoadBalancer> {
  const network = await suite.network();
  const answer = await suite
    .client()
    .send(new CreateLoadBalancerCommand({ Name: name, Subnets: [...network.subnets] }));
  const loadBalancer = answer.LoadBalancers?.[0];
  if (loadBalancer === undefined) throw new Error('CreateLoadBalancer returned no load balancer');
  return loadBalancer;
}

export async function createTargetGroup(
  suite: Elbv2Suite,
  settings: { name?: string; targetType?: 'instance' | 'ip'; port?: number } = {},
): Promise<TargetGroup> {
  const network = await suite.network();
  const answer = await suite.client().send(
    new CreateTargetGroupCommand({
      Name: settings.name ?? suite.unique('tg'),
      Protocol: 'HTTP',
      Port: settings.port ?? 8080,
      VpcId: network.vpcId,
      TargetType: settings.targetType ?? 'ip',
    }),
  );
  const targetGroup = answer.TargetGroups?.[0];
  if (targetGroup === undefined) throw new Error('CreateTargetGroup returned no target group');
  return targetGroup;
}

/** A load balancer with an HTTP :80 listener forwarding to a new ip target group. */
export async function createWebStack(
  suite: Elbv2Suite,
): Promise<{ loadBalancerArn: string; targetGroupArn: string; listenerArn: string }> {
  const loadBalancer = await createLoadBalancer(suite);
  const targetGroup = await createTargetGroup(suite);
  const loadBalancerArn = loadBalancer.LoadBalancerArn ?? '';
  const targetGroupArn = targetGroup.TargetGroupArn ?? '';
  const listener = await suite.client().send(
    new CreateListenerCommand({
      LoadBalancerArn: loadBalancerArn,
      Protocol: 'HTTP',
      Port: 80,
      DefaultActions: [{ Type: 'forward', TargetGroupArn: targetGroupArn }],
    }),
  );
  return { loadBalancerArn, targetGroupArn, listenerArn: listener.Listeners?.[0]?.ListenerArn ?? '' };
}
