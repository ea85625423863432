import {
  CreateClusterCommand,
  CreateServiceCommand,
  DescribeClustersCommand,
  type ECSClient,
  PutClusterCapacityProvidersCommand,
  RegisterTaskDefinitionCommand,
  UpdateServiceCommand,
} from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EmulatorControl } from '../../../src/emulator/control-client.ts';
import { type RunningEmulator, startEmulator } from '../../../src/emulator/server.ts';
import {
  advance,
  advanceUntil,
  createFargateService,
  describeService,
  ecsClient,
  registerWeb,
  SUBNETS,
  tasksOf,
} from './fixtures.ts';

/** Behaviour behind the ECS fidelity cases (test/fidelity/cases/ecs): what AWS does over time. */

let running: RunningEmulator;
let control: EmulatorControl;
let ecs: ECSClient;

beforeAll(async () => {
  running = await startEmulator();
  control = new EmulatorControl(running.endpoint);
  ecs = ecsClient(running.endpoint);
});
afterAll(async () => {
  await running.close();
});
beforeEach(async () => {
  await control.reset();
});

const VOLUME = {
  name: 'data',
  managedEBSVolume: { roleArn: 'arn:aws:iam::123456789012:role/ecsInfrastructureRole', sizeInGiB: 20 },
};

async function registerWithVolume(family: string): Promise<string> {
  const answer = await ecs.send(
    new RegisterTaskDefinitionCommand({
      family,
      networkMode: 'awsvpc',
      requiresCompatibilities: ['FARGATE'],
      cpu: '256',
      memory: '512',
      containerDefinitions: [
        {
          name: 'web',
          image: `${family}:1`,
          mountPoints: [{ sourceVolume: 'data', containerPath: '/data' }],
        },
      ],
      volumes: [{ name: 'data', configuredAtLaunch: true }],
    }),
  );
  return answer.taskDefinition?.taskDefinitionArn ?? '';
}

describe('deployments ramp up from 0', () => {
  it('answers a new deployment at 0, then the scheduler raises it and the service converges', async () => {
    const created = await createFargateService(ecs, {
      serviceName: 'ramp',
      taskDefinition: await registerWeb(ecs, 'ramp', 'ramp:1'),
      desiredCount: 3,
    });
    expect(created.desiredCount).toBe(3);
    expect(created.deployments?.[0]).toMatchObject({ desiredCount: 0, pendingCount: 0, runningCount: 0 });

    const acting = await describeService(ecs, 'ramp');
    expect(acting.deployments?.[0]).toMatchObject({ desiredCount: 3, pendingCount: 3, runningCount: 0 });

    await advance(control, 60_000);
    const steady = await describeService(ecs, 'ramp');
    expect(steady.deployments?.[0]).toMatchObject({
      desiredCount: 3,
      runningCount: 3,
      rolloutState: 'COMPLETED',
    });
    expect(steady.runningCount).toBe(3);
  });

  it('leaves a new desiredCount to the scheduler: the answer still shows the old one on the deployment', async () => {
    await createFargateService(ecs, {
      serviceName: 'scale',
      taskDefinition: await registerWeb(ecs, 'scale', 'scale:1'),
      desiredCount: 1,
    });
    await advance(control, 60_000);
    const answer = await ecs.send(
      new UpdateServiceCommand({ cluster: 'apps', service: 'scale', desiredCount: 2 }),
    );
    expect(answer.service?.desiredCount).toBe(2);
    expect(answer.service?.deployments?.[0]?.desiredCount).toBe(1);
    expect((await describeService(ecs, 'scale')).deployments?.[0]?.desiredCount).toBe(2);
  });

  it("lowers the old deployment's desiredCount as its tasks stop in a rolling update", async () => {
    const first = await registerWeb(ecs, 'roll', 'roll:1');
    await createFargateService(ecs, {
      serviceName: 'roll',
      taskDefinition: first,
      desiredCount: 2,
      // One task at a time: the old deployment goes 2 → 1 → 0.
      deploymentConfiguration: { maximumPercent: 100, minimumHealthyPercent: 50 },
    });
    await advance(control, 60_000);
    const second = await registerWeb(ecs, 'roll', 'roll:2');
    const answer = await ecs.send(
      new UpdateServiceCommand({ cluster: 'apps', service: 'roll', taskDefinition: second }),
    );
    expect(answer.service?.deployments?.map((d) => [d.status, d.desiredCount])).toEqual([
      ['PRIMARY', 0],
      ['ACTIVE', 2],
    ]);
    const seen: number[] = [];
    const done = await advanceUntil(
      control,
      async () => {
        const service = await describeService(ecs, 'roll');
        const old = service.deployments?.find((deployment) => deployment.status === 'ACTIVE');
        if (old?.desiredCount !== undefined) seen.push(old.desiredCount);
        return service.deployments?.length === 1 && service.deployments[0]?.rolloutState === 'COMPLETED';
      },
      300_000,
      2_000,
    );
    expect(done).toBe(true);
    expect(seen).toContain(1);
    expect(await tasksOf(ecs, 'roll', 'RUNNING')).toHaveLength(2);
  });
});

describe('volumeConfigurations', () => {
  it('start a new deployment when they change, and only then', async () => {
    const taskDefinition = await registerWithVolume('vol');
    await createFargateService(ecs, { serviceName: 'vol', taskDefinition, desiredCount: 1 });
    await advance(control, 60_000);

    const changed = await ecs.send(
      new UpdateServiceCommand({ cluster: 'apps', service: 'vol', volumeConfigurations: [VOLUME] }),
    );
    expect(changed.service?.deployments?.map((deployment) => deployment.status)).toEqual([
      'PRIMARY',
      'ACTIVE',
    ]);
    expect(changed.service?.deployments?.[0]?.volumeConfigurations).toEqual([VOLUME]);
    expect(changed.service?.deployments?.[1]?.volumeConfigurations).toBeUndefined();
    await advance(control, 120_000);

    const same = await ecs.send(
      new UpdateServiceCommand({ cluster: 'apps', service: 'vol', volumeConfigurations: [VOLUME] }),
    );
    expect(same.service?.deployments).toHaveLength(1);
    const omitted = await ecs.send(
      new UpdateServiceCommand({ cluster: 'apps', service: 'vol', desiredCount: 1 }),
    );
    expect(omitted.service?.deployments).toHaveLength(1);
    expect(omitted.service?.deployments?.[0]?.volumeConfigurations).toEqual([VOLUME]);
  });

  it('are refused on a DAEMON service', async () => {
    await ecs.send(new CreateClusterCommand({ clusterName: 'apps' }));
    await ecs.send(
      new RegisterTaskDefinitionCommand({
        family: 'agent',
        containerDefinitions: [{ name: 'agent', image: 'agent:1', memory: 64 }],
      }),
    );
    await expect(
      ecs.send(
        new CreateServiceCommand({
          cluster: 'apps',
          serviceName: 'agent',
          taskDefinition: 'agent',
          schedulingStrategy: 'DAEMON',
          volumeConfigurations: [VOLUME],
        }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidParameterException' });
  });
});

describe('services AWS accepts', () => {
  it('with the EXTERNAL controller and no task definition: no deployments, no tasks', async () => {
    await ecs.send(new CreateClusterCommand({ clusterName: 'apps' }));
    const answer = await ecs.send(
      new CreateServiceCommand({
        cluster: 'apps',
        serviceName: 'ext',
        deploymentController: { type: 'EXTERNAL' },
        desiredCount: 2,
      }),
    );
    expect(answer.service).toMatchObject({ deployments: [], taskSets: [], launchType: 'EC2' });
    expect(answer.service?.taskDefinition).toBeUndefined();
    await advance(control, 30_000);
    expect(await tasksOf(ecs, 'ext', 'RUNNING')).toEqual([]);
    const updated = await ecs.send(
      new UpdateServiceCommand({ cluster: 'apps', service: 'ext', desiredCount: 3 }),
    );
    expect(updated.service?.deployments).toEqual([]);
  });

  it('still needs a task definition with the ECS controller', async () => {
    await ecs.send(new CreateClusterCommand({ clusterName: 'apps' }));
    await expect(
      ecs.send(new CreateServiceCommand({ cluster: 'apps', serviceName: 'none', desiredCount: 1 })),
    ).rejects.toMatchObject({ name: 'InvalidParameterException' });
  });

  it('behind a Classic Load Balancer named by loadBalancerName, with the role given', async () => {
    await ecs.send(new CreateClusterCommand({ clusterName: 'apps' }));
    await ecs.send(
      new RegisterTaskDefinitionCommand({
        family: 'ecs-demo',
        containerDefinitions: [
          {
            name: 'simple-demo',
            image: 'demo:1',
            memory: 128,
            portMappings: [{ containerPort: 80, hostPort: 80 }],
          },
        ],
      }),
    );
    const answer = await ecs.send(
      new CreateServiceCommand({
        cluster: 'apps',
        serviceName: 'elb',
        taskDefinition: 'ecs-demo',
        desiredCount: 2,
        role: 'ecsServiceRole',
        loadBalancers: [
          { loadBalancerName: 'EC2Contai-EcsElast-1', containerName: 'simple-demo', containerPort: 80 },
        ],
      }),
    );
    expect(answer.service?.roleArn).toBe('arn:aws:iam::123456789012:role/ecsServiceRole');
    expect(answer.service?.loadBalancers).toEqual([
      { loadBalancerName: 'EC2Contai-EcsElast-1', containerName: 'simple-demo', containerPort: 80 },
    ]);
    await advance(control, 60_000);
    expect((await describeService(ecs, 'elb')).deployments?.[0]?.rolloutState).toBe('COMPLETED');
  });
});

describe('roleArn', () => {
  it("is ECS's service-linked role for an awsvpc service", async () => {
    const service = await createFargateService(ecs, {
      serviceName: 'linked',
      taskDefinition: await registerWeb(ecs, 'linked', 'linked:1'),
    });
    expect(service.roleArn).toBe(
      'arn:aws:iam::123456789012:role/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS',
    );
  });
});

describe('capacity providers', () => {
  it('fill in base and weight 0, and settle their attachments after a while', async () => {
    await ecs.send(
      new CreateClusterCommand({ clusterName: 'cp', capacityProviders: ['FARGATE', 'asg-one'] }),
    );
    const put = await ecs.send(
      new PutClusterCapacityProvidersCommand({
        cluster: 'cp',
        capacityProviders: ['FARGATE', 'asg-two'],
        defaultCapacityProviderStrategy: [
          { capacityProvider: 'FARGATE', weight: 1 },
          { capacityProvider: 'asg-two' },
        ],
      }),
    );
    expect(put.cluster?.defaultCapacityProviderStrategy).toEqual([
      { capacityProvider: 'FARGATE', weight: 1, base: 0 },
      { capacityProvider: 'asg-two', weight: 0, base: 0 },
    ]);
    expect(put.cluster?.attachmentsStatus).toBe('UPDATE_IN_PROGRESS');
    expect(put.cluster?.attachments?.map((attachment) => attachment.status)).toEqual(['DELETING', 'ACTIVE']);

    await advance(control, 10_000);
    const described = await ecs.send(
      new DescribeClustersCommand({ clusters: ['cp'], include: ['ATTACHMENTS'] }),
    );
    const cluster = described.clusters?.[0];
    expect(cluster?.attachmentsStatus).toBe('UPDATE_COMPLETE');
    expect(
      cluster?.attachments?.map((attachment) => [attachment.status, attachment.details?.[0]?.value]),
    ).toEqual([['CREATED', 'asg-two']]);
  });

  it("refuse a default strategy naming a provider the cluster doesn't have", async () => {
    await expect(
      ecs.send(
        new CreateClusterCommand({
          clusterName: 'bad',
          capacityProviders: ['FARGATE'],
          defaultCapacityProviderStrategy: [{ capacityProvider: 'FARGATE_SPOT', weight: 1 }],
        }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidParameterException' });
  });

  it("are inherited by a service with base 0 from the cluster's default strategy", async () => {
    await ecs.send(
      new CreateClusterCommand({
        clusterName: 'apps',
        capacityProviders: ['FARGATE'],
        defaultCapacityProviderStrategy: [{ capacityProvider: 'FARGATE', weight: 1 }],
      }),
    );
    const service = await ecs.send(
      new CreateServiceCommand({
        cluster: 'apps',
        serviceName: 'inherit',
        taskDefinition: await registerWeb(ecs, 'inherit', 'inherit:1'),
        desiredCount: 1,
        networkConfiguration: { awsvpcConfiguration: { subnets: SUBNETS } },
      }),
    );
    expect(service.service?.capacityProviderStrategy).toEqual([
      { capacityProvider: 'FARGATE', weight: 1, base: 0 },
    ]);
    expect(service.service?.launchType).toBeUndefined();
  });
});

describe('DescribeClusters', () => {
  it('answers tags and settings only with an include, as [] when not asked for', async () => {
    await ecs.send(new CreateClusterCommand({ clusterName: 'dc', tags: [{ key: 'team', value: 'core' }] }));
    const plain = await ecs.send(new DescribeClustersCommand({ clusters: ['dc'] }));
    expect(plain.clusters?.[0]?.tags).toBeUndefined();
    expect(plain.clusters?.[0]?.settings).toBeUndefined();
    const statistics = await ecs.send(
      new DescribeClustersCommand({ clusters: ['dc'], include: ['STATISTICS'] }),
    );
    expect(statistics.clusters?.[0]).toMatchObject({ tags: [], settings: [] });
    const tags = await ecs.send(new DescribeClustersCommand({ clusters: ['dc'], include: ['TAGS'] }));
    expect(tags.clusters?.[0]?.tags).toEqual([{ key: 'team', value: 'core' }]);
  });
});
