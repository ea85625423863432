import {
  DescribeTaskDefinitionCommand,
  DescribeTasksCommand,
  ListTasksCommand,
  type Task,
} from '@aws-sdk/client-ecs';
import { chunks, paged } from '../batch.ts';
import { fromLowerTagList } from '../tags.ts';
import type { HealthReport, ObservedResource, ProviderContext } from '../types.ts';
import { JOB_RUN_TAG, JOB_STARTED_BY } from './job-run.ts';

/** DescribeTasks takes up to 100 tasks a call. */
const DESCRIBE_BATCH = 100;

/** What a Job's delete and update need of the task they found. */
export interface JobTaskDetail {
  readonly cluster: string;
  readonly taskArn: string;
  readonly running: boolean;
}

/** Job tasks of one cluster (ListTasks by startedBy, then DescribeTasks with tags); `stopped` adds the stopped ones. */
export async function jobTasks(cluster: string, stopped: boolean, context: ProviderContext): Promise<Task[]> {
  const statuses = stopped ? (['RUNNING', 'STOPPED'] as const) : (['RUNNING'] as const);
  const arns: string[] = [];
  for (const desiredStatus of statuses) {
    arns.push(
      ...(await paged(async (nextToken) => {
        const page = await context.aws.ecs.send(
          new ListTasksCommand({
            cluster,
            startedBy: JOB_STARTED_BY,
            desiredStatus,
            maxResults: 100,
            nextToken,
          }),
        );
        return { items: page.taskArns ?? [], next: page.nextToken };
      })),
    );
  }
  const tasks: Task[] = [];
  for (const batch of chunks(arns, DESCRIBE_BATCH)) {
    const answer = await context.aws.ecs.send(
      new DescribeTasksCommand({ cluster, tasks: batch, include: ['TAGS'] }),
    );
    tasks.push(...(answer.tasks ?? []));
  }
  return tasks;
}

/** Where a container's logs go, from its task definition's awslogs configuration; undefined without one. */
async function logsOf(task: Task, container: string, context: ProviderContext): Promise<string | undefined> {
  const arn = task.taskDefinitionArn;
  if (arn === undefined) return undefined;
  const read = async () =>
    (await context.aws.ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: arn }))).taskDefinition;
  const definition = await (context.memo === undefined ? read() : context.memo.once(`ecs:td:${arn}`, read));
  const config = definition?.containerDefinitions?.find((each) => each.name === container)?.logConfiguration;
  if (config?.logDriver !== 'awslogs') return undefined;
  const group = config.options?.['awslogs-group'];
  if (group === undefined) return undefined;
  const prefix = config.options?.['awslogs-stream-prefix'];
  const taskId = task.taskArn?.split('/').pop() ?? '';
  return prefix === undefined
    ? `awslogs group ${group}`
    : `awslogs group ${group}, stream ${prefix}/${container}/${taskId}`;
}

/** Running, or how it ended: exit 0 of every container that exited is success; anything else is a failure. */
async function healthOf(task: Task, context: ProviderContext): Promise<HealthReport> {
  const id = task.taskArn?.split('/').pop() ?? '';
  if (task.lastStatus !== 'STOPPED') {
    const stopping = task.desiredStatus === 'STOPPED' ? ', stopping' : '';
    return { health: 'Progressing', message: `task ${id} is ${task.lastStatus ?? 'PENDING'}${stopping}` };
  }
  const containers = task.containers ?? [];
  const failed = containers.find((container) => container.exitCode !== undefined && container.exitCode !== 0);
  const exited = containers.filter((container) => container.exitCode !== undefined);
  const ended = `${task.stopCode ?? 'stopped'}: ${task.stoppedReason ?? 'no reason given'}`;
  if (failed === undefined && exited.length > 0 && task.stopCode === 'EssentialContainerExited') {
    return { health: 'Healthy', message: `task ${id} exited 0` };
  }
  const culprit = failed ?? containers[0];
  const logs = culprit?.name === undefined ? undefined : await logsOf(task, culprit.name, context);
  const code =
    failed === undefined
      ? `task ${id} stopped without a failing exit code`
      : `task ${id} exited with code ${failed.exitCode} (container ${failed.name})`;
  return { health: 'Degraded', message: `${code}; ${ended}${logs === undefined ? '' : `; logs: ${logs}`}` };
}

/** A Job's live side: its latest task, with the run it belongs to. */
export async function observedJob(
  task: Task,
  identity: string,
  context: ProviderContext,
): Promise<ObservedResource> {
  const tags = fromLowerTagList(task.tags);
  const cluster = task.clusterArn?.split('/').pop() ?? '';
  const taskArn = task.taskArn ?? '';
  const detail: JobTaskDetail = { cluster, taskArn, running: task.desiredStatus !== 'STOPPED' };
  return {
    identity,
    ids: { taskArn, cluster },
    owned: true,
    state: { run: tags[JOB_RUN_TAG] ?? '' },
    health: await healthOf(task, context),
    detail,
  };
}

export function isJobTaskDetail(value: unknown): value is JobTaskDetail {
  return (
    typeof value === 'object' &&
    value !== null &&
    'taskArn' in value &&
    typeof value.taskArn === 'string' &&
    'cluster' in value &&
    typeof value.cluster === 'string' &&
    'running' in value &&
    typeof value.running === 'boolean'
  );
}
