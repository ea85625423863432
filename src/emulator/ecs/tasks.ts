import type { JsonObject } from '../core/json.ts';
import type { JsonOperation } from '../protocols/json.ts';
import { nameOf, taskArn } from './arns.ts';
import { invalidParameter, serviceNotFound } from './errors.ts';
import { activeCluster, maxResults, reader, stateOf } from './input.ts';
import { page } from './paging.ts';
import { compact, renderTags, wantsInclude } from './render.ts';
import { renderAnyTask, runTaskOperations } from './run-task.ts';
import { RUN_TASK_STATE } from './run-task-state.ts';
import { RUN_TASK_VOLUMES } from './run-task-volumes.ts';
import { type Cluster, type EcsState, type Task, wakeService } from './state.ts';
import { stopTask } from './task-life.ts';

/** A task of `cluster` by id or ARN. */
export function findTask(state: EcsState, cluster: Cluster, reference: string): Task | undefined {
  const task = state.tasks.get(nameOf(reference));
  return task?.clusterName === cluster.name ? task : undefined;
}

const listTasks: JsonOperation = (raw, context) => {
  const input = reader(raw);
  const state = stateOf(context);
  const cluster = activeCluster(state, input.string('cluster'));
  const desiredStatus =
    input.string('desiredStatus', { oneOf: ['RUNNING', 'PENDING', 'STOPPED'] }) ?? 'RUNNING';
  const family = input.string('family');
  const startedBy = input.string('startedBy');
  const launchType = input.string('launchType');
  const serviceName = input.string('serviceName');
  const limit = maxResults(input, 100);
  let ids: Iterable<string> = cluster.taskIds;
  if (serviceName !== undefined) {
    const service = cluster.services.get(nameOf(serviceName));
    if (service === undefined || service.status === 'INACTIVE') throw serviceNotFound();
    if (desiredStatus === 'RUNNING') ids = service.liveTaskIds;
  }
  const arns: string[] = [];
  for (const id of ids) {
    const task = state.tasks.get(id);
    if (task === undefined || task.desiredStatus !== desiredStatus) continue;
    if (serviceName !== undefined && task.serviceName !== nameOf(serviceName)) continue;
    if (family !== undefined && task.family !== family) continue;
    if (startedBy !== undefined && task.startedBy !== startedBy) continue;
    if (launchType !== undefined && task.launchType !== launchType) continue;
    arns.push(task.arn);
  }
  const result = page(arns, input.string('nextToken'), limit);
  return compact({ taskArns: result.items, nextToken: result.nextToken });
};

const describeTasks: JsonOperation = (raw, context) => {
  const input = reader(raw);
  const state = stateOf(context);
  const references = input.stringArray('tasks') ?? [];
  if (references.length === 0) throw invalidParameter('Tasks cannot be empty.');
  if (references.length > 100) throw invalidParameter('Too many tasks were specified; the maximum is 100.');
  const cluster = activeCluster(state, input.string('cluster'));
  const withTags = wantsInclude(input.stringArray('include'), 'TAGS');
  const tasks: JsonObject[] = [];
  const failures: JsonObject[] = [];
  for (const reference of references) {
    const task = findTask(state, cluster, reference);
    if (task === undefined) {
      const arn = reference.startsWith('arn:')
        ? reference
        : taskArn(context.region, context.accountId, cluster.name, reference);
      failures.push({ arn, reason: 'MISSING' });
    } else {
      // AWS's published answers carry `tags: []` even without include TAGS (see the fidelity cases).
      const rendered = renderAnyTask(
        context.world.get(RUN_TASK_STATE),
        task,
        cluster.arn,
        withTags,
        context.world.get(RUN_TASK_VOLUMES).get(task.id),
      );
      tasks.push({ ...rendered, tags: withTags ? renderTags(task.tags) : [] });
    }
  }
  return { tasks, failures };
};

const stopTaskOperation: JsonOperation = (raw, context) => {
  const input = reader(raw);
  const state = stateOf(context);
  const cluster = activeCluster(state, input.string('cluster'));
  const task = findTask(state, cluster, input.requiredString('task'));
  if (task === undefined) throw invalidParameter('The referenced task was not found.');
  const reason = input.string('reason', { max: 1024 }) ?? 'Task stopped by user';
  stopTask(context.world, task, { stopCode: 'UserInitiated', reason, failure: false }, context.now());
  const service = task.serviceName === undefined ? undefined : cluster.services.get(task.serviceName);
  if (service !== undefined) wakeService(state, service, context.now());
  const volumes = context.world.get(RUN_TASK_VOLUMES).get(task.id);
  return { task: renderAnyTask(context.world.get(RUN_TASK_STATE), task, cluster.arn, false, volumes) };
};

export const taskOperations: Record<string, JsonOperation> = {
  ListTasks: listTasks,
  DescribeTasks: describeTasks,
  StopTask: stopTaskOperation,
  ...runTaskOperations,
};
