import {
  ContinueServiceDeploymentCommand,
  CreateServiceCommand,
  DescribeServiceDeploymentsCommand,
  DescribeServiceRevisionsCommand,
  type ECSClient,
  ListServiceDeploymentsCommand,
  StopServiceDeploymentCommand,
  UpdateServiceCommand,
} from '@aws-sdk/client-ecs';
import type { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EmulatorControl } from '../../src/emulator/control-client.ts';
import { type RunningEmulator, startEmulator } from '../../src/emulator/server.ts';
import {
  advanceUntil,
  createFargateService,
  describeService,
  ecsClient,
  registerWeb,
  SUBNETS,
} from './ecs/fixtures.ts';
import { blueGreenStack, latestDeployment, serviceDeployments } from './ecs-rollouts-fixtures.ts';
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

async function settled(name: string, status: string): Promise<boolean> {
  return advanceUntil(control, async () => (await latestDeployment(ecs, name)).status === status);
}

async function rejection(promise: Promise<unknown>): Promise<{ name: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Error) return { name: error.name, message: error.message };
  }
  throw new Error('the call succeeded');
}

describe('ECS service deployment and revision records', () => {
  it('records every rolling deployment with its revisions, filters and pages them', async () => {
    const v1 = await registerWeb(ecs, 'web', 'web:v1');
    await createFargateService(ecs, { serviceName: 'web', taskDefinition: v1 });
    expect(await settled('web', 'SUCCESSFUL')).toBe(true);
    const v2 = await registerWeb(ecs, 'web', 'web:v2');
    await ecs.send(new UpdateServiceCommand({ cluster: 'apps', service: 'web', taskDefinition: v2 }));
    expect((await latestDeployment(ecs, 'web')).status).toMatch(/^(PENDING|IN_PROGRESS)$/);
    expect(await settled('web', 'SUCCESSFUL')).toBe(true);

    const [second, first] = await serviceDeployments(ecs, 'web');
    const service = await describeService(ecs, 'web');
    expect(first).toMatchObject({
      status: 'SUCCESSFUL',
      serviceArn: service.serviceArn,
      clusterArn: service.clusterArn,
    });
    expect(first?.sourceServiceRevisions).toEqual([]);
    expect(second?.serviceDeploymentArn).toMatch(
      /^arn:aws:ecs:us-east-1:\d{12}:service-deployment\/apps\/web\/[A-Za-z0-9]+$/,
    );
    expect(second?.targetServiceRevision?.arn).toMatch(
      /^arn:aws:ecs:us-east-1:\d{12}:service-revision\/apps\/web\/\d{19}$/,
    );
    expect(second?.sourceServiceRevisions?.[0]?.arn).toBe(first?.targetServiceRevision?.arn);
    expect(second?.targetServiceRevision).toMatchObject({ requestedTaskCount: 2, runningTaskCount: 2 });
    expect(second?.deploymentCircuitBreaker).toMatchObject({ status: 'DISABLED', failureCount: 0 });
    expect(second?.finishedAt).toBeInstanceOf(Date);
    expect(second?.deploymentConfiguration).toMatchObject({
      maximumPercent: 200,
      minimumHealthyPercent: 100,
    });

    const revisions = await ecs.send(
      new DescribeServiceRevisionsCommand({
        serviceRevisionArns: [
          first?.targetServiceRevision?.arn ?? '',
          second?.targetServiceRevision?.arn ?? '',
        ],
      }),
    );
    expect(revisions.serviceRevisions?.map((revision) => revision.taskDefinition)).toEqual([v1, v2]);
    expect(revisions.serviceRevisions?.[1]?.containerImages).toEqual([
      { containerName: 'web', image: 'web:v2' },
    ]);
    expect(revisions.serviceRevisions?.[1]).toMatchObject({
      launchType: 'FARGATE',
      serviceArn: service.serviceArn,
    });

    const firstPage = await ecs.send(
      new ListServiceDeploymentsCommand({ cluster: 'apps', service: 'web', maxResults: 1 }),
    );
    expect(firstPage.serviceDeployments?.map((brief) => brief.serviceDeploymentArn)).toEqual([
      second?.serviceDeploymentArn,
    ]);
    const nextPage = await ecs.send(
      new ListServiceDeploymentsCommand({
        cluster: 'apps',
        service: 'web',
        maxResults: 1,
        nextToken: firstPage.nextToken,
      }),
    );
    expect(nextPage.serviceDeployments?.map((brief) => brief.serviceDeploymentArn)).toEqual([
      first?.serviceDeploymentArn,
    ]);
    expect(nextPage.nextToken).toBeUndefined();
    expect(nextPage.serviceDeployments?.[0]?.targetServiceRevisionArn).toBe(
      first?.targetServiceRevision?.arn,
    );

    const stopped = await ecs.send(
      new ListServiceDeploymentsCommand({ service: 'web', cluster: 'apps', status: ['STOPPED'] }),
    );
    expect(stopped.serviceDeployments).toEqual([]);
    const later = await ecs.send(
      new ListServiceDeploymentsCommand({
        service: 'web',
        cluster: 'apps',
        createdAt: { after: second?.createdAt },
      }),
    );
    expect(later.serviceDeployments?.map((brief) => brief.serviceDeploymentArn)).toEqual([
      second?.serviceDeploymentArn,
    ]);
  });

  it('stops a deployment that a newer one supersedes', async () => {
    const v1 = await registerWeb(ecs, 'busy', 'busy:v1');
    await createFargateService(ecs, { serviceName: 'busy', taskDefinition: v1 });
    const v2 = await registerWeb(ecs, 'busy', 'busy:v2');
    await ecs.send(new UpdateServiceCommand({ cluster: 'apps', service: 'busy', taskDefinition: v2 }));
    expect(await settled('busy', 'SUCCESSFUL')).toBe(true);
    const [latest, first] = await serviceDeployments(ecs, 'busy');
    expect(first).toMatchObject({ status: 'STOPPED' });
    expect(first?.statusReason).toContain('new service deployment');
    expect(latest?.targetServiceRevision?.arn).not.toBe(first?.targetServiceRevision?.arn);
  });

  it('shows a circuit-breaker rollback in DescribeServiceDeployments', async () => {
    const good = await registerWeb(ecs, 'cb', 'cb:good');
    await control.setImageBehaviour('cb:bad', 'crash');
    await createFargateService(ecs, {
      serviceName: 'cb',
      taskDefinition: good,
      deploymentConfiguration: { deploymentCircuitBreaker: { enable: true, rollback: true } },
    });
    expect(await settled('cb', 'SUCCESSFUL')).toBe(true);
    const bad = await registerWeb(ecs, 'cb', 'cb:bad');
    await ecs.send(new UpdateServiceCommand({ cluster: 'apps', service: 'cb', taskDefinition: bad }));
    expect(await settled('cb', 'ROLLBACK_SUCCESSFUL')).toBe(true);
    const [failed, first] = await serviceDeployments(ecs, 'cb');
    expect(failed?.deploymentCircuitBreaker).toMatchObject({ status: 'TRIGGERED', threshold: 3 });
    expect(failed?.deploymentCircuitBreaker?.failureCount).toBeGreaterThanOrEqual(3);
    expect(failed?.rollback).toMatchObject({
      reason: 'ECS deployment circuit breaker: tasks failed to start.',
      serviceRevisionArn: first?.targetServiceRevision?.arn,
    });
    expect((await describeService(ecs, 'cb')).taskDefinition).toBe(good);
  });

  it('rolls a rolling deployment back when a watched alarm goes into ALARM', async () => {
    const v1 = await registerWeb(ecs, 'watched', 'watched:v1');
    await createFargateService(ecs, {
      serviceName: 'watched',
      taskDefinition: v1,
      deploymentConfiguration: { alarms: { alarmNames: ['latency'], enable: true, rollback: true } },
    });
    expect(await settled('watched', 'SUCCESSFUL')).toBe(true);
    const v2 = await registerWeb(ecs, 'watched', 'watched:v2');
    await ecs.send(new UpdateServiceCommand({ cluster: 'apps', service: 'watched', taskDefinition: v2 }));
    await control.action('ecs', 'alarm-state', { alarmName: 'latency', state: 'ALARM' });
    expect(await settled('watched', 'ROLLBACK_SUCCESSFUL')).toBe(true);
    const rolledBack = await latestDeployment(ecs, 'watched');
    expect(rolledBack.alarms).toMatchObject({ status: 'TRIGGERED', triggeredAlarmNames: ['latency'] });
    const service = await describeService(ecs, 'watched');
    expect(service.taskDefinition).toBe(v1);
    expect(service.deployments?.[0]).toMatchObject({ taskDefinition: v1, rolloutState: 'COMPLETED' });
  });

  it('answers bad input with the errors the model names', async () => {
    const v1 = await registerWeb(ecs, 'err', 'err:v1');
    await createFargateService(ecs, { serviceName: 'err', taskDefinition: v1 });
    expect(await settled('err', 'SUCCESSFUL')).toBe(true);
    const deployment = await latestDeployment(ecs, 'err');
    const arn = deployment.serviceDeploymentArn ?? '';
    const unknown = arn.replace(/[^/]+$/, 'doesNotExist1234567890');

    expect(
      await rejection(ecs.send(new ListServiceDeploymentsCommand({ cluster: 'apps', service: 'nope' }))),
    ).toMatchObject({
      name: 'ServiceNotFoundException',
    });
    const described = await ecs.send(
      new DescribeServiceDeploymentsCommand({ serviceDeploymentArns: [arn, unknown] }),
    );
    expect(described.serviceDeployments).toHaveLength(1);
    expect(described.failures).toEqual([{ arn: unknown, reason: 'MISSING' }]);
    expect(
      await rejection(ecs.send(new StopServiceDeploymentCommand({ serviceDeploymentArn: unknown }))),
    ).toMatchObject({ name: 'ServiceDeploymentNotFoundException' });
    expect(
      await rejection(ecs.send(new StopServiceDeploymentCommand({ serviceDeploymentArn: 'not-an-arn' }))),
    ).toMatchObject({ name: 'InvalidParameterException' });
    expect(
      await rejection(ecs.send(new StopServiceDeploymentCommand({ serviceDeploymentArn: arn }))),
    ).toMatchObject({
      name: 'ConflictException',
    });
    expect(
      await rejection(
        ecs.send(new StopServiceDeploymentCommand({ serviceDeploymentArn: arn, stopType: 'ABORT' })),
      ),
    ).toMatchObject({ name: 'InvalidParameterException' });
    expect(
      await rejection(
        ecs.send(new ContinueServiceDeploymentCommand({ serviceDeploymentArn: arn, hookId: 'no-such-hook' })),
      ),
    ).toMatchObject({ name: 'InvalidParameterException' });
    expect(
      await rejection(
        ecs.send(new ContinueServiceDeploymentCommand({ serviceDeploymentArn: unknown, hookId: 'x' })),
      ),
    ).toMatchObject({ name: 'ServiceDeploymentNotFoundException' });
    expect(
      await rejection(ecs.send(new DescribeServiceRevisionsCommand({ serviceRevisionArns: [] }))),
    ).toMatchObject({ name: 'InvalidParameterException' });

    const stack = await blueGreenStack(elbv2, 'bad');
    const create = (deploymentConfiguration: object, advanced: object) =>
      ecs.send(
        new CreateServiceCommand({
          cluster: 'apps',
          serviceName: 'bad',
          taskDefinition: v1,
          desiredCount: 1,
          launchType: 'FARGATE',
          networkConfiguration: { awsvpcConfiguration: { subnets: SUBNETS } },
          deploymentConfiguration,
          loadBalancers: [
            {
              targetGroupArn: stack.blue,
              containerName: 'web',
              containerPort: 8080,
              advancedConfiguration: advanced,
            },
          ],
        }),
      );
    const advanced = {
      alternateTargetGroupArn: stack.green,
      productionListenerRule: stack.productionRule,
      roleArn: 'arn:aws:iam::000000000000:role/ecs-infrastructure',
    };
    const pauseAtShift = await rejection(
      create(
        {
          strategy: 'BLUE_GREEN',
          lifecycleHooks: [{ targetType: 'PAUSE', lifecycleStages: ['PRODUCTION_TRAFFIC_SHIFT'] }],
        },
        advanced,
      ),
    );
    expect(pauseAtShift).toMatchObject({ name: 'InvalidParameterException' });
    expect(pauseAtShift.message).toContain('PRODUCTION_TRAFFIC_SHIFT');
    expect(await rejection(create({ strategy: 'SIDEWAYS' }, advanced))).toMatchObject({
      name: 'InvalidParameterException',
    });
    expect(
      await rejection(create({ strategy: 'LINEAR', linearConfiguration: { stepPercent: 1 } }, advanced)),
    ).toMatchObject({ name: 'InvalidParameterException' });
    const missingGroup = await rejection(
      create({ strategy: 'BLUE_GREEN' }, { ...advanced, alternateTargetGroupArn: `${stack.green}0` }),
    );
    expect(missingGroup).toMatchObject({ name: 'InvalidParameterException' });
    expect(
      await rejection(
        create(
          { strategy: 'BLUE_GREEN' },
          { ...advanced, productionListenerRule: `${stack.productionRule}0` },
        ),
      ),
    ).toMatchObject({ name: 'InvalidParameterException' });
  });

  it('sets alarm states through the control endpoint and refuses unknown ones', async () => {
    expect(await control.action('ecs', 'alarm-state', { alarmName: 'api-5xx', state: 'ALARM' })).toEqual({
      alarmName: 'api-5xx',
      state: 'ALARM',
    });
    await expect(
      control.action('ecs', 'alarm-state', { alarmName: 'api-5xx', state: 'RED' }),
    ).rejects.toThrow(/state must be one of OK, ALARM, INSUFFICIENT_DATA/);
  });
});
