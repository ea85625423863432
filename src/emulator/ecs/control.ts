import type { JsonObject, JsonValue } from '../core/json.ts';
import type { ControlAction } from '../core/service.ts';
import type { RegionWorld } from '../core/world.ts';
import { nameOf } from './arns.ts';
import { IMAGE_ANSWERS } from './image-answers.ts';
import { alarmStateAction } from './rollout/alarms.ts';
import { RUN_TASK_STATE, STANDALONE_RUN_MS } from './run-task-state.ts';
import { ECS_STATE, wakeService } from './state.ts';
import { stopTask } from './task-life.ts';

const CAUSES = {
  EssentialContainerExited: 'Essential container in task exited',
  TaskFailedToStart: 'Task failed to start',
} as const;

type Cause = keyof typeof CAUSES;

function field(input: JsonObject, name: string): string | undefined {
  const value = input[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new Error(`${name} must be a string`);
  return value;
}

/**
 * POST /_emulator/ecs/stop-task {cluster?, task, reason?, cause?}: the task
 * dies as if its container failed (cause EssentialContainerExited, the
 * default, or TaskFailedToStart); it counts as a failed task of its
 * deployment and the service replaces it.
 */
const stopTaskAction: ControlAction = (input: JsonObject, world: RegionWorld, now: number): JsonValue => {
  const state = world.get(ECS_STATE);
  const clusterName = nameOf(field(input, 'cluster') ?? 'default');
  const reference = field(input, 'task');
  if (reference === undefined) throw new Error('task is required (an id or ARN)');
  const task = state.tasks.get(nameOf(reference));
  if (task === undefined || task.clusterName !== clusterName)
    throw new Error(`no task ${reference} in cluster ${clusterName}`);
  const causeName = field(input, 'cause') ?? 'EssentialContainerExited';
  if (!(causeName in CAUSES)) throw new Error(`cause must be one of ${Object.keys(CAUSES).join(', ')}`);
  const cause = causeName as Cause;
  const wasRunning = task.desiredStatus === 'RUNNING';
  stopTask(
    world,
    task,
    { stopCode: cause, reason: field(input, 'reason') ?? CAUSES[cause], failure: true },
    now,
  );
  if (wasRunning && task.serviceName !== undefined) {
    const service = state.clusters.get(clusterName)?.services.get(task.serviceName);
    const deployment = service?.deployments.find((candidate) => candidate.id === task.deploymentId);
    if (deployment !== undefined) deployment.failedTasks += 1;
    if (service !== undefined) wakeService(state, service, now);
  }
  return {
    taskArn: task.arn,
    lastStatus: task.lastStatus,
    desiredStatus: task.desiredStatus,
    stopCode: cause,
  };
};

function wholeNumber(input: JsonObject, name: string, min: number, max: number): number | undefined {
  const value = input[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max)
    throw new Error(`${name} must be a whole number from ${min} to ${max}`);
  return value;
}

/**
 * POST /_emulator/ecs/image-behaviour {image, exitCode?, runSeconds?, httpStatus?, httpBody?}:
 * one-off (RunTask) containers of that image run `runSeconds` (default 5) on the emulator's clock,
 * then exit with `exitCode` (default 0). Tasks of the image answer HTTP requests that a load
 * balancer forwards to them with `httpStatus` (default 200) and `httpBody` (default a JSON body
 * naming image, task and target group). A call sets the exit when it sends an exit member or no
 * HTTP member (as before there were HTTP members), and the HTTP answer when it sends an HTTP
 * member; what it sets and leaves out goes back to its default. Whether services' tasks crash or
 * fail health checks is set at /_emulator/images.
 */
const imageBehaviourAction: ControlAction = (input: JsonObject, world: RegionWorld): JsonValue => {
  const image = field(input, 'image');
  if (image === undefined || image === '') throw new Error('image is required');
  const httpStatus = wholeNumber(input, 'httpStatus', 100, 599);
  const httpBody = field(input, 'httpBody');
  const exits = world.get(RUN_TASK_STATE).exits;
  const answers = world.get(IMAGE_ANSWERS);
  const setsHttp = httpStatus !== undefined || httpBody !== undefined;
  if (!setsHttp || input.exitCode !== undefined || input.runSeconds !== undefined) {
    const exitCode = wholeNumber(input, 'exitCode', 0, 255) ?? 0;
    const runSeconds = wholeNumber(input, 'runSeconds', 0, 86_400) ?? STANDALONE_RUN_MS / 1000;
    exits.set(image, { exitCode, runMs: runSeconds * 1000 });
  }
  if (setsHttp) answers.set(image, { status: httpStatus, body: httpBody });
  const exit = exits.get(image);
  const answer = answers.get(image);
  return {
    image,
    exitCode: exit?.exitCode ?? 0,
    runSeconds: (exit?.runMs ?? STANDALONE_RUN_MS) / 1000,
    ...(answer?.status === undefined ? {} : { httpStatus: answer.status }),
    ...(answer?.body === undefined ? {} : { httpBody: answer.body }),
  };
};

export const ecsControl: Readonly<Record<string, ControlAction>> = {
  'stop-task': stopTaskAction,
  'alarm-state': alarmStateAction,
  'image-behaviour': imageBehaviourAction,
};
