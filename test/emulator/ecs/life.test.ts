import {
  DeleteClusterCommand,
  DeleteServiceCommand,
  type ECSClient,
  StopTaskCommand,
  UpdateServiceCommand,
} from '@aws-sdk/client-ecs';
import {
  DescribeTargetHealthCommand,
  type ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import {
  CreateServiceCommand as CreateDiscoveryServiceCommand,
  CreateHttpNamespaceCommand,
  GetOperationCommand,
  ListInstancesCommand,
  ServiceDiscoveryClient,
} from '@aws-sdk/client-servicediscovery';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EmulatorControl } from '../../../src/emulator/control-client.ts';
import { type RunningEmulator, startEmulator } from '../../../src/emulator/server.ts';
import { elbv2Client, webStack } from '../elbv2/fixtures.ts';
import {
  advance,
  advanceUntil,
  createFargateService,
  describeService,
  ecsClient,
  registerWeb,
  tasksOf,
} from './fixtures.ts';

let running: RunningEmulator;
let control: EmulatorControl;
let ecs: ECSClient;
let elbv2: ElasticLoadBalancingV2Client;
let cloudMap: ServiceDiscoveryClient;

beforeAll(async () => {
  running = await startEmulator();
  control = new EmulatorControl(running.endpoint);
  ecs = ecsClient(running.endpoint);
  elbv2 = elbv2Client(running.endpoint);
  cloudMap = new ServiceDiscoveryClient({
    endpoint: running.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  });
});
afterAll(async () => {
  await running.close();
});
beforeEach(async () => {
  await control.reset();
});

async function discoveryService(name: string): Promise<{ id: string; arn: string }> {
  const created = await cloudMap.send(new CreateHttpNamespaceCommand({ Name: `${name}-ns` }));
  let namespaceId: string | undefined;
  await advanceUntil(control, async () => {
    const operation = await cloudMap.send(
      new GetOperationCommand({ OperationId: created.OperationId ?? '' }),
    );
    namespaceId = operation.Operation?.Targets?.NAMESPACE;
    return operation.Operation?.Status === 'SUCCESS';
  });
  const service = await cloudMap.send(
    new CreateDiscoveryServiceCommand({ Name: name, NamespaceId: namespaceId ?? '' }),
  );
  return { id: service.Service?.Id ?? '', arn: service.Service?.Arn ?? '' };
}

async function steady(name: string): Promise<boolean> {
  const service = await describeService(ecs, name);
  return service.events?.[0]?.message === `(service ${name}) has reached a steady state.`;
}

describe('ECS life on the clock', () => {
  it('runs a Fargate service to healthy ALB targets and Cloud Map instances', async () => {
    const web = await webStack(elbv2, 'shop');
    const registry = await discoveryService('shop');
    const taskDefinition = await registerWeb(ecs, 'shop', 'shop:1');
    const created = await createFargateService(ecs, {
      serviceName: 'shop',
      taskDefinition,
      loadBalancers: [{ targetGroupArn: web.targetGroupArn, containerName: 'web', containerPort: 8080 }],
      serviceRegistries: [{ registryArn: registry.arn }],
    });
    expect(created.deployments?.[0]).toMatchObject({ status: 'PRIMARY', rolloutState: 'IN_PROGRESS' });
    expect(created.deployments?.[0]?.id).toMatch(/^ecs-svc\/\d{19}$/);

    await advance(control, 5_000);
    const pending = await tasksOf(ecs, 'shop', 'RUNNING');
    expect(pending).toHaveLength(2);
    expect(pending.map((task) => task.lastStatus)).toEqual(['PENDING', 'PENDING']);

    expect(await advanceUntil(control, () => steady('shop'))).toBe(true);
    const service = await describeService(ecs, 'shop');
    expect(service).toMatchObject({ runningCount: 2, pendingCount: 0, desiredCount: 2 });
    expect(service.deployments).toHaveLength(1);
    expect(service.deployments?.[0]).toMatchObject({ rolloutState: 'COMPLETED', runningCount: 2 });
    const messages = (service.events ?? []).map((event) => event.message);
    expect(
      messages.some((message) =>
        /^\(service shop\) has started 2 tasks: \(task [0-9a-f]{32}\) \(task [0-9a-f]{32}\)\.$/.test(
          message ?? '',
        ),
      ),
    ).toBe(true);

    const tasks = await tasksOf(ecs, 'shop', 'RUNNING');
    const ips = tasks.map(
      (task) => task.attachments?.[0]?.details?.find((detail) => detail.name === 'privateIPv4Address')?.value,
    );
    expect(new Set(ips).size).toBe(2);
    expect(tasks[0]).toMatchObject({
      lastStatus: 'RUNNING',
      desiredStatus: 'RUNNING',
      launchType: 'FARGATE',
    });
    const health = await elbv2.send(new DescribeTargetHealthCommand({ TargetGroupArn: web.targetGroupArn }));
    expect(health.TargetHealthDescriptions?.map((target) => target.TargetHealth?.State)).toEqual([
      'healthy',
      'healthy',
    ]);
    expect(health.TargetHealthDescriptions?.map((target) => target.Target?.Id).sort()).toEqual(
      [...ips].sort(),
    );
    const instances = await cloudMap.send(new ListInstancesCommand({ ServiceId: registry.id }));
    expect(instances.Instances?.map((instance) => instance.Attributes?.AWS_INSTANCE_IPV4).sort()).toEqual(
      [...ips].sort(),
    );
    expect(instances.Instances?.[0]?.Attributes).toMatchObject({
      ECS_CLUSTER_NAME: 'apps',
      ECS_SERVICE_NAME: 'shop',
      ECS_TASK_DEFINITION_FAMILY: 'shop',
      AWS_INIT_HEALTH_STATUS: 'HEALTHY',
    });
  });

  it('keeps replacing the tasks of a crash-looping image', async () => {
    await control.setImageBehaviour('broken:1', 'crash');
    const taskDefinition = await registerWeb(ecs, 'broken', 'broken:1');
    await createFargateService(ecs, { serviceName: 'broken', taskDefinition });
    await advance(control, 120_000);
    const stopped = (await tasksOf(ecs, 'broken', 'STOPPED')).filter((task) => task.lastStatus === 'STOPPED');
    expect(stopped.length).toBeGreaterThanOrEqual(6);
    for (const task of stopped) {
      expect(task).toMatchObject({
        lastStatus: 'STOPPED',
        desiredStatus: 'STOPPED',
        stopCode: 'EssentialContainerExited',
        stoppedReason: 'Essential container in task exited',
      });
      expect(task.containers?.[0]?.exitCode).toBe(1);
      expect(task.stoppedAt).toBeInstanceOf(Date);
      expect(task.stoppingAt).toBeInstanceOf(Date);
    }
    const service = await describeService(ecs, 'broken');
    expect(service.deployments?.[0]?.failedTasks).toBeGreaterThanOrEqual(6);
    expect(service.deployments?.[0]?.rolloutState).toBe('IN_PROGRESS');
    const started = (service.events ?? []).filter((event) => event.message?.includes('has started'));
    expect(started.length).toBeGreaterThanOrEqual(4);
  });

  it('rolls a deployment to a new revision and drains the old one', async () => {
    const first = await registerWeb(ecs, 'roll', 'roll:1');
    await createFargateService(ecs, { serviceName: 'roll', taskDefinition: first });
    expect(await advanceUntil(control, () => steady('roll'))).toBe(true);
    const oldTasks = (await tasksOf(ecs, 'roll', 'RUNNING')).map((task) => task.taskArn);

    const second = await registerWeb(ecs, 'roll', 'roll:2');
    const updated = await ecs.send(
      new UpdateServiceCommand({ cluster: 'apps', service: 'roll', taskDefinition: second }),
    );
    expect(updated.service?.deployments?.map((deployment) => deployment.status)).toEqual([
      'PRIMARY',
      'ACTIVE',
    ]);
    expect(updated.service?.taskDefinition).toBe(second);

    expect(await advanceUntil(control, () => steady('roll'))).toBe(true);
    const service = await describeService(ecs, 'roll');
    expect(service.deployments).toHaveLength(1);
    expect(service.deployments?.[0]).toMatchObject({ taskDefinition: second, rolloutState: 'COMPLETED' });
    const now = await tasksOf(ecs, 'roll', 'RUNNING');
    expect(now.map((task) => task.taskDefinitionArn)).toEqual([second, second]);
    const stopped = await tasksOf(ecs, 'roll', 'STOPPED');
    expect(stopped.map((task) => task.taskArn).sort()).toEqual([...oldTasks].sort());
    expect(stopped[0]?.stopCode).toBe('ServiceSchedulerInitiated');
  });

  it('trips the deployment circuit breaker and rolls back to the last completed deployment', async () => {
    const good = await registerWeb(ecs, 'cb', 'cb:good');
    await control.setImageBehaviour('cb:bad', 'crash');
    await createFargateService(ecs, {
      serviceName: 'cb',
      taskDefinition: good,
      deploymentConfiguration: { deploymentCircuitBreaker: { enable: true, rollback: true } },
    });
    expect(await advanceUntil(control, () => steady('cb'))).toBe(true);
    const completedId = (await describeService(ecs, 'cb')).deployments?.[0]?.id;
    const bad = await registerWeb(ecs, 'cb', 'cb:bad');
    await ecs.send(new UpdateServiceCommand({ cluster: 'apps', service: 'cb', taskDefinition: bad }));

    expect(
      await advanceUntil(control, async () => {
        const service = await describeService(ecs, 'cb');
        return (service.events ?? []).some((event) =>
          event.message?.includes('deployment failed: tasks failed to start.'),
        );
      }),
    ).toBe(true);
    const failing = await describeService(ecs, 'cb');
    expect(failing.taskDefinition).toBe(good);
    expect(failing.deployments?.[0]).toMatchObject({
      status: 'PRIMARY',
      taskDefinition: good,
      rolloutStateReason: `ECS deployment circuit breaker: rolling back to deploymentId ${completedId}.`,
    });
    // The failed deployment has no tasks left, so it is already retired from the list.
    expect(
      failing.deployments?.some(
        (deployment) => deployment.taskDefinition === bad && deployment.status === 'PRIMARY',
      ),
    ).toBe(false);

    expect(await advanceUntil(control, () => steady('cb'))).toBe(true);
    const after = await describeService(ecs, 'cb');
    expect(after.deployments).toHaveLength(1);
    expect(after.deployments?.[0]).toMatchObject({ taskDefinition: good, rolloutState: 'COMPLETED' });
  });

  it('stops tasks that fail ELB health checks and replaces them', async () => {
    const web = await webStack(elbv2, 'sick');
    await control.setImageBehaviour('sick:1', 'unhealthy');
    const taskDefinition = await registerWeb(ecs, 'sick', 'sick:1');
    await createFargateService(ecs, {
      serviceName: 'sick',
      taskDefinition,
      desiredCount: 1,
      loadBalancers: [{ targetGroupArn: web.targetGroupArn, containerName: 'web', containerPort: 8080 }],
    });
    expect(await advanceUntil(control, async () => (await tasksOf(ecs, 'sick', 'STOPPED')).length > 0)).toBe(
      true,
    );
    const [stopped] = await tasksOf(ecs, 'sick', 'STOPPED');
    expect(stopped?.stoppedReason).toBe(
      `Task failed ELB health checks in (target-group ${web.targetGroupArn})`,
    );
    const service = await describeService(ecs, 'sick');
    expect(service.events?.some((event) => event.message?.includes('is unhealthy in (target-group'))).toBe(
      true,
    );
    await advance(control, 20_000);
    expect(await tasksOf(ecs, 'sick', 'RUNNING')).toHaveLength(1);
  });

  it('replaces a task stopped by StopTask or by the control endpoint', async () => {
    const taskDefinition = await registerWeb(ecs, 'stoppy', 'stoppy:1');
    await createFargateService(ecs, { serviceName: 'stoppy', taskDefinition, desiredCount: 1 });
    expect(await advanceUntil(control, () => steady('stoppy'))).toBe(true);
    const [first] = await tasksOf(ecs, 'stoppy', 'RUNNING');
    const stopped = await ecs.send(
      new StopTaskCommand({ cluster: 'apps', task: first?.taskArn ?? '', reason: 'testing' }),
    );
    expect(stopped.task).toMatchObject({
      desiredStatus: 'STOPPED',
      stopCode: 'UserInitiated',
      stoppedReason: 'testing',
    });
    await advance(control, 20_000);
    const [second] = await tasksOf(ecs, 'stoppy', 'RUNNING');
    expect(second?.taskArn).not.toBe(first?.taskArn);
    expect(second?.lastStatus).toBe('RUNNING');

    await control.action('ecs', 'stop-task', {
      cluster: 'apps',
      task: second?.taskArn,
      cause: 'TaskFailedToStart',
    });
    await advance(control, 20_000);
    const dead = (await tasksOf(ecs, 'stoppy', 'STOPPED')).find((task) => task.taskArn === second?.taskArn);
    expect(dead).toMatchObject({ stopCode: 'TaskFailedToStart', lastStatus: 'STOPPED' });
    expect((await describeService(ecs, 'stoppy')).deployments?.[0]?.failedTasks).toBe(1);
    expect(await tasksOf(ecs, 'stoppy', 'RUNNING')).toHaveLength(1);
  });

  it('drains a deleted service to INACTIVE, then lets its cluster go', async () => {
    const taskDefinition = await registerWeb(ecs, 'gone', 'gone:1');
    await createFargateService(ecs, { serviceName: 'gone', taskDefinition });
    expect(await advanceUntil(control, () => steady('gone'))).toBe(true);
    await expect(
      ecs.send(new DeleteServiceCommand({ cluster: 'apps', service: 'gone' })),
    ).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: 'The service cannot be stopped while it is scaled above 0.',
    });
    await expect(ecs.send(new DeleteClusterCommand({ cluster: 'apps' }))).rejects.toMatchObject({
      name: 'ClusterContainsServicesException',
    });
    const deleted = await ecs.send(
      new DeleteServiceCommand({ cluster: 'apps', service: 'gone', force: true }),
    );
    expect(deleted.service).toMatchObject({ status: 'DRAINING', desiredCount: 0 });
    await advance(control, 10_000);
    const after = await describeService(ecs, 'gone');
    expect(after.status).toBe('INACTIVE');
    expect(await tasksOf(ecs, undefined, 'RUNNING')).toHaveLength(0);
    const cluster = await ecs.send(new DeleteClusterCommand({ cluster: 'apps' }));
    expect(cluster.cluster?.status).toBe('INACTIVE');
  });

  it('forgets stopped tasks after an hour', async () => {
    await control.setImageBehaviour('brief:1', 'crash');
    const taskDefinition = await registerWeb(ecs, 'brief', 'brief:1');
    await createFargateService(ecs, { serviceName: 'brief', taskDefinition, desiredCount: 1 });
    await advance(control, 30_000);
    const [first] = await tasksOf(ecs, 'brief', 'STOPPED');
    expect(first).toBeDefined();
    await ecs.send(new UpdateServiceCommand({ cluster: 'apps', service: 'brief', desiredCount: 0 }));
    await advance(control, 3_700_000, 100_000);
    const arns = (await tasksOf(ecs, 'brief', 'STOPPED')).map((task) => task.taskArn);
    expect(arns).not.toContain(first?.taskArn);
  });
});
