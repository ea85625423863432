import { isJsonObject, type JsonObject, type JsonValue } from '../core/json.ts';
import type { TickContext } from '../core/service.ts';
import type { JsonOperation } from '../protocols/json.ts';
import { clientException, invalidParameter } from './errors.ts';
import { activeCluster, reader, stateOf } from './input.ts';
import { renderTags } from './render.ts';
import { RUN_TASK_STATE, type RunTaskState } from './run-task-state.ts';
import {
  RUN_TASK_VOLUMES,
  readTaskVolumes,
  renderVolumes,
  type TaskVolume,
  volumesFor,
} from './run-task-volumes.ts';
import { type Cluster, ECS_STATE, type Tag, type Task, type TaskDefinition } from './state.ts';
import { readTags } from './tags.ts';
import { findTaskDefinition } from './task-definitions.ts';
import { launchStandaloneTask } from './task-launch.ts';
import { advanceTask } from './task-life.ts';
import { renderTask } from './task-view.ts';

const FARGATE_PROVIDERS = new Set(['FARGATE', 'FARGATE_SPOT']);

/** Where a one-off task runs: a launch type, or the capacity provider a strategy picks. */
interface Placement {
  readonly launchType: string;
  readonly capacityProviderName: string | undefined;
}

function placementOf(
  cluster: Cluster,
  launchType: string | undefined,
  strategy: JsonValue[] | undefined,
): Placement {
  if (launchType !== undefined && strategy !== undefined && strategy.length > 0) {
    throw invalidParameter(
      'Specifying both a launch type and capacity provider strategy is not supported. Remove one and try again.',
    );
  }
  const chosen = launchType === undefined ? (strategy ?? cluster.defaultCapacityProviderStrategy) : [];
  const first = chosen.find((item) => isJsonObject(item) && (item.base !== 0 || item.weight !== 0));
  if (launchType === undefined && isJsonObject(first) && typeof first.capacityProvider === 'string') {
    const name = first.capacityProvider;
    if (!FARGATE_PROVIDERS.has(name))
      throw invalidParameter('No Container Instances were found in your cluster.');
    return { launchType: 'FARGATE', capacityProviderName: name };
  }
  // Without a launch type or a default strategy, ECS places on EC2 container instances; the emulator has none.
  const type = launchType ?? 'EC2';
  if (type !== 'FARGATE') throw invalidParameter('No Container Instances were found in your cluster.');
  return { launchType: type, capacityProviderName: undefined };
}

function containerNames(definition: TaskDefinition): string[] {
  const list = definition.body.containerDefinitions;
  return (Array.isArray(list) ? list : []).filter(isJsonObject).map((container) => String(container.name));
}

function checkOverrides(overrides: JsonObject, definition: TaskDefinition): void {
  const names = new Set(containerNames(definition));
  const list = overrides.containerOverrides;
  if (list === undefined) return;
  if (!Array.isArray(list)) throw invalidParameter('containerOverrides must be a list');
  for (const item of list) {
    if (!isJsonObject(item) || typeof item.name !== 'string' || !names.has(item.name)) {
      const name = isJsonObject(item) ? String(item.name) : '';
      throw invalidParameter(
        `Override for container named ${name} is not a container in the TaskDefinition.`,
      );
    }
  }
}

function checkNetwork(definition: TaskDefinition, networkConfiguration: JsonObject | undefined): void {
  if (definition.body.networkMode !== 'awsvpc') return;
  const vpc = networkConfiguration?.awsvpcConfiguration;
  if (!isJsonObject(vpc)) {
    throw invalidParameter("Network Configuration must be provided when networkMode 'awsvpc' is specified.");
  }
  if (!Array.isArray(vpc.subnets) || vpc.subnets.length === 0)
    throw invalidParameter('subnets can not be empty.');
}

/**
 * RunTask: `count` one-off tasks of a task definition, belonging to no service; each runs until
 * its first essential container exits, with the exit code set for its image (exit 0 by default).
 */
const runTask: JsonOperation = (raw, context) => {
  const input = reader(raw);
  const state = stateOf(context);
  const cluster = activeCluster(state, input.string('cluster'));
  const reference = input.requiredString('taskDefinition');
  const definition = findTaskDefinition(state, reference);
  if (definition === undefined) throw clientException('TaskDefinition not found.');
  if (definition.body.status !== 'ACTIVE') throw clientException('TaskDefinition is inactive');
  const count = input.number('count', { min: 1, max: 10 }) ?? 1;
  if (!Number.isInteger(count)) throw invalidParameter('count must be an integer');
  const placement = placementOf(cluster, input.string('launchType'), input.array('capacityProviderStrategy'));
  const compatibilities = definition.body.compatibilities;
  if (!Array.isArray(compatibilities) || !compatibilities.includes(placement.launchType)) {
    throw invalidParameter(`Task definition does not support launch_type ${placement.launchType}.`);
  }
  const networkConfiguration = input.object('networkConfiguration');
  checkNetwork(definition, networkConfiguration);
  const overrides = input.object('overrides') ?? {};
  checkOverrides(overrides, definition);
  const volumeConfigurations = readTaskVolumes(input.array('volumeConfigurations'), definition);
  const startedBy = input.string('startedBy', { max: 128 });
  const tags: Tag[] = readTags(input.array('tags'));
  if (
    input.string('propagateTags', { oneOf: ['TASK_DEFINITION', 'SERVICE', 'NONE'] }) === 'TASK_DEFINITION'
  ) {
    tags.push(...definition.tags.filter((tag) => !tags.some((own) => own.key === tag.key)));
  }
  const runs = context.world.get(RUN_TASK_STATE);
  const volumes = context.world.get(RUN_TASK_VOLUMES);
  const tasks: JsonObject[] = [];
  for (let n = 0; n < count; n += 1) {
    const task = launchStandaloneTask(
      state,
      cluster,
      definition,
      {
        startedBy,
        group: input.string('group', { max: 255 }) ?? `family:${definition.family}`,
        launchType: placement.launchType,
        platformVersion: input.string('platformVersion') ?? 'LATEST',
        networkConfiguration,
        tags: [...tags],
      },
      context.now(),
    );
    runs.tasks.set(task.id, { overrides, capacityProviderName: placement.capacityProviderName });
    runs.live.add(task.id);
    if (volumeConfigurations.length > 0) volumes.set(task.id, volumesFor(volumeConfigurations));
    tasks.push(renderAnyTask(runs, task, cluster.arn, true, volumes.get(task.id)));
  }
  return { tasks, failures: [] };
};

/** A task as DescribeTasks renders it, with a one-off task's overrides, capacity provider and volumes. */
export function renderAnyTask(
  runs: RunTaskState,
  task: Task,
  clusterArn: string,
  withTags: boolean,
  volumes: readonly TaskVolume[] = [],
): JsonObject {
  const rendered = renderTask(task, clusterArn, withTags);
  const run = runs.tasks.get(task.id);
  if (run === undefined) return rendered;
  const given = Array.isArray(run.overrides.containerOverrides) ? run.overrides.containerOverrides : [];
  const containerOverrides = task.containers.map((container) => {
    const own = given.find((item) => isJsonObject(item) && item.name === container.name);
    return isJsonObject(own) ? { ...own } : { name: container.name };
  });
  const attachments = Array.isArray(rendered.attachments) ? rendered.attachments : [];
  return {
    ...rendered,
    attachments: [...attachments, ...renderVolumes(task, volumes)],
    overrides: { ...run.overrides, containerOverrides, inferenceAcceleratorOverrides: [] },
    ...(run.capacityProviderName === undefined ? {} : { capacityProviderName: run.capacityProviderName }),
    ...(withTags ? { tags: renderTags(task.tags) } : {}),
  };
}

/** Moves one-off tasks' lives forward to `now`; forgets those ECS no longer describes. */
export function tickRunTasks(context: TickContext): void {
  const state = context.world.get(ECS_STATE);
  const runs = context.world.get(RUN_TASK_STATE);
  for (const id of [...runs.live]) {
    const task = state.tasks.get(id);
    const cluster = task === undefined ? undefined : state.clusters.get(task.clusterName);
    if (task === undefined || cluster === undefined) {
      runs.live.delete(id);
      continue;
    }
    advanceTask(context.world, state, cluster, task, context.behaviours, context.now);
    if (task.lastStatus === 'STOPPED') runs.live.delete(id);
  }
  for (const id of runs.tasks.keys()) if (!state.tasks.has(id)) runs.tasks.delete(id);
  const volumes = context.world.get(RUN_TASK_VOLUMES);
  for (const id of volumes.keys()) if (!state.tasks.has(id)) volumes.delete(id);
}

export const runTaskOperations: Record<string, JsonOperation> = { RunTask: runTask };
