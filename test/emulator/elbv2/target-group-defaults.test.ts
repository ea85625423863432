import {
  CreateTargetGroupCommand,
  type CreateTargetGroupCommandInput,
  DescribeTargetGroupAttributesCommand,
  type ElasticLoadBalancingV2Client,
  ModifyTargetGroupCommand,
  type TargetGroup,
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

const VPC = 'vpc-0123456789abcdef0';

async function create(input: Partial<CreateTargetGroupCommandInput>): Promise<TargetGroup> {
  const answer = await client.send(new CreateTargetGroupCommand({ Name: 'tg', VpcId: VPC, ...input }));
  const group = answer.TargetGroups?.[0];
  if (group === undefined) throw new Error('CreateTargetGroup answered no target group');
  return group;
}

function healthCheck(group: TargetGroup | undefined): Partial<TargetGroup> {
  return {
    HealthCheckProtocol: group?.HealthCheckProtocol,
    HealthCheckPath: group?.HealthCheckPath,
    Matcher: group?.Matcher,
  };
}

async function attributes(arn: string | undefined): Promise<Record<string, string | undefined>> {
  const answer = await client.send(new DescribeTargetGroupAttributesCommand({ TargetGroupArn: arn }));
  return Object.fromEntries((answer.Attributes ?? []).map((attribute) => [attribute.Key, attribute.Value]));
}

describe('an alb-type target group (an Application Load Balancer behind a Network Load Balancer)', () => {
  it('is checked over HTTP on / with success codes 200-399 by default', async () => {
    const group = await create({ Protocol: 'TCP', Port: 80, TargetType: 'alb' });
    expect(healthCheck(group)).toEqual({
      HealthCheckProtocol: 'HTTP',
      HealthCheckPath: '/',
      Matcher: { HttpCode: '200-399' },
    });
    expect(group.HealthCheckTimeoutSeconds).toBe(10);
  });

  it('takes only TCP traffic and HTTP(S) health checks', async () => {
    await expect(create({ Protocol: 'HTTP', Port: 80, TargetType: 'alb' })).rejects.toThrow(/TCP/);
    await expect(
      create({ Protocol: 'TCP', Port: 80, TargetType: 'alb', HealthCheckProtocol: 'TCP' }),
    ).rejects.toThrow(/TCP/);
    const group = await create({ Protocol: 'TCP', Port: 80, TargetType: 'alb' });
    await expect(
      client.send(
        new ModifyTargetGroupCommand({ TargetGroupArn: group.TargetGroupArn, HealthCheckProtocol: 'TCP' }),
      ),
    ).rejects.toThrow(/TCP/);
  });
});

describe('HTTP health checks of Network Load Balancer target groups', () => {
  it('default to success codes 200-399, where an HTTP target group defaults to 200', async () => {
    const network = await create({ Name: 'tcp', Protocol: 'TCP', Port: 80, HealthCheckProtocol: 'HTTP' });
    expect(healthCheck(network)).toEqual({
      HealthCheckProtocol: 'HTTP',
      HealthCheckPath: '/',
      Matcher: { HttpCode: '200-399' },
    });
    const application = await create({ Name: 'http', Protocol: 'HTTP', Port: 80 });
    expect(application.Matcher).toEqual({ HttpCode: '200' });
  });

  it('gain a path and success codes when ModifyTargetGroup turns a TCP check to HTTP, and lose them turning back', async () => {
    const group = await create({ Protocol: 'TCP', Port: 80 });
    expect(healthCheck(group)).toEqual({
      HealthCheckProtocol: 'TCP',
      HealthCheckPath: undefined,
      Matcher: undefined,
    });
    const http = await client.send(
      new ModifyTargetGroupCommand({ TargetGroupArn: group.TargetGroupArn, HealthCheckProtocol: 'HTTP' }),
    );
    expect(healthCheck(http.TargetGroups?.[0])).toEqual({
      HealthCheckProtocol: 'HTTP',
      HealthCheckPath: '/',
      Matcher: { HttpCode: '200-399' },
    });
    const tcp = await client.send(
      new ModifyTargetGroupCommand({ TargetGroupArn: group.TargetGroupArn, HealthCheckProtocol: 'TCP' }),
    );
    expect(healthCheck(tcp.TargetGroups?.[0])).toEqual({
      HealthCheckProtocol: 'TCP',
      HealthCheckPath: undefined,
      Matcher: undefined,
    });
  });
});

describe('a lambda target group', () => {
  it('has the model defaults (unhealthy threshold 5) and no IP address type', async () => {
    const answer = await client.send(new CreateTargetGroupCommand({ Name: 'fn', TargetType: 'lambda' }));
    const group = answer.TargetGroups?.[0];
    expect(group?.UnhealthyThresholdCount).toBe(5);
    expect(group?.HealthyThresholdCount).toBe(5);
    expect(group?.HealthCheckEnabled).toBe(false);
    expect(group?.IpAddressType).toBeUndefined();
    expect(group?.HealthCheckProtocol).toBeUndefined();
  });
});

describe('target group attribute defaults that depend on the group', () => {
  it('do not preserve client IPs for ip targets over TCP, but do for instances', async () => {
    const ip = await create({ Name: 'ip', Protocol: 'TCP', Port: 80, TargetType: 'ip' });
    const instance = await create({ Name: 'instance', Protocol: 'TCP', Port: 80 });
    expect((await attributes(ip.TargetGroupArn))['preserve_client_ip.enabled']).toBe('false');
    expect((await attributes(instance.TargetGroupArn))['preserve_client_ip.enabled']).toBe('true');
  });

  it('end connections at the end of deregistration for UDP groups only', async () => {
    const udp = await create({ Name: 'udp', Protocol: 'UDP', Port: 53 });
    const tcp = await create({ Name: 'tcp', Protocol: 'TCP', Port: 53 });
    const key = 'deregistration_delay.connection_termination.enabled';
    expect((await attributes(udp.TargetGroupArn))[key]).toBe('true');
    expect((await attributes(tcp.TargetGroupArn))[key]).toBe('false');
  });
});
