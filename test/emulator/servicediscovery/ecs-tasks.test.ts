import {
  CreateClusterCommand,
  CreateServiceCommand,
  ECSClient,
  RegisterTaskDefinitionCommand,
} from '@aws-sdk/client-ecs';
import {
  CreateServiceCommand as CreateDiscoveryServiceCommand,
  CreateHttpNamespaceCommand,
  GetOperationCommand,
  ListInstancesCommand,
  ServiceDiscoveryClient,
} from '@aws-sdk/client-servicediscovery';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmulatorControl } from '../../../src/emulator/control-client.ts';
import { type RunningEmulator, startEmulator } from '../../../src/emulator/server.ts';

let running: RunningEmulator;
let control: EmulatorControl;
let ecs: ECSClient;
let cloudMap: ServiceDiscoveryClient;

beforeAll(async () => {
  running = await startEmulator();
  control = new EmulatorControl(running.endpoint);
  const config = {
    endpoint: running.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  };
  ecs = new ECSClient(config);
  cloudMap = new ServiceDiscoveryClient(config);
});
afterAll(async () => {
  ecs.destroy();
  cloudMap.destroy();
  await running.close();
});

describe('Cloud Map instances of ECS tasks', () => {
  it('lists the running tasks of a service with serviceRegistries as instances', async () => {
    const namespace = await cloudMap.send(new CreateHttpNamespaceCommand({ Name: 'apps' }));
    await control.advance(10_000);
    const operation = await cloudMap.send(new GetOperationCommand({ OperationId: namespace.OperationId }));
    const { Service: registry } = await cloudMap.send(
      new CreateDiscoveryServiceCommand({
        Name: 'web',
        NamespaceId: operation.Operation?.Targets?.NAMESPACE,
      }),
    );

    await ecs.send(new CreateClusterCommand({ clusterName: 'apps' }));
    await ecs.send(
      new RegisterTaskDefinitionCommand({
        family: 'web',
        networkMode: 'awsvpc',
        requiresCompatibilities: ['FARGATE'],
        cpu: '256',
        memory: '512',
        containerDefinitions: [{ name: 'web', image: 'nginx:1', essential: true }],
      }),
    );
    await ecs.send(
      new CreateServiceCommand({
        cluster: 'apps',
        serviceName: 'web',
        taskDefinition: 'web',
        desiredCount: 2,
        launchType: 'FARGATE',
        networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-0123456789abcdef0'] } },
        serviceRegistries: [{ registryArn: registry?.Arn }],
      }),
    );
    await control.advance(120_000);

    const listed = await cloudMap.send(new ListInstancesCommand({ ServiceId: registry?.Id }));
    expect(listed.Instances).toHaveLength(2);
    for (const instance of listed.Instances ?? []) {
      expect(instance.Attributes).toMatchObject({
        ECS_CLUSTER_NAME: 'apps',
        ECS_SERVICE_NAME: 'web',
        AWS_INSTANCE_IPV4: expect.stringMatching(/^\d+\.\d+\.\d+\.\d+$/),
      });
    }
  });
});
