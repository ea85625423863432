import {
  CreateClusterCommand,
  DescribeClustersCommand,
  DescribeTaskDefinitionCommand,
  DescribeTasksCommand,
  type ECSClient,
  RegisterTaskDefinitionCommand,
  TagResourceCommand,
  UpdateClusterSettingsCommand,
} from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EmulatorControl } from '../../../src/emulator/control-client.ts';
import { type RunningEmulator, startEmulator } from '../../../src/emulator/server.ts';
import { advance, createFargateService, ecsClient, registerWeb, tasksOf } from './fixtures.ts';

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

describe('tags in ECS describe answers', () => {
  it('answers a task definition with tags: [] unless include TAGS asks for them', async () => {
    await ecs.send(
      new RegisterTaskDefinitionCommand({
        family: 'web',
        containerDefinitions: [{ name: 'web', image: 'nginx', memory: 128 }],
        tags: [{ key: 'team', value: 'blue' }],
      }),
    );
    const plain = await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: 'web' }));
    expect(plain.tags).toEqual([]);
    const tagged = await ecs.send(
      new DescribeTaskDefinitionCommand({ taskDefinition: 'web', include: ['TAGS'] }),
    );
    expect(tagged.tags).toEqual([{ key: 'team', value: 'blue' }]);
  });

  it('answers tasks with tags: [] unless include TAGS asks for them', async () => {
    await createFargateService(ecs, {
      serviceName: 'api',
      taskDefinition: await registerWeb(ecs, 'api', 'api:1'),
    });
    await advance(control, 30_000);
    const [task] = await tasksOf(ecs, 'api', 'RUNNING');
    const taskArn = task?.taskArn ?? '';
    expect(taskArn).not.toBe('');
    await ecs.send(new TagResourceCommand({ resourceArn: taskArn, tags: [{ key: 'team', value: 'blue' }] }));
    const plain = await ecs.send(new DescribeTasksCommand({ cluster: 'apps', tasks: [taskArn] }));
    expect(plain.tasks?.[0]?.tags).toEqual([]);
    const tagged = await ecs.send(
      new DescribeTasksCommand({ cluster: 'apps', tasks: [taskArn], include: ['TAGS'] }),
    );
    expect(tagged.tasks?.[0]?.tags).toEqual([{ key: 'team', value: 'blue' }]);
  });
});

describe('UpdateClusterSettings', () => {
  it('sets Container Insights and keeps it for DescribeClusters', async () => {
    await ecs.send(new CreateClusterCommand({ clusterName: 'apps' }));
    const answer = await ecs.send(
      new UpdateClusterSettingsCommand({
        cluster: 'apps',
        settings: [{ name: 'containerInsights', value: 'enhanced' }],
      }),
    );
    expect(answer.cluster?.settings).toEqual([{ name: 'containerInsights', value: 'enhanced' }]);
    const described = await ecs.send(
      new DescribeClustersCommand({ clusters: ['apps'], include: ['SETTINGS'] }),
    );
    expect(described.clusters?.[0]?.settings).toEqual([{ name: 'containerInsights', value: 'enhanced' }]);
  });

  it('rejects a value the model does not list, and a cluster that does not exist', async () => {
    await ecs.send(new CreateClusterCommand({ clusterName: 'apps' }));
    await expect(
      ecs.send(
        new UpdateClusterSettingsCommand({
          cluster: 'apps',
          settings: [{ name: 'containerInsights', value: 'on' }],
        }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidParameterException' });
    await expect(
      ecs.send(
        new UpdateClusterSettingsCommand({
          cluster: 'nope',
          settings: [{ name: 'containerInsights', value: 'enabled' }],
        }),
      ),
    ).rejects.toMatchObject({ name: 'ClusterNotFoundException' });
  });
});
