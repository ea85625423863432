import {
  CreateLoadBalancerCommand,
  type CreateLoadBalancerCommandInput,
  DescribeLoadBalancerAttributesCommand,
  DescribeLoadBalancersCommand,
  type ElasticLoadBalancingV2Client,
  InvalidConfigurationRequestException,
  type LoadBalancer,
  SetSubnetsCommand,
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

async function create(input: CreateLoadBalancerCommandInput): Promise<LoadBalancer> {
  const answer = await client.send(new CreateLoadBalancerCommand(input));
  const loadBalancer = answer.LoadBalancers?.[0];
  if (loadBalancer === undefined) throw new Error('CreateLoadBalancer answered no load balancer');
  return loadBalancer;
}

describe('Network Load Balancer subnet mappings', () => {
  it('answer each Elastic IP with its allocation and a stable address, on create and describe', async () => {
    const created = await create({
      Name: 'nlb',
      Type: 'network',
      SubnetMappings: [
        { SubnetId: 'subnet-0a000001', AllocationId: 'eipalloc-0a1b2c3d' },
        { SubnetId: 'subnet-0b000002', AllocationId: 'eipalloc-0e1f2a3b' },
      ],
    });
    const addresses = created.AvailabilityZones?.map((zone) => zone.LoadBalancerAddresses);
    expect(addresses).toEqual([
      [{ AllocationId: 'eipalloc-0a1b2c3d', IpAddress: expect.stringMatching(/^\d+\.\d+\.\d+\.\d+$/) }],
      [{ AllocationId: 'eipalloc-0e1f2a3b', IpAddress: expect.stringMatching(/^\d+\.\d+\.\d+\.\d+$/) }],
    ]);
    const described = await client.send(
      new DescribeLoadBalancersCommand({ LoadBalancerArns: [created.LoadBalancerArn ?? ''] }),
    );
    expect(
      described.LoadBalancers?.[0]?.AvailabilityZones?.map((zone) => zone.LoadBalancerAddresses),
    ).toEqual(addresses);
  });

  it('answer the private IPv4 address of an internal one, and nothing for plain subnets', async () => {
    const internal = await create({
      Name: 'private-nlb',
      Type: 'network',
      Scheme: 'internal',
      SubnetMappings: [{ SubnetId: 'subnet-0a000001', PrivateIPv4Address: '10.0.1.10' }],
    });
    expect(internal.AvailabilityZones?.[0]?.LoadBalancerAddresses).toEqual([
      { PrivateIPv4Address: '10.0.1.10' },
    ]);
    const plain = await create({ Name: 'plain-nlb', Type: 'network', Subnets: ['subnet-0b000002'] });
    expect(plain.AvailabilityZones?.[0]?.LoadBalancerAddresses).toEqual([]);
  });

  it('refuse Elastic IPs on an Application Load Balancer or an internal one, and private addresses on an internet-facing one', async () => {
    await expect(
      create({
        Name: 'alb',
        SubnetMappings: [
          { SubnetId: 'subnet-0a000001', AllocationId: 'eipalloc-0a1b2c3d' },
          { SubnetId: 'subnet-0b000002' },
        ],
      }),
    ).rejects.toBeInstanceOf(InvalidConfigurationRequestException);
    await expect(
      create({
        Name: 'nlb',
        Type: 'network',
        Scheme: 'internal',
        SubnetMappings: [{ SubnetId: 'subnet-0a000001', AllocationId: 'eipalloc-0a1b2c3d' }],
      }),
    ).rejects.toBeInstanceOf(InvalidConfigurationRequestException);
    await expect(
      create({
        Name: 'nlb',
        Type: 'network',
        SubnetMappings: [{ SubnetId: 'subnet-0a000001', PrivateIPv4Address: '10.0.1.10' }],
      }),
    ).rejects.toBeInstanceOf(InvalidConfigurationRequestException);
  });
});

describe('AvailabilityZones', () => {
  it('come back in zone order whatever order the subnets were given in, also after SetSubnets', async () => {
    // First seen, first placed: subnet-0a000001 in zone a, subnet-0b000002 in b, subnet-0c000003 in c.
    const first = await create({
      Name: 'first',
      Subnets: ['subnet-0a000001', 'subnet-0b000002', 'subnet-0c000003'],
    });
    expect(first.AvailabilityZones?.map((zone) => zone.ZoneName)).toEqual([
      'us-east-1a',
      'us-east-1b',
      'us-east-1c',
    ]);
    const reversed = await create({ Name: 'reversed', Subnets: ['subnet-0c000003', 'subnet-0a000001'] });
    expect(reversed.AvailabilityZones?.map((zone) => zone.SubnetId)).toEqual([
      'subnet-0a000001',
      'subnet-0c000003',
    ]);
    const set = await client.send(
      new SetSubnetsCommand({
        LoadBalancerArn: reversed.LoadBalancerArn,
        Subnets: ['subnet-0c000003', 'subnet-0b000002'],
      }),
    );
    expect(set.AvailabilityZones?.map((zone) => zone.SubnetId)).toEqual([
      'subnet-0b000002',
      'subnet-0c000003',
    ]);
  });
});

describe('load balancer attribute defaults that depend on the scheme', () => {
  it('deny internet gateway IPv6 traffic to internal load balancers only', async () => {
    const key = 'ipv6.deny_all_igw_traffic';
    for (const [scheme, expected] of [
      ['internal', 'true'],
      ['internet-facing', 'false'],
    ] as const) {
      const loadBalancer = await create({
        Name: `lb-${scheme}`,
        Scheme: scheme,
        Subnets: ['subnet-0a000001', 'subnet-0b000002'],
      });
      const answer = await client.send(
        new DescribeLoadBalancerAttributesCommand({ LoadBalancerArn: loadBalancer.LoadBalancerArn }),
      );
      expect(answer.Attributes?.find((attribute) => attribute.Key === key)?.Value).toBe(expected);
    }
  });
});
