import type { ImageBehaviours } from '../core/behaviours.ts';
import type { JsonObject } from '../core/json.ts';
import type { RegionWorld } from '../core/world.ts';
import {
  deregisterTaskInstance,
  deregisterTaskTarget,
  registerTaskInstance,
  registerTaskTarget,
} from './neighbours.ts';
import { targetGroupForTask } from './rollout/traffic.ts';
import { exitOf, RUN_TASK_STATE } from './run-task-state.ts';
import type { Cluster, EcsService, EcsState, Task } from './state.ts';
import { CRASH_AFTER_MS, PENDING_MS, STABLE_AFTER_MS, STOPPING_MS } from './timing.ts';

export interface StopCause {
  readonly stopCode:
    | 'EssentialContainerExited'
    | 'TaskFailedToStart'
    | 'UserInitiated'
    | 'ServiceSchedulerInitiated';
  readonly reason: string;
  /** true when the stop counts as a failed task for the deployment circuit breaker. */
  readonly failure: boolean;
}

export const CRASHED: StopCause = {
  stopCode: 'EssentialContainerExited',
  reason: 'Essential container in task exited',
  failure: true,
};

/** Begins stopping a task: STOPPING now, STOPPED after STOPPING_MS; leaves its targets and registries. */
export function stopTask(world: RegionWorld, task: Task, cause: StopCause, now: number): void {
  if (task.desiredStatus === 'STOPPED') return;
  task.desiredStatus = 'STOPPED';
  task.stopCode = cause.stopCode;
  task.stoppedReason = cause.reason;
  task.stoppingAt = now;
  task.lastStatus = 'STOPPING';
  task.nextStepAt = now + STOPPING_MS;
  task.crashAt = undefined;
  task.version += 1;
  // A one-off task's exiting container already carries its own exit code.
  if (
    cause.stopCode === 'EssentialContainerExited' &&
    !task.containers.some((container) => container.exitCode !== undefined)
  ) {
    for (const container of task.containers) {
      if (container.essential) container.exitCode = 1;
    }
  }
  for (const target of task.targets) {
    deregisterTaskTarget(world, target.targetGroupArn, task.privateIp, target.port, now);
  }
  task.targets = [];
  for (const registry of task.registries) deregisterTaskInstance(world, registry, task.id, now);
  task.registries = [];
}

function becomeRunning(
  world: RegionWorld,
  task: Task,
  service: EcsService,
  behaviours: ImageBehaviours,
  at: number,
): void {
  task.lastStatus = 'RUNNING';
  task.startedAt = at;
  task.pullStoppedAt = at;
  task.nextStepAt = Number.POSITIVE_INFINITY;
  task.version += 1;
  for (const container of task.containers) container.lastStatus = 'RUNNING';
  const essentialImages = task.containers
    .filter((container) => container.essential)
    .map((container) => container.image);
  if (essentialImages.some((image) => behaviours.of(image) === 'crash')) task.crashAt = at + CRASH_AFTER_MS;
  const healthy = !task.containers.some((container) => behaviours.of(container.image) === 'unhealthy');
  for (const lb of service.config.loadBalancers) {
    const targetGroupArn = targetGroupForTask(service, task.deploymentId, lb);
    const port = Number(lb.containerPort);
    registerTaskTarget(world, targetGroupArn, { id: task.privateIp, port, healthy }, at);
    task.targets.push({ targetGroupArn, port });
  }
  for (const registry of service.config.serviceRegistries) {
    const registryArn = String(registry.registryArn);
    const attributes: Record<string, string> = {
      AWS_INSTANCE_IPV4: task.privateIp,
      AVAILABILITY_ZONE: task.availabilityZone,
      ECS_CLUSTER_NAME: task.clusterName,
      ECS_SERVICE_NAME: service.name,
      ECS_TASK_DEFINITION_FAMILY: task.family,
      REGION: world.region,
      AWS_INIT_HEALTH_STATUS: 'HEALTHY',
    };
    const port = registryPort(registry);
    if (port !== undefined) attributes.AWS_INSTANCE_PORT = String(port);
    registerTaskInstance(world, registryArn, task.id, attributes, at);
    task.registries.push(registryArn);
  }
}

/**
 * A one-off task starts: its containers run until the first essential one exits, with the exit
 * code its image is set to; the task stops then (EssentialContainerExited).
 */
function becomeRunningAlone(world: RegionWorld, task: Task, behaviours: ImageBehaviours, at: number): void {
  const runTasks = world.get(RUN_TASK_STATE);
  task.lastStatus = 'RUNNING';
  task.startedAt = at;
  task.pullStoppedAt = at;
  task.nextStepAt = Number.POSITIVE_INFINITY;
  task.version += 1;
  for (const container of task.containers) container.lastStatus = 'RUNNING';
  const essential = task.containers.filter((container) => container.essential);
  const runMs = Math.min(
    ...essential.map((container) => exitOf(runTasks, behaviours, container.image).runMs),
  );
  task.crashAt = at + (Number.isFinite(runMs) ? runMs : 0);
}

/** The essential containers whose run ends first exit with their image's code. */
function exitContainers(world: RegionWorld, task: Task, behaviours: ImageBehaviours): void {
  const runTasks = world.get(RUN_TASK_STATE);
  const startedAt = task.startedAt ?? task.createdAt;
  for (const container of task.containers) {
    if (!container.essential) continue;
    const exit = exitOf(runTasks, behaviours, container.image);
    if (startedAt + exit.runMs <= (task.crashAt ?? startedAt)) container.exitCode = exit.exitCode;
  }
}

/** The port ECS registers in Cloud Map: the registry's port, or else its container port. */
function registryPort(registry: JsonObject): number | undefined {
  if (typeof registry.port === 'number') return registry.port;
  return typeof registry.containerPort === 'number' ? registry.containerPort : undefined;
}

function becomeStopped(state: EcsState, task: Task, service: EcsService | undefined, at: number): void {
  task.lastStatus = 'STOPPED';
  task.stoppedAt = at;
  task.executionStoppedAt = at;
  task.nextStepAt = Number.POSITIVE_INFINITY;
  task.healthStatus = 'UNKNOWN';
  task.version += 1;
  for (const container of task.containers) {
    container.lastStatus = 'STOPPED';
    container.healthStatus = 'UNKNOWN';
    if (container.exitCode === undefined && task.startedAt !== undefined) container.exitCode = 0;
  }
  service?.liveTaskIds.delete(task.id);
  state.stoppedQueue.push(task.id);
}

/** Container health checks pass after their interval (or start period); the task is HEALTHY when all essential ones are. */
function updateHealth(task: Task, at: number): void {
  if (task.lastStatus !== 'RUNNING' || task.startedAt === undefined) return;
  for (const container of task.containers) {
    if (
      container.hasHealthCheck &&
      container.healthStatus === 'UNKNOWN' &&
      at >= task.startedAt + container.healthyAfterMs
    ) {
      container.healthStatus = 'HEALTHY';
    }
  }
  const checked = task.containers.filter((container) => container.essential && container.hasHealthCheck);
  if (checked.length > 0 && checked.every((container) => container.healthStatus === 'HEALTHY')) {
    task.healthStatus = 'HEALTHY';
  }
}

/** The next time something happens to this task on its own. */
export function nextTaskEvent(task: Task): number {
  let next = Math.min(task.nextStepAt, task.crashAt ?? Number.POSITIVE_INFINITY);
  if (task.lastStatus === 'RUNNING' && task.startedAt !== undefined) {
    const stableAt = task.startedAt + STABLE_AFTER_MS;
    if (stableAt > task.lastSeenAt) next = Math.min(next, stableAt);
    for (const container of task.containers) {
      if (container.hasHealthCheck && container.healthStatus === 'UNKNOWN') {
        next = Math.min(next, task.startedAt + container.healthyAfterMs);
      }
    }
  }
  return next;
}

/** Moves one task's own life forward to `now`: PROVISIONING → PENDING → RUNNING, crashes, STOPPING → STOPPED. */
export function advanceTask(
  world: RegionWorld,
  state: EcsState,
  cluster: Cluster,
  task: Task,
  behaviours: ImageBehaviours,
  now: number,
): void {
  const service = task.serviceName === undefined ? undefined : cluster.services.get(task.serviceName);
  for (let guard = 0; guard < 10; guard += 1) {
    if (task.crashAt !== undefined && task.crashAt <= now && task.crashAt <= task.nextStepAt) {
      if (task.serviceName === undefined) exitContainers(world, task, behaviours);
      stopTask(world, task, CRASHED, task.crashAt);
      continue;
    }
    if (task.nextStepAt > now) break;
    const at = task.nextStepAt;
    if (task.lastStatus === 'PROVISIONING') {
      task.lastStatus = 'PENDING';
      task.pullStartedAt = at;
      task.nextStepAt = at + PENDING_MS;
      task.version += 1;
    } else if (task.lastStatus === 'PENDING' && service !== undefined) {
      becomeRunning(world, task, service, behaviours, at);
    } else if (task.lastStatus === 'PENDING' && task.serviceName === undefined) {
      becomeRunningAlone(world, task, behaviours, at);
    } else if (task.lastStatus === 'STOPPING') {
      becomeStopped(state, task, service, at);
    } else {
      break;
    }
  }
  updateHealth(task, now);
  task.lastSeenAt = Math.max(task.lastSeenAt, now);
}

/** RUNNING long enough, with its container health checks passing: the scheduler counts it healthy. */
export function isStable(task: Task, now: number): boolean {
  if (task.desiredStatus !== 'RUNNING' || task.lastStatus !== 'RUNNING' || task.startedAt === undefined)
    return false;
  if (now < task.startedAt + STABLE_AFTER_MS) return false;
  const checked = task.containers.some((container) => container.essential && container.hasHealthCheck);
  return !checked || task.healthStatus === 'HEALTHY';
}
