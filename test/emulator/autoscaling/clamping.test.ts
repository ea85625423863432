import {
  ApplicationAutoScalingClient,
  RegisterScalableTargetCommand,
} from '@aws-sdk/client-application-auto-scaling';
import {
  CreateClusterCommand,
  CreateServiceCommand,
  DescribeServicesCommand,
  ECSClient,
  RegisterTaskDefinitionCommand,
} from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EmulatorControl } from '../../../src/emulator/control-client.ts';
import { type RunningEmulator, startEmulator } from '../../../src/emulator/server.ts';

let running: RunningEmulator;
let control: EmulatorControl;
let ecs: ECSClient;
let autoscaling: ApplicationAutoScalingClient;

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
  autoscaling = new ApplicationAutoScalingClient(config);
});
afterAll(async () => {
  ecs.destroy();
  autoscaling.destroy();
  await running.close();
});
beforeEach(async () => {
  await control.reset();
});

async function service(desiredCount: number): Promise<void> {
  await ecs.send(new CreateClusterCommand({ clusterName: 'scaling' }));
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
      cluster: 'scaling',
      serviceName: 'web',
      taskDefinition: 'web',
      desiredCount,
      launchType: 'FARGATE',
      networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-0123456789abcdef0'] } },
    }),
  );
}

async function desiredCount(): Promise<number | undefined> {
  const answer = await ecs.send(new DescribeServicesCommand({ cluster: 'scaling', services: ['web'] }));
  return answer.services?.[0]?.desiredCount;
}

function register(min: number, max: number) {
  return new RegisterScalableTargetCommand({
    ServiceNamespace: 'ecs',
    ResourceId: 'service/scaling/web',
    ScalableDimension: 'ecs:service:DesiredCount',
    MinCapacity: min,
    MaxCapacity: max,
  });
}

describe('Application Auto Scaling and ECS', () => {
  it('raises a desiredCount below MinCapacity to it, with a service event', async () => {
    await service(1);
    await autoscaling.send(register(3, 10));
    expect(await desiredCount()).toBe(3);
    const answer = await ecs.send(new DescribeServicesCommand({ cluster: 'scaling', services: ['web'] }));
    expect(answer.services?.[0]?.events?.map((event) => event.message)).toContainEqual(
      expect.stringContaining('Application Auto Scaling'),
    );
  });

  it('lowers a desiredCount above MaxCapacity when the target is updated', async () => {
    await service(5);
    await autoscaling.send(register(1, 10));
    expect(await desiredCount()).toBe(5);
    await autoscaling.send(register(1, 2));
    expect(await desiredCount()).toBe(2);
  });

  it('refuses a service that does not exist with ValidationException', async () => {
    await expect(autoscaling.send(register(1, 2))).rejects.toMatchObject({
      name: 'ValidationException',
      message: expect.stringContaining("ECS service doesn't exist"),
    });
  });
});
