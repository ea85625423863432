import { DescribeServicesCommand, DescribeTasksCommand, StopTaskCommand } from '@aws-sdk/client-ecs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type OperatorHarness, startOperatorHarness } from '../support/operator-harness.ts';
import { workUntil } from '../support/work-until.ts';

const cluster = `
apiVersion: shipshape.dev/v1
kind: Cluster
metadata: {name: shop, namespace: shop}
spec: {}
`;
const migrateTask = (image: string) => `
apiVersion: shipshape.dev/v1
kind: TaskDefinition
metadata: {name: migrate, namespace: shop}
spec:
  networkMode: awsvpc
  requiresCompatibilities: [FARGATE]
  cpu: "256"
  memory: "512"
  executionRoleArn: arn:aws:iam::123456789012:role/ecsTaskExecutionRole
  containerDefinitions:
    - name: migrate
      image: "${image}"
      logConfiguration:
        logDriver: awslogs
        options: {awslogs-group: /shop/migrate, awslogs-region: us-east-1, awslogs-stream-prefix: jobs}
`;
const job = (command = 'up') => `
apiVersion: shipshape.dev/v1
kind: Job
metadata: {name: migrate, namespace: shop}
spec:
  clusterRef: shop
  taskDefinitionRef: migrate
  launchType: FARGATE
  networkConfiguration:
    awsvpcConfiguration: {subnets: [subnet-aaa], securityGroups: [sg-111]}
  overrides:
    containerOverrides:
      - {name: migrate, command: [./migrate, ${command}], environment: [{name: STEP, value: "all"}]}
`;
const apiTask = `
apiVersion: shipshape.dev/v1
kind: TaskDefinition
metadata: {name: api, namespace: shop}
spec:
  networkMode: awsvpc
  requiresCompatibilities: [FARGATE]
  cpu: "256"
  memory: "512"
  containerDefinitions:
    - {name: api, image: "api:1"}
`;
const service = `
apiVersion: shipshape.dev/v1
kind: Service
metadata:
  name: api
  namespace: shop
  annotations: {shipshape.dev/depends-on: Job/migrate}
spec:
  clusterRef: shop
  taskDefinitionRef: api
  desiredCount: 1
  launchType: FARGATE
  networkConfiguration:
    awsvpcConfiguration: {subnets: [subnet-aaa], securityGroups: [sg-111]}
`;

const JOB = 'Job/shop/migrate';
const SERVICE = 'Service/shop/api';

vi.setConfig({ testTimeout: 180_000 });

let h: OperatorHarness;
beforeEach(async () => {
  h = await startOperatorHarness();
  started = false;
});
afterEach(async () => {
  await h.close();
});

function files(image: string, command = 'up'): Record<string, string> {
  return {
    'cluster.yaml': cluster,
    'migrate-task.yaml': migrateTask(image),
    'job.yaml': job(command),
    'api-task.yaml': apiTask,
    'service.yaml': service,
  };
}

const runTasks = () => h.calls.filter((call) => call === 'ecs:RunTask').length;

async function serviceExists(): Promise<boolean> {
  const answer = await h.aws.ecs.send(new DescribeServicesCommand({ cluster: 'shop', services: ['api'] }));
  return answer.services?.some((found) => found.status === 'ACTIVE') === true;
}

let started = false;

/** Puts a revision in force: the first starts the operator, later ones are what a source change does. */
async function apply(revision: Record<string, string>): Promise<void> {
  h.revisions.set(revision);
  if (started) await h.operator.onRevision();
  else await h.converge(0);
  started = true;
}

/** Works and lets simulated time pass (two seconds a step) until `done` holds or `limitMs` has passed. */
const until = (done: () => Promise<boolean>, limitMs = 600_000): Promise<boolean> =>
  workUntil(h, done, { stepMs: 2_000, limitMs });

/** Runs `look` and waits until the Job has been reconciled again after it. */
async function lookedAtAgain(look: () => Promise<void>): Promise<void> {
  const before = h.reconciled.filter((identity) => identity === JOB).length;
  await look();
  const after = () => Promise.resolve(h.reconciled.filter((identity) => identity === JOB).length > before);
  expect(await until(after)).toBe(true);
}

const healthOf = async (identity: string) => (await h.store.getStatus(identity))?.health;

describe('Job', () => {
  it('runs its task once, and the Service that depends on it is created after it exited 0', async () => {
    await apply(files('migrate:ok'));
    expect(await until(async () => (await healthOf(SERVICE)) === 'Healthy')).toBe(true);
    const status = await h.store.getStatus(JOB);
    expect(status).toMatchObject({ sync: 'Synced', health: 'Healthy' });
    expect(runTasks()).toBe(1);
    const taskArn = status?.awsIds.taskArn ?? '';
    const described = await h.aws.ecs.send(new DescribeTasksCommand({ cluster: 'shop', tasks: [taskArn] }));
    const task = described.tasks?.[0];
    expect(task?.containers?.[0]?.exitCode).toBe(0);
    expect(task?.overrides?.containerOverrides?.[0]?.command).toEqual(['./migrate', 'up']);
    // The Service was created only after the task had stopped.
    const created = (
      await h.aws.ecs.send(new DescribeServicesCommand({ cluster: 'shop', services: ['api'] }))
    ).services?.[0]?.createdAt;
    expect(created?.getTime()).toBeGreaterThanOrEqual(task?.stoppedAt?.getTime() ?? Number.POSITIVE_INFINITY);
  });

  it('exiting 1 is Degraded with the exit code, reason and logs, blocks the Service, and a fixed image releases it', async () => {
    await h.control.action('ecs', 'image-behaviour', {
      image: 'migrate:broken',
      exitCode: 1,
      runSeconds: 20,
    });
    await apply(files('migrate:broken'));
    expect(await until(async () => (await healthOf(JOB)) === 'Degraded')).toBe(true);
    const waiting = async () =>
      (await h.store.getStatus(SERVICE))?.conditions.some((c) => c.message.includes('it failed')) === true;
    expect(await until(waiting)).toBe(true);
    const failed = await h.store.getStatus(JOB);
    const message = failed?.conditions.find((condition) => condition.type === 'Healthy')?.message ?? '';
    expect(message).toContain('exited with code 1 (container migrate)');
    expect(message).toContain('EssentialContainerExited: Essential container in task exited');
    const taskId = failed?.awsIds.taskArn?.split('/').pop() ?? '?';
    expect(message).toContain(`logs: awslogs group /shop/migrate, stream jobs/migrate/${taskId}`);
    expect(await serviceExists()).toBe(false);
    const blocked = await h.store.getStatus(SERVICE);
    expect(blocked?.sync).toBe('OutOfSync');
    const why = blocked?.conditions.find((condition) => condition.type === 'Synced');
    expect(why?.reason).toBe('Waiting');
    expect(why?.message).toContain(`${JOB}: it failed: task ${taskId} exited with code 1`);
    expect(runTasks()).toBe(1);

    await apply(files('migrate:fixed'));
    expect(await until(serviceExists)).toBe(true);
    expect(await h.store.getStatus(JOB)).toMatchObject({ sync: 'Synced', health: 'Healthy' });
    expect(runTasks()).toBe(2);
  });

  it('is not run again by a resync, a drift scan or ECS forgetting its task; a new task definition runs it again', async () => {
    await apply(files('migrate:ok'));
    expect(await until(async () => (await healthOf(SERVICE)) === 'Healthy')).toBe(true);
    expect(runTasks()).toBe(1);
    const taskArn = (await h.store.getStatus(JOB))?.awsIds.taskArn ?? '';
    await lookedAtAgain(() => h.operator.resync({ spread: false }));
    expect(runTasks()).toBe(1);
    await lookedAtAgain(async () => {
      await h.operator.scan();
      h.operator.lookNow(JOB);
    });
    expect(runTasks()).toBe(1);
    // Past ECS's hour for stopped tasks: the Job's status remembers its run.
    await h.wait(61 * 60 * 1000);
    const gone = await h.aws.ecs.send(new DescribeTasksCommand({ cluster: 'shop', tasks: [taskArn] }));
    expect(gone.failures?.[0]?.reason).toBe('MISSING');
    await lookedAtAgain(() => h.operator.resync({ spread: false }));
    expect(runTasks()).toBe(1);
    expect(await h.store.getStatus(JOB)).toMatchObject({ sync: 'Synced', health: 'Healthy' });

    await apply(files('migrate:v2'));
    const ranAgain = async () => {
      const status = await h.store.getStatus(JOB);
      return status?.sync === 'Synced' && status.health === 'Healthy' && status.awsIds.taskArn !== taskArn;
    };
    expect(await until(ranAgain)).toBe(true);
    expect(runTasks()).toBe(2);
    const rerun = (await h.store.getStatus(JOB))?.awsIds.taskArn ?? '';
    const described = await h.aws.ecs.send(new DescribeTasksCommand({ cluster: 'shop', tasks: [rerun] }));
    expect(described.tasks?.[0]?.taskDefinitionArn).toMatch(/task-definition\/migrate:2$/);
  });

  it('a task stopped before it exited is Degraded with its stop code and reason, and blocks the Service', async () => {
    await h.control.action('ecs', 'image-behaviour', { image: 'migrate:slow', runSeconds: 3600 });
    await apply(files('migrate:slow'));
    const running = async () => (await h.store.getStatus(JOB))?.awsIds.jobOutcome === 'Running';
    expect(await until(running)).toBe(true);
    const taskArn = (await h.store.getStatus(JOB))?.awsIds.taskArn ?? '';
    await h.aws.ecs.send(
      new StopTaskCommand({ cluster: 'shop', task: taskArn, reason: 'stopped by an operator' }),
    );
    expect(await until(async () => (await healthOf(JOB)) === 'Degraded')).toBe(true);
    const message =
      (await h.store.getStatus(JOB))?.conditions.find((condition) => condition.type === 'Healthy')?.message ??
      '';
    expect(message).toContain('UserInitiated: stopped by an operator');
    const why = async () =>
      (await h.store.getStatus(SERVICE))?.conditions.find((condition) => condition.type === 'Synced')
        ?.message ?? '';
    expect(await until(async () => (await why()).includes(`${JOB}: it failed`))).toBe(true);
    expect(await serviceExists()).toBe(false);
    expect(runTasks()).toBe(1);
  });

  it('a change of its own spec runs it again; removing it stops a running task and forgets it', async () => {
    // Removing one resource of three is a large share: the prune guard is not what is tested here.
    await h.close();
    h = await startOperatorHarness({ pruneShare: 1 });
    await h.control.action('ecs', 'image-behaviour', { image: 'migrate:slow', runSeconds: 3600 });
    await apply({
      'cluster.yaml': cluster,
      'migrate-task.yaml': migrateTask('migrate:slow'),
      'job.yaml': job(),
    });
    const running = async () => (await h.store.getStatus(JOB))?.awsIds.jobOutcome === 'Running';
    expect(await until(running)).toBe(true);
    expect(await healthOf(JOB)).toBe('Progressing');
    const first = (await h.store.getStatus(JOB))?.awsIds.taskArn ?? '';
    await apply({
      'cluster.yaml': cluster,
      'migrate-task.yaml': migrateTask('migrate:slow'),
      'job.yaml': job('down'),
    });
    const taskOfStatus = async () => (await h.store.getStatus(JOB))?.awsIds.taskArn ?? first;
    expect(await until(async () => (await taskOfStatus()) !== first && (await running()))).toBe(true);
    expect(runTasks()).toBe(2);
    const second = await taskOfStatus();
    const superseded = await h.aws.ecs.send(new DescribeTasksCommand({ cluster: 'shop', tasks: [first] }));
    expect(superseded.tasks?.[0]?.stoppedReason).toBe(`superseded by a new run of ${JOB}`);
    await apply({ 'cluster.yaml': cluster, 'migrate-task.yaml': migrateTask('migrate:slow') });
    const forgotten = await until(async () => (await h.store.getStatus(JOB)) === undefined);
    expect(forgotten).toBe(true);
    const described = await h.aws.ecs.send(new DescribeTasksCommand({ cluster: 'shop', tasks: [second] }));
    expect(described.tasks?.[0]?.desiredStatus).toBe('STOPPED');
    expect(described.tasks?.[0]?.stopCode).toBe('UserInitiated');
    expect(described.tasks?.[0]?.stoppedReason).toBe(`its Job manifest ${JOB} was removed`);
  });
});
