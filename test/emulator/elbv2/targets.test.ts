import {
  CreateTargetGroupCommand,
  DescribeTargetHealthCommand,
  type ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EmulatorControl } from '../../../src/emulator/control-client.ts';
import type { RegionWorld } from '../../../src/emulator/core/world.ts';
import {
  deregisterTaskTarget,
  registerTaskTarget,
  targetGroupExists,
  targetGroupPort,
  taskTargetHealth,
} from '../../../src/emulator/elbv2/targets.ts';
import { type RunningEmulator, startEmulator } from '../../../src/emulator/server.ts';
import { elbv2Client, webStack } from './fixtures.ts';

let running: RunningEmulator;
let control: EmulatorControl;
let client: ElasticLoadBalancingV2Client;

beforeAll(async () => {
  running = await startEmulator();
  control = new EmulatorControl(running.endpoint);
  client = elbv2Client(running.endpoint);
});
afterAll(async () => {
  await running.close();
});
beforeEach(async () => {
  await control.reset();
});

function world(): RegionWorld {
  return running.emulator.worlds.region('us-east-1');
}

function now(): number {
  return running.emulator.clock.now();
}

describe('elbv2 targets contract (for ECS)', () => {
  it('answers whether a target group exists and its port', async () => {
    const { targetGroupArn } = await webStack(client, 'contract');
    expect(targetGroupExists(world(), targetGroupArn)).toBe(true);
    expect(targetGroupPort(world(), targetGroupArn)).toBe(8080);
    const last = targetGroupArn.at(-1);
    const missing = `${targetGroupArn.slice(0, -1)}${last === '0' ? '1' : '0'}`;
    expect(targetGroupExists(world(), missing)).toBe(false);
    expect(targetGroupPort(world(), missing)).toBeUndefined();
  });

  it('registers a healthy task target that DescribeTargetHealth then shows turning healthy', async () => {
    const { targetGroupArn } = await webStack(client, 'task');
    registerTaskTarget(world(), targetGroupArn, { id: '10.0.3.7', port: 8080, healthy: true }, now());
    expect(taskTargetHealth(world(), targetGroupArn, '10.0.3.7', 8080)).toBe('initial');
    await control.advance(150_000);
    expect(taskTargetHealth(world(), targetGroupArn, '10.0.3.7', 8080)).toBe('healthy');
    const answer = await client.send(new DescribeTargetHealthCommand({ TargetGroupArn: targetGroupArn }));
    expect(answer.TargetHealthDescriptions).toEqual([
      { Target: { Id: '10.0.3.7', Port: 8080 }, HealthCheckPort: '8080', TargetHealth: { State: 'healthy' } },
    ]);
  });

  it('turns a task target registered with healthy false unhealthy after 2 x 30 s', async () => {
    const { targetGroupArn } = await webStack(client, 'bad');
    registerTaskTarget(world(), targetGroupArn, { id: '10.0.3.8', port: 8080, healthy: false }, now());
    await control.advance(59_999);
    expect(taskTargetHealth(world(), targetGroupArn, '10.0.3.8', 8080)).toBe('initial');
    await control.advance(1);
    expect(taskTargetHealth(world(), targetGroupArn, '10.0.3.8', 8080)).toBe('unhealthy');
  });

  it('drains a deregistered task target for 300 s by default, then it is gone', async () => {
    const { targetGroupArn } = await webStack(client, 'gone');
    registerTaskTarget(world(), targetGroupArn, { id: '10.0.3.9', port: 8080, healthy: true }, now());
    await control.advance(150_000);
    deregisterTaskTarget(world(), targetGroupArn, '10.0.3.9', 8080, now());
    expect(taskTargetHealth(world(), targetGroupArn, '10.0.3.9', 8080)).toBe('draining');
    await control.advance(299_999);
    expect(taskTargetHealth(world(), targetGroupArn, '10.0.3.9', 8080)).toBe('draining');
    await control.advance(1);
    expect(taskTargetHealth(world(), targetGroupArn, '10.0.3.9', 8080)).toBeUndefined();
  });

  it('says unused for a target group no load balancer uses, and ignores unknown target groups', async () => {
    const created = await client.send(
      new CreateTargetGroupCommand({
        Name: 'idle',
        Protocol: 'HTTP',
        Port: 80,
        VpcId: 'vpc-1',
        TargetType: 'ip',
      }),
    );
    const arn = created.TargetGroups?.[0]?.TargetGroupArn ?? '';
    registerTaskTarget(world(), arn, { id: '10.0.4.1', port: 80, healthy: true }, now());
    expect(taskTargetHealth(world(), arn, '10.0.4.1', 80)).toBe('unused');
    registerTaskTarget(world(), `${arn}x`, { id: '10.0.4.1', port: 80, healthy: true }, now());
    expect(taskTargetHealth(world(), `${arn}x`, '10.0.4.1', 80)).toBeUndefined();
  });
});
