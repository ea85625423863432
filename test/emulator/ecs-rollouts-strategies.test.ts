import {
  ContinueServiceDeploymentCommand,
  type DeploymentConfiguration,
  type ECSClient,
  type ServiceDeployment,
  StopServiceDeploymentCommand,
  UpdateServiceCommand,
} from '@aws-sdk/client-ecs';
import {
  DescribeTargetHealthCommand,
  type ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EmulatorControl } from '../../src/emulator/control-client.ts';
import { type RunningEmulator, startEmulator } from '../../src/emulator/server.ts';
import {
  advanceUntil,
  createFargateService,
  describeService,
  ecsClient,
  registerWeb,
  tasksOf,
} from './ecs/fixtures.ts';
import { type BlueGreenStack, blueGreenStack, latestDeployment, weightsOf } from './ecs-rollouts-fixtures.ts';
import { elbv2Client } from './elbv2/fixtures.ts';

let running: RunningEmulator;
let control: EmulatorControl;
let ecs: ECSClient;
let elbv2: ElasticLoadBalancingV2Client;

beforeAll(async () => {
  running = await startEmulator();
  control = new EmulatorControl(running.endpoint);
  ecs = ecsClient(running.endpoint);
  elbv2 = elbv2Client(running.endpoint);
});
afterAll(async () => {
  await running.close();
});
beforeEach(async () => {
  await control.reset();
});

interface Rollout {
  readonly stack: BlueGreenStack;
  readonly v1: string;
  readonly v2: string;
}

/** A service on v1 behind blue/green target groups, then an UpdateService to v2 with `configuration`. */
async function startRollout(name: string, configuration: DeploymentConfiguration): Promise<Rollout> {
  const stack = await blueGreenStack(elbv2, name);
  const v1 = await registerWeb(ecs, name, `${name}:v1`);
  await createFargateService(ecs, {
    serviceName: name,
    taskDefinition: v1,
    loadBalancers: [
      {
        targetGroupArn: stack.blue,
        containerName: 'web',
        containerPort: 8080,
        advancedConfiguration: {
          alternateTargetGroupArn: stack.green,
          productionListenerRule: stack.productionRule,
          testListenerRule: stack.testRule,
          roleArn: 'arn:aws:iam::000000000000:role/ecs-infrastructure',
        },
      },
    ],
    deploymentConfiguration: configuration,
  });
  expect(
    await advanceUntil(control, async () => (await latestDeployment(ecs, name)).status === 'SUCCESSFUL'),
  ).toBe(true);
  const v2 = await registerWeb(ecs, name, `${name}:v2`);
  await ecs.send(new UpdateServiceCommand({ cluster: 'apps', service: name, taskDefinition: v2 }));
  return { stack, v1, v2 };
}

async function until(
  name: string,
  done: (deployment: ServiceDeployment) => boolean,
): Promise<ServiceDeployment> {
  let last: ServiceDeployment | undefined;
  const held = await advanceUntil(control, async () => {
    last = await latestDeployment(ecs, name);
    return done(last);
  });
  expect(
    held,
    `deployment reached ${JSON.stringify(last?.status)} / ${JSON.stringify(last?.lifecycleStage)}`,
  ).toBe(true);
  return last as ServiceDeployment;
}

function awaitingHook(deployment: ServiceDeployment): string | undefined {
  return deployment.lifecycleHookDetails?.find((hook) => hook.status === 'AWAITING_ACTION')?.hookId;
}

async function targetsIn(targetGroupArn: string): Promise<number> {
  const health = await elbv2.send(new DescribeTargetHealthCommand({ TargetGroupArn: targetGroupArn }));
  return (health.TargetHealthDescriptions ?? []).filter((target) => target.TargetHealth?.State !== 'draining')
    .length;
}

describe('ECS blue/green, linear and canary deployments on the emulator clock', () => {
  it('runs BLUE_GREEN through a PAUSE hook at POST_TEST_TRAFFIC_SHIFT to 100/0 and cleans up blue', async () => {
    const { stack, v2 } = await startRollout('bg', {
      strategy: 'BLUE_GREEN',
      bakeTimeInMinutes: 2,
      lifecycleHooks: [{ targetType: 'PAUSE', lifecycleStages: ['POST_TEST_TRAFFIC_SHIFT'] }],
    });
    const paused = await until('bg', (deployment) => awaitingHook(deployment) !== undefined);
    expect(paused).toMatchObject({ status: 'IN_PROGRESS', lifecycleStage: 'POST_TEST_TRAFFIC_SHIFT' });
    expect(await weightsOf(elbv2, stack.testRule)).toEqual({ [stack.blue]: 0, [stack.green]: 100 });
    expect(await weightsOf(elbv2, stack.productionRule)).toEqual({ [stack.blue]: 100, [stack.green]: 0 });
    // Green tasks register in the alternate target group; blue ones stay in the primary one.
    expect(await targetsIn(stack.green)).toBe(2);
    expect(await targetsIn(stack.blue)).toBe(2);
    expect(paused.targetServiceRevision).toMatchObject({
      requestedProductionTrafficWeight: 0,
      requestedTestTrafficWeight: 100,
    });

    await ecs.send(
      new ContinueServiceDeploymentCommand({
        serviceDeploymentArn: paused.serviceDeploymentArn,
        hookId: awaitingHook(paused),
        action: 'CONTINUE',
      }),
    );
    const baking = await until('bg', (deployment) => deployment.lifecycleStage === 'BAKE_TIME');
    expect(await weightsOf(elbv2, stack.productionRule)).toEqual({ [stack.blue]: 0, [stack.green]: 100 });
    expect(baking.status).toBe('IN_PROGRESS');
    expect(await tasksOf(ecs, 'bg', 'RUNNING')).toHaveLength(4);

    const done = await until('bg', (deployment) => deployment.status === 'SUCCESSFUL');
    expect(done.lifecycleHookDetails?.[0]?.status).toBe('SUCCEEDED');
    expect(done.targetServiceRevision).toMatchObject({ requestedProductionTrafficWeight: 100 });
    expect(await advanceUntil(control, async () => (await tasksOf(ecs, 'bg', 'RUNNING')).length === 2)).toBe(
      true,
    );
    const tasks = await tasksOf(ecs, 'bg', 'RUNNING');
    expect(tasks.every((task) => task.taskDefinitionArn === v2)).toBe(true);
    const service = await describeService(ecs, 'bg');
    expect(service.deployments).toHaveLength(1);
    expect(service.deployments?.[0]).toMatchObject({ taskDefinition: v2, rolloutState: 'COMPLETED' });
  });

  it('shifts the next deployment back from the alternate target group to the primary one', async () => {
    const { stack } = await startRollout('swap', { strategy: 'BLUE_GREEN', bakeTimeInMinutes: 0 });
    await until('swap', (deployment) => deployment.status === 'SUCCESSFUL');
    expect(await weightsOf(elbv2, stack.productionRule)).toEqual({ [stack.blue]: 0, [stack.green]: 100 });
    const v3 = await registerWeb(ecs, 'swap', 'swap:v3');
    await ecs.send(new UpdateServiceCommand({ cluster: 'apps', service: 'swap', taskDefinition: v3 }));
    await until('swap', (deployment) => deployment.status === 'SUCCESSFUL');
    expect(await weightsOf(elbv2, stack.productionRule)).toEqual({ [stack.green]: 0, [stack.blue]: 100 });
    expect(await advanceUntil(control, async () => (await targetsIn(stack.green)) === 0)).toBe(true);
    expect(await targetsIn(stack.blue)).toBe(2);
  });

  it('shifts LINEAR traffic by stepPercent every stepBakeTimeInMinutes', async () => {
    const { stack } = await startRollout('linear', {
      strategy: 'LINEAR',
      bakeTimeInMinutes: 1,
      linearConfiguration: { stepPercent: 25, stepBakeTimeInMinutes: 1 },
    });
    const seen: number[] = [];
    await until('linear', (deployment) => {
      const weight = deployment.targetServiceRevision?.requestedProductionTrafficWeight ?? 0;
      if (seen.at(-1) !== weight) seen.push(weight);
      return deployment.status === 'SUCCESSFUL';
    });
    expect(seen).toEqual([0, 25, 50, 75, 100]);
    expect(await weightsOf(elbv2, stack.productionRule)).toEqual({ [stack.blue]: 0, [stack.green]: 100 });
  });

  it('shifts CANARY traffic: canaryPercent first, the rest after canaryBakeTimeInMinutes', async () => {
    const { stack } = await startRollout('canary', {
      strategy: 'CANARY',
      bakeTimeInMinutes: 1,
      canaryConfiguration: { canaryPercent: 10, canaryBakeTimeInMinutes: 2 },
    });
    const seen: number[] = [];
    await until('canary', (deployment) => {
      const weights = deployment.targetServiceRevision?.requestedProductionTrafficWeight ?? 0;
      if (seen.at(-1) !== weights) seen.push(weights);
      return deployment.status === 'SUCCESSFUL';
    });
    expect(seen).toEqual([0, 10, 100]);
    expect(await weightsOf(elbv2, stack.productionRule)).toEqual({ [stack.blue]: 0, [stack.green]: 100 });
  });

  it('rolls back from a PAUSE hook by ContinueServiceDeployment ROLLBACK: blue keeps all traffic', async () => {
    const { stack, v1 } = await startRollout('paused', {
      strategy: 'BLUE_GREEN',
      bakeTimeInMinutes: 1,
      lifecycleHooks: [{ targetType: 'PAUSE', lifecycleStages: ['POST_TEST_TRAFFIC_SHIFT'] }],
    });
    const paused = await until('paused', (deployment) => awaitingHook(deployment) !== undefined);
    await ecs.send(
      new ContinueServiceDeploymentCommand({
        serviceDeploymentArn: paused.serviceDeploymentArn,
        hookId: awaitingHook(paused),
        action: 'ROLLBACK',
      }),
    );
    const rolledBack = await until('paused', (deployment) => deployment.status === 'ROLLBACK_SUCCESSFUL');
    expect(rolledBack.lifecycleHookDetails?.[0]?.status).toBe('FAILED');
    expect(rolledBack.rollback?.serviceRevisionArn).toBe(rolledBack.sourceServiceRevisions?.[0]?.arn);
    expect(await weightsOf(elbv2, stack.productionRule)).toEqual({ [stack.blue]: 100, [stack.green]: 0 });
    expect(await weightsOf(elbv2, stack.testRule)).toEqual({ [stack.blue]: 100, [stack.green]: 0 });
    const service = await describeService(ecs, 'paused');
    expect(service.taskDefinition).toBe(v1);
    expect(
      await advanceUntil(control, async () => (await tasksOf(ecs, 'paused', 'RUNNING')).length === 2),
    ).toBe(true);
    expect((await tasksOf(ecs, 'paused', 'RUNNING')).every((task) => task.taskDefinitionArn === v1)).toBe(
      true,
    );
  });

  it('takes a hook timeout action: ROLLBACK rolls back, CONTINUE goes on', async () => {
    await startRollout('expire', {
      strategy: 'BLUE_GREEN',
      bakeTimeInMinutes: 1,
      lifecycleHooks: [
        {
          targetType: 'PAUSE',
          lifecycleStages: ['POST_SCALE_UP'],
          timeoutConfiguration: { timeoutInMinutes: 2, action: 'ROLLBACK' },
        },
      ],
    });
    const expired = await until('expire', (deployment) => deployment.status === 'ROLLBACK_SUCCESSFUL');
    expect(expired.lifecycleHookDetails?.[0]).toMatchObject({
      status: 'TIMED_OUT',
      timeoutAction: 'ROLLBACK',
    });
    expect(expired.statusReason).toContain('timed out at POST_SCALE_UP');

    await startRollout('carry-on', {
      strategy: 'BLUE_GREEN',
      bakeTimeInMinutes: 1,
      lifecycleHooks: [
        {
          targetType: 'PAUSE',
          lifecycleStages: ['PRE_PRODUCTION_TRAFFIC_SHIFT'],
          timeoutConfiguration: { timeoutInMinutes: 1, action: 'CONTINUE' },
        },
      ],
    });
    const continued = await until('carry-on', (deployment) => deployment.status === 'SUCCESSFUL');
    expect(continued.lifecycleHookDetails?.[0]).toMatchObject({
      status: 'TIMED_OUT',
      timeoutAction: 'CONTINUE',
    });
  });

  it('rolls back when a watched alarm goes into ALARM during the bake time', async () => {
    const { stack } = await startRollout('alarmed', {
      strategy: 'BLUE_GREEN',
      bakeTimeInMinutes: 10,
      alarms: { alarmNames: ['api-5xx'], enable: true, rollback: true },
    });
    await until('alarmed', (deployment) => deployment.lifecycleStage === 'BAKE_TIME');
    expect(await weightsOf(elbv2, stack.productionRule)).toEqual({ [stack.blue]: 0, [stack.green]: 100 });
    await control.action('ecs', 'alarm-state', { alarmName: 'api-5xx', state: 'ALARM' });
    const rolledBack = await until('alarmed', (deployment) => deployment.status === 'ROLLBACK_SUCCESSFUL');
    expect(rolledBack.alarms).toMatchObject({ status: 'TRIGGERED', triggeredAlarmNames: ['api-5xx'] });
    expect(rolledBack.rollback?.reason).toBe('Alarm(s) api-5xx in ALARM state.');
    expect(await weightsOf(elbv2, stack.productionRule)).toEqual({ [stack.blue]: 100, [stack.green]: 0 });
  });

  it('rolls a BLUE_GREEN deployment back in place when the circuit breaker trips', async () => {
    await control.setImageBehaviour('broken:v2', 'crash');
    const { stack, v1 } = await startRollout('broken', {
      strategy: 'BLUE_GREEN',
      bakeTimeInMinutes: 1,
      deploymentCircuitBreaker: { enable: true, rollback: true },
    });
    const rolledBack = await until('broken', (deployment) => deployment.status === 'ROLLBACK_SUCCESSFUL');
    expect(rolledBack.deploymentCircuitBreaker?.status).toBe('TRIGGERED');
    expect(rolledBack.lifecycleStage).toBe('SCALE_UP');
    expect(await weightsOf(elbv2, stack.productionRule)).toEqual({ [stack.blue]: 100, [stack.green]: 0 });
    const service = await describeService(ecs, 'broken');
    expect(service.taskDefinition).toBe(v1);
    expect(service.deployments).toHaveLength(1);
    expect(service.deployments?.[0]).toMatchObject({ taskDefinition: v1, status: 'PRIMARY' });
  });

  it('rolls back on StopServiceDeployment ROLLBACK', async () => {
    await startRollout('stopped', {
      strategy: 'BLUE_GREEN',
      bakeTimeInMinutes: 1,
      lifecycleHooks: [{ targetType: 'PAUSE', lifecycleStages: ['POST_SCALE_UP'] }],
    });
    const paused = await until('stopped', (deployment) => awaitingHook(deployment) !== undefined);
    const answer = await ecs.send(
      new StopServiceDeploymentCommand({
        serviceDeploymentArn: paused.serviceDeploymentArn,
        stopType: 'ROLLBACK',
      }),
    );
    expect(answer.serviceDeploymentArn).toBe(paused.serviceDeploymentArn);
    const rolledBack = await until('stopped', (deployment) => deployment.status === 'ROLLBACK_SUCCESSFUL');
    expect(rolledBack.rollback?.reason).toBe('Service deployment rolled back by StopServiceDeployment.');
  });
});
