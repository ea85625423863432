import {
  CreateTargetGroupCommand,
  DeregisterTargetsCommand,
  DescribeLoadBalancersCommand,
  DescribeTargetHealthCommand,
  type ElasticLoadBalancingV2Client,
  ModifyTargetGroupAttributesCommand,
  RegisterTargetsCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EmulatorControl } from '../../../src/emulator/control-client.ts';
import { LOAD_BALANCER_PROVISIONING_MS } from '../../../src/emulator/elbv2/life.ts';
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

async function health(targetGroupArn: string, id = '10.0.1.5', port = 8080) {
  const answer = await client.send(
    new DescribeTargetHealthCommand({ TargetGroupArn: targetGroupArn, Targets: [{ Id: id, Port: port }] }),
  );
  return answer.TargetHealthDescriptions?.[0]?.TargetHealth;
}

describe('elbv2 life on the clock', () => {
  it('keeps a load balancer provisioning until the provisioning delay has passed', async () => {
    const { loadBalancerArn } = await webStack(client, 'prov');
    const state = async () =>
      (await client.send(new DescribeLoadBalancersCommand({ LoadBalancerArns: [loadBalancerArn] })))
        .LoadBalancers?.[0]?.State?.Code;
    expect(await state()).toBe('provisioning');
    await control.advance(LOAD_BALANCER_PROVISIONING_MS - 1000);
    expect(await state()).toBe('provisioning');
    await control.advance(1000);
    expect(await state()).toBe('active');
  });

  it('moves a registered target from initial to healthy after HealthyThresholdCount x interval', async () => {
    const { targetGroupArn } = await webStack(client, 'life');
    await client.send(
      new RegisterTargetsCommand({ TargetGroupArn: targetGroupArn, Targets: [{ Id: '10.0.1.5' }] }),
    );
    expect(await health(targetGroupArn)).toEqual({
      State: 'initial',
      Reason: 'Elb.RegistrationInProgress',
      Description: 'Target registration is in progress',
    });
    await control.advance(30_000);
    expect(await health(targetGroupArn)).toMatchObject({
      State: 'initial',
      Reason: 'Elb.InitialHealthChecking',
    });
    await control.advance(5 * 30_000 - 30_001);
    expect((await health(targetGroupArn))?.State).toBe('initial');
    await control.advance(1);
    expect(await health(targetGroupArn)).toEqual({ State: 'healthy' });
  });

  it('drains a deregistered target for the deregistration delay, then forgets it', async () => {
    const { targetGroupArn } = await webStack(client, 'drain');
    await client.send(
      new ModifyTargetGroupAttributesCommand({
        TargetGroupArn: targetGroupArn,
        Attributes: [{ Key: 'deregistration_delay.timeout_seconds', Value: '20' }],
      }),
    );
    await client.send(
      new RegisterTargetsCommand({ TargetGroupArn: targetGroupArn, Targets: [{ Id: '10.0.1.5' }] }),
    );
    await control.advance(150_000);
    await client.send(
      new DeregisterTargetsCommand({ TargetGroupArn: targetGroupArn, Targets: [{ Id: '10.0.1.5' }] }),
    );
    expect(await health(targetGroupArn)).toEqual({
      State: 'draining',
      Reason: 'Target.DeregistrationInProgress',
      Description: 'Target deregistration is in progress',
    });
    await control.advance(19_999);
    expect((await health(targetGroupArn))?.State).toBe('draining');
    await control.advance(1);
    expect(await health(targetGroupArn)).toMatchObject({ State: 'unused', Reason: 'Target.NotRegistered' });
    const all = await client.send(new DescribeTargetHealthCommand({ TargetGroupArn: targetGroupArn }));
    expect(all.TargetHealthDescriptions).toEqual([]);
  });

  it('turns a target unhealthy after UnhealthyThresholdCount x interval once it fails its checks', async () => {
    const { targetGroupArn } = await webStack(client, 'sick');
    await client.send(
      new RegisterTargetsCommand({ TargetGroupArn: targetGroupArn, Targets: [{ Id: '10.0.1.5' }] }),
    );
    await control.advance(150_000);
    await control.action('elbv2', 'set-target-health', { targetGroupArn, id: '10.0.1.5', healthy: false });
    await control.advance(2 * 30_000 - 1);
    expect((await health(targetGroupArn))?.State).toBe('healthy');
    await control.advance(1);
    expect(await health(targetGroupArn)).toEqual({
      State: 'unhealthy',
      Reason: 'Target.ResponseCodeMismatch',
      Description: 'Health checks failed with these codes: [503]',
    });
  });

  it('reports targets of a target group without a load balancer as unused (Target.NotInUse)', async () => {
    const created = await client.send(
      new CreateTargetGroupCommand({
        Name: 'lonely',
        Protocol: 'HTTP',
        Port: 8080,
        VpcId: 'vpc-1',
        TargetType: 'ip',
      }),
    );
    const targetGroupArn = created.TargetGroups?.[0]?.TargetGroupArn ?? '';
    await client.send(
      new RegisterTargetsCommand({ TargetGroupArn: targetGroupArn, Targets: [{ Id: '10.0.1.5' }] }),
    );
    await control.advance(600_000);
    expect(await health(targetGroupArn)).toEqual({
      State: 'unused',
      Reason: 'Target.NotInUse',
      Description: 'Target group is not configured to receive traffic from the load balancer',
    });
  });
});
