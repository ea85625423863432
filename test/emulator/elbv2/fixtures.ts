import {
  CreateListenerCommand,
  CreateLoadBalancerCommand,
  CreateTargetGroupCommand,
  ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';

export function elbv2Client(endpoint: string, region = 'us-east-1'): ElasticLoadBalancingV2Client {
  return new ElasticLoadBalancingV2Client({
    endpoint,
    region,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  });
}

/** A load balancer with an HTTP listener forwarding to one ip target group; returns their ARNs. */
export async function webStack(
  client: ElasticLoadBalancingV2Client,
  name: string,
): Promise<{ loadBalancerArn: string; targetGroupArn: string; listenerArn: string }> {
  const loadBalancer = await client.send(
    new CreateLoadBalancerCommand({ Name: name, Subnets: ['subnet-0a000001', 'subnet-0b000002'] }),
  );
  const targetGroup = await client.send(
    new CreateTargetGroupCommand({
      Name: `${name}-tg`,
      Protocol: 'HTTP',
      Port: 8080,
      VpcId: 'vpc-0123456789abcdef0',
      TargetType: 'ip',
    }),
  );
  const loadBalancerArn = loadBalancer.LoadBalancers?.[0]?.LoadBalancerArn ?? '';
  const targetGroupArn = targetGroup.TargetGroups?.[0]?.TargetGroupArn ?? '';
  const listener = await client.send(
    new CreateListenerCommand({
      LoadBalancerArn: loadBalancerArn,
      Protocol: 'HTTP',
      Port: 80,
      DefaultActions: [{ Type: 'forward', TargetGroupArn: targetGroupArn }],
    }),
  );
  return { loadBalancerArn, targetGroupArn, listenerArn: listener.Listeners?.[0]?.ListenerArn ?? '' };
}
