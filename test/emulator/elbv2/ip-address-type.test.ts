import {
  CreateLoadBalancerCommand,
  DescribeLoadBalancersCommand,
  type ElasticLoadBalancingV2Client,
  InvalidConfigurationRequestException,
  SetIpAddressTypeCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EmulatorControl } from '../../../src/emulator/control-client.ts';
import { type RunningEmulator, startEmulator } from '../../../src/emulator/server.ts';
import { elbv2Client } from './fixtures.ts';

let running: RunningEmulator;
let control: EmulatorControl;
let client: ElasticLoadBalancingV2Client;

beforeAll(async () => {
  running = await startEmulator();
  control = new EmulatorControl(running.endpoint);
  client = elbv2Client(running.endpoint);
});
afterAll(async () => {
  client.destroy();
  await running.close();
});
beforeEach(async () => {
  await control.reset();
});

async function loadBalancer(scheme: 'internet-facing' | 'internal'): Promise<string> {
  const created = await client.send(
    new CreateLoadBalancerCommand({
      Name: `lb-${scheme}`,
      Scheme: scheme,
      Subnets: ['subnet-0a000001', 'subnet-0b000002'],
    }),
  );
  return created.LoadBalancers?.[0]?.LoadBalancerArn ?? '';
}

describe('SetIpAddressType', () => {
  it('changes the IP address type and answers it', async () => {
    const arn = await loadBalancer('internet-facing');
    const answer = await client.send(
      new SetIpAddressTypeCommand({ LoadBalancerArn: arn, IpAddressType: 'dualstack' }),
    );
    expect(answer.IpAddressType).toBe('dualstack');
    const described = await client.send(new DescribeLoadBalancersCommand({ LoadBalancerArns: [arn] }));
    expect(described.LoadBalancers?.[0]?.IpAddressType).toBe('dualstack');
  });

  it('refuses dualstack-without-public-ipv4 on an internal load balancer', async () => {
    const arn = await loadBalancer('internal');
    await expect(
      client.send(
        new SetIpAddressTypeCommand({ LoadBalancerArn: arn, IpAddressType: 'dualstack-without-public-ipv4' }),
      ),
    ).rejects.toBeInstanceOf(InvalidConfigurationRequestException);
  });
});
