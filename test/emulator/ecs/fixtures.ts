import {
  CreateClusterCommand,
  CreateServiceCommand,
  type CreateServiceCommandInput,
  DescribeServicesCommand,
  DescribeTasksCommand,
  ECSClient,
  ListTasksCommand,
  RegisterTaskDefinitionCommand,
  type Service,
  type Task,
} from '@aws-sdk/client-ecs';
import type { EmulatorControl } from '../../../src/emulator/control-client.ts';

export function ecsClient(endpoint: string, region = 'us-east-1'): ECSClient {
  return new ECSClient({
    endpoint,
    region,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  });
}

export const SUBNETS = ['subnet-0a000001', 'subnet-0b000002'];

/** Registers a Fargate task definition whose container `web` listens on 8080; returns its ARN. */
export async function registerWeb(ecs: ECSClient, family: string, image: string): Promise<string> {
  const answer = await ecs.send(
    new RegisterTaskDefinitionCommand({
      family,
      networkMode: 'awsvpc',
      requiresCompatibilities: ['FARGATE'],
      cpu: '256',
      memory: '512',
      containerDefinitions: [{ name: 'web', image, portMappings: [{ containerPort: 8080 }] }],
    }),
  );
  return answer.taskDefinition?.taskDefinitionArn ?? '';
}

export async function createFargateService(
  ecs: ECSClient,
  input: Partial<CreateServiceCommandInput> & { serviceName: string; taskDefinition: string },
): Promise<Service> {
  await ecs.send(new CreateClusterCommand({ clusterName: input.cluster ?? 'apps' }));
  const answer = await ecs.send(
    new CreateServiceCommand({
      cluster: 'apps',
      desiredCount: 2,
      launchType: 'FARGATE',
      networkConfiguration: { awsvpcConfiguration: { subnets: SUBNETS } },
      ...input,
    }),
  );
  if (answer.service === undefined) throw new Error('CreateService answered no service');
  return answer.service;
}

export async function describeService(ecs: ECSClient, name: string, cluster = 'apps'): Promise<Service> {
  const answer = await ecs.send(new DescribeServicesCommand({ cluster, services: [name] }));
  const service = answer.services?.[0];
  if (service === undefined) throw new Error(`no service ${name}`);
  return service;
}

export async function tasksOf(
  ecs: ECSClient,
  serviceName: string | undefined,
  desiredStatus: 'RUNNING' | 'STOPPED',
  cluster = 'apps',
): Promise<Task[]> {
  const list = await ecs.send(
    new ListTasksCommand({ cluster, desiredStatus, ...(serviceName === undefined ? {} : { serviceName }) }),
  );
  const arns = list.taskArns ?? [];
  if (arns.length === 0) return [];
  const described = await ecs.send(new DescribeTasksCommand({ cluster, tasks: arns }));
  return described.tasks ?? [];
}

/** Moves the clock `totalMs` forward in steps, so that each service sees the others' changes. */
export async function advance(control: EmulatorControl, totalMs: number, stepMs = 5_000): Promise<void> {
  for (let moved = 0; moved < totalMs; moved += stepMs)
    await control.advance(Math.min(stepMs, totalMs - moved));
}

/** Advances until `done` holds (checked after each step), at most `limitMs`; returns whether it held. */
export async function advanceUntil(
  control: EmulatorControl,
  done: () => Promise<boolean>,
  limitMs = 600_000,
  stepMs = 5_000,
): Promise<boolean> {
  for (let moved = 0; moved <= limitMs; moved += stepMs) {
    if (await done()) return true;
    await control.advance(stepMs);
  }
  return false;
}
