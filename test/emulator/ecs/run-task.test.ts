import {
  CreateClusterCommand,
  DescribeTasksCommand,
  type ECSClient,
  ListTasksCommand,
  RegisterTaskDefinitionCommand,
  RunTaskCommand,
  StopTaskCommand,
  type Task,
} from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EmulatorControl } from '../../../src/emulator/control-client.ts';
import { type RunningEmulator, startEmulator } from '../../../src/emulator/server.ts';
import { advanceUntil, ecsClient, SUBNETS } from './fixtures.ts';

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
  await ecs.send(new CreateClusterCommand({ clusterName: 'jobs' }));
});

const NETWORK = { awsvpcConfiguration: { subnets: SUBNETS } };

/** A Fargate task definition with one essential container `migrate` (and a sidecar when asked). */
async function registerMigrate(image: string, sidecar = false): Promise<string> {
  const answer = await ecs.send(
    new RegisterTaskDefinitionCommand({
      family: 'migrate',
      networkMode: 'awsvpc',
      requiresCompatibilities: ['FARGATE'],
      cpu: '256',
      memory: '512',
      containerDefinitions: [
        { name: 'migrate', image, command: ['./migrate', 'up'] },
        ...(sidecar ? [{ name: 'agent', image: 'agent:1', essential: false }] : []),
      ],
      tags: [{ key: 'team', value: 'db' }],
    }),
  );
  return answer.taskDefinition?.taskDefinitionArn ?? '';
}

async function describeOne(arn: string): Promise<Task> {
  const answer = await ecs.send(
    new DescribeTasksCommand({ cluster: 'jobs', tasks: [arn], include: ['TAGS'] }),
  );
  const task = answer.tasks?.[0];
  if (task === undefined) throw new Error(`no task ${arn}`);
  return task;
}

async function untilStopped(arn: string): Promise<Task> {
  let last: Task | undefined;
  const stopped = await advanceUntil(
    control,
    async () => {
      last = await describeOne(arn);
      return last.lastStatus === 'STOPPED';
    },
    300_000,
    1_000,
  );
  if (!stopped || last === undefined) throw new Error(`task ${arn} never stopped`);
  return last;
}

async function run(image: string): Promise<string> {
  await registerMigrate(image);
  const answer = await ecs.send(
    new RunTaskCommand({
      cluster: 'jobs',
      taskDefinition: 'migrate',
      launchType: 'FARGATE',
      networkConfiguration: NETWORK,
    }),
  );
  return answer.tasks?.[0]?.taskArn ?? '';
}

describe('RunTask', () => {
  it('answers the tasks it started, with overrides, tags, startedBy and group', async () => {
    const arn = await registerMigrate('migrate:1');
    const answer = await ecs.send(
      new RunTaskCommand({
        cluster: 'jobs',
        taskDefinition: arn,
        count: 2,
        launchType: 'FARGATE',
        networkConfiguration: NETWORK,
        startedBy: 'shipshape',
        overrides: {
          containerOverrides: [
            { name: 'migrate', command: ['./migrate', 'down'], environment: [{ name: 'STEP', value: '1' }] },
          ],
        },
        tags: [{ key: 'run', value: 'one' }],
        propagateTags: 'TASK_DEFINITION',
      }),
    );
    expect(answer.failures).toEqual([]);
    expect(answer.tasks).toHaveLength(2);
    const task = answer.tasks?.[0];
    expect(task?.lastStatus).toBe('PROVISIONING');
    expect(task?.desiredStatus).toBe('RUNNING');
    expect(task?.launchType).toBe('FARGATE');
    expect(task?.startedBy).toBe('shipshape');
    expect(task?.group).toBe('family:migrate');
    expect(task?.taskDefinitionArn).toBe(arn);
    expect(task?.overrides?.containerOverrides).toEqual([
      { name: 'migrate', command: ['./migrate', 'down'], environment: [{ name: 'STEP', value: '1' }] },
    ]);
    expect(task?.tags).toEqual(
      expect.arrayContaining([
        { key: 'run', value: 'one' },
        { key: 'team', value: 'db' },
      ]),
    );
    const listed = await ecs.send(new ListTasksCommand({ cluster: 'jobs', startedBy: 'shipshape' }));
    expect(listed.taskArns).toHaveLength(2);
    const described = await describeOne(task?.taskArn ?? '');
    expect(described.overrides?.containerOverrides?.[0]?.command).toEqual(['./migrate', 'down']);
  });

  it('runs a task on the clock and stops it with exit code 0 by default', async () => {
    const arn = await run('migrate:ok');
    const stopped = await untilStopped(arn);
    expect(stopped.stopCode).toBe('EssentialContainerExited');
    expect(stopped.stoppedReason).toBe('Essential container in task exited');
    expect(stopped.containers?.[0]?.exitCode).toBe(0);
    expect(stopped.startedAt).toBeDefined();
    expect(stopped.stoppedAt).toBeDefined();
  });

  it('exits with the code and after the run set for its image through the control endpoint', async () => {
    await control.action('ecs', 'image-behaviour', { image: 'migrate:bad', exitCode: 3, runSeconds: 120 });
    const arn = await run('migrate:bad');
    let running: Task | undefined;
    await advanceUntil(
      control,
      async () => {
        running = await describeOne(arn);
        return running.lastStatus === 'RUNNING';
      },
      60_000,
      1_000,
    );
    expect(running?.lastStatus).toBe('RUNNING');
    const startedAt = running?.startedAt?.getTime() ?? 0;
    const stopped = await untilStopped(arn);
    expect(stopped.containers?.[0]?.exitCode).toBe(3);
    expect(stopped.stopCode).toBe('EssentialContainerExited');
    expect((stopped.stoppingAt?.getTime() ?? 0) - startedAt).toBe(120_000);
  });

  it('stops a running task by StopTask (UserInitiated) and lists it as STOPPED', async () => {
    await control.action('ecs', 'image-behaviour', { image: 'migrate:long', runSeconds: 3600 });
    const arn = await run('migrate:long');
    await ecs.send(new StopTaskCommand({ cluster: 'jobs', task: arn, reason: 'no longer wanted' }));
    const stopped = await untilStopped(arn);
    expect(stopped.stopCode).toBe('UserInitiated');
    expect(stopped.stoppedReason).toBe('no longer wanted');
    const listed = await ecs.send(new ListTasksCommand({ cluster: 'jobs', desiredStatus: 'STOPPED' }));
    expect(listed.taskArns).toEqual([arn]);
  });

  it('answers AWS errors for a missing definition, a missing network configuration and both placements', async () => {
    await registerMigrate('migrate:1');
    await expect(
      ecs.send(new RunTaskCommand({ cluster: 'jobs', taskDefinition: 'nope', launchType: 'FARGATE' })),
    ).rejects.toMatchObject({ name: 'ClientException', message: 'TaskDefinition not found.' });
    await expect(
      ecs.send(new RunTaskCommand({ cluster: 'jobs', taskDefinition: 'migrate', launchType: 'FARGATE' })),
    ).rejects.toMatchObject({ name: 'InvalidParameterException' });
    await expect(
      ecs.send(
        new RunTaskCommand({
          cluster: 'jobs',
          taskDefinition: 'migrate',
          launchType: 'FARGATE',
          capacityProviderStrategy: [{ capacityProvider: 'FARGATE', weight: 1 }],
          networkConfiguration: NETWORK,
        }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidParameterException' });
    await expect(
      ecs.send(
        new RunTaskCommand({
          cluster: 'jobs',
          taskDefinition: 'migrate',
          launchType: 'FARGATE',
          networkConfiguration: NETWORK,
          overrides: { containerOverrides: [{ name: 'other' }] },
        }),
      ),
    ).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: 'Override for container named other is not a container in the TaskDefinition.',
    });
  });

  it('places on a Fargate capacity provider strategy', async () => {
    await registerMigrate('migrate:1');
    const answer = await ecs.send(
      new RunTaskCommand({
        cluster: 'jobs',
        taskDefinition: 'migrate',
        capacityProviderStrategy: [{ capacityProvider: 'FARGATE_SPOT', weight: 1 }],
        networkConfiguration: NETWORK,
      }),
    );
    expect(answer.tasks?.[0]?.capacityProviderName).toBe('FARGATE_SPOT');
    expect(answer.tasks?.[0]?.launchType).toBe('FARGATE');
  });
});
