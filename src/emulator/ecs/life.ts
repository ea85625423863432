import type { ImageBehaviours } from '../core/behaviours.ts';
import { isJsonObject } from '../core/json.ts';
import type { TickContext } from '../core/service.ts';
import type { RegionWorld } from '../core/world.ts';
import { failureThreshold, primaryOf } from './deployments.ts';
import { addEvent, taskList } from './events.ts';
import { taskTargetHealth } from './neighbours.ts';
import {
  advanceRollout,
  nextRolloutEvent,
  type RolloutScope,
  rolloutActive,
  type ScalingMode,
} from './rollout/engine.ts';
import { noteDeploymentFailed, rollBack } from './rollout/rollback.ts';
import {
  type Cluster,
  type Deployment,
  ECS_STATE,
  type EcsService,
  type EcsState,
  type Task,
} from './state.ts';
import { findTaskDefinition } from './task-definitions.ts';
import { launchTask } from './task-launch.ts';
import { advanceTask, isStable, nextTaskEvent, stopTask } from './task-life.ts';
import { STOPPED_RETENTION_MS } from './timing.ts';

interface Scope {
  readonly world: RegionWorld;
  readonly state: EcsState;
  readonly cluster: Cluster;
  readonly behaviours: ImageBehaviours;
}

/** How often a service that only waits (for target health) is looked at again, in clock time. */
const IDLE_POLL_MS = 1_000;
/** Most steps one service takes in a single tick, so a long clock jump stays bounded. */
const MAX_STEPS = 2_000;

export function tickEcs(context: TickContext): void {
  const state = context.world.get(ECS_STATE);
  for (const key of [...state.awake]) {
    const [clusterName = '', serviceName = ''] = key.split('/');
    const cluster = state.clusters.get(clusterName);
    const service = cluster?.services.get(serviceName);
    if (cluster === undefined || service === undefined) {
      state.awake.delete(key);
      continue;
    }
    const scope: Scope = { world: context.world, state, cluster, behaviours: context.behaviours };
    if (runService(scope, service, context.now)) state.awake.delete(key);
  }
  expireStoppedTasks(state, context.now);
}

/** Runs a service's life up to `now`, event by event; true when it has settled and can sleep. */
function runService(scope: Scope, service: EcsService, now: number): boolean {
  // Only waiting (on target health) and looked at moments ago: nothing new to do yet.
  const idle = service.changedAt === undefined && earliestEvent(scope, service) > now;
  if (idle && now - service.lastRunAt < IDLE_POLL_MS) return false;
  service.lastRunAt = now;
  let at = Number.NEGATIVE_INFINITY;
  if (service.changedAt !== undefined) {
    at = Math.min(service.changedAt, now);
    service.changedAt = undefined;
    reconcile(scope, service, at);
  }
  for (let step = 0; step < MAX_STEPS; step += 1) {
    const next = earliestEvent(scope, service);
    if (!(next < now) || next <= at) break;
    at = next;
    reconcile(scope, service, at);
  }
  reconcile(scope, service, now);
  return settled(scope, service);
}

function liveTasks(scope: Scope, service: EcsService): Task[] {
  const tasks: Task[] = [];
  for (const id of service.liveTaskIds) {
    const task = scope.state.tasks.get(id);
    if (task !== undefined) tasks.push(task);
  }
  return tasks;
}

function earliestEvent(scope: Scope, service: EcsService): number {
  let next = nextRolloutEvent(service);
  for (const task of liveTasks(scope, service)) next = Math.min(next, nextTaskEvent(task));
  return next;
}

/** Targets still in their first checks (initial), failing them or draining hold a rollout back. */
function targetsHealthy(scope: Scope, task: Task): boolean {
  return task.targets.every((target) => {
    const health = taskTargetHealth(scope.world, target.targetGroupArn, task.privateIp, target.port);
    return health !== 'initial' && health !== 'unhealthy' && health !== 'draining';
  });
}

function isHealthyRunning(scope: Scope, task: Task, now: number): boolean {
  return isStable(task, now) && targetsHealthy(scope, task);
}

function settled(scope: Scope, service: EcsService): boolean {
  if (service.status === 'INACTIVE') return true;
  if (!service.steady || rolloutActive(service)) return false;
  return liveTasks(scope, service).every(
    (task) => nextTaskEvent(task) === Number.POSITIVE_INFINITY && task.desiredStatus === 'RUNNING',
  );
}

function reconcile(scope: Scope, service: EcsService, now: number): void {
  for (const task of liveTasks(scope, service)) {
    const wasRunning = task.desiredStatus === 'RUNNING';
    advanceTask(scope.world, scope.state, scope.cluster, task, scope.behaviours, now);
    if (wasRunning && task.desiredStatus === 'STOPPED') countFailure(service, task);
  }
  if (service.status === 'DRAINING') {
    drain(scope, service, now);
    return;
  }
  if (service.status !== 'ACTIVE') return;
  stopFailedHealthChecks(scope, service, now);
  const primary = primaryOf(service);
  if (primary === undefined) {
    // No deployments (the EXTERNAL controller): nothing for the scheduler to roll.
    service.steady = service.deployments.length === 0;
    return;
  }
  tripCircuitBreaker(scope, service, primary, now);
  const rollout = rolloutScope(scope, service, now);
  const mode = advanceRollout(rollout, service, now);
  const current = primaryOf(service) ?? primary;
  scale(scope, service, current, now, mode);
  retireDrainedDeployments(scope, service, now);
  completeRollout(scope, service, now);
  advanceRollout(rollout, service, now);
}

function rolloutScope(scope: Scope, service: EcsService, now: number): RolloutScope {
  return {
    world: scope.world,
    healthyTasks: (deployment) =>
      liveTasks(scope, service).filter(
        (task) =>
          task.deploymentId === deployment.id &&
          task.desiredStatus === 'RUNNING' &&
          isHealthyRunning(scope, task, now),
      ).length,
  };
}

function countFailure(service: EcsService, task: Task): void {
  if (task.stopCode === 'UserInitiated' || task.stopCode === 'ServiceSchedulerInitiated') return;
  const deployment = service.deployments.find((candidate) => candidate.id === task.deploymentId);
  if (deployment !== undefined) deployment.failedTasks += 1;
}

function drain(scope: Scope, service: EcsService, now: number): void {
  for (const deployment of service.deployments) setDeploymentDesired(deployment, 0, now);
  const stopping: string[] = [];
  for (const task of liveTasks(scope, service)) {
    if (task.desiredStatus === 'STOPPED') continue;
    stopTask(scope.world, task, schedulerStop(task), now);
    stopping.push(task.id);
  }
  if (stopping.length > 0)
    addEvent(service, now, `has stopped ${stopping.length} running tasks: ${taskList(stopping)}.`);
  if (service.liveTaskIds.size === 0) {
    service.status = 'INACTIVE';
    service.deployments = [];
  }
}

function schedulerStop(task: Task) {
  return {
    stopCode: 'ServiceSchedulerInitiated',
    reason: `Scaling activity initiated by (deployment ${task.deploymentId ?? ''})`,
    failure: false,
  } as const;
}

/** Stops RUNNING tasks whose load balancer target turned unhealthy, once past the grace period. */
function stopFailedHealthChecks(scope: Scope, service: EcsService, now: number): void {
  const graceMs = service.config.healthCheckGracePeriodSeconds * 1000;
  for (const task of liveTasks(scope, service)) {
    if (task.desiredStatus !== 'RUNNING' || task.lastStatus !== 'RUNNING' || task.startedAt === undefined)
      continue;
    if (now < task.startedAt + graceMs) continue;
    const failed = task.targets.find(
      (target) =>
        taskTargetHealth(scope.world, target.targetGroupArn, task.privateIp, target.port) === 'unhealthy',
    );
    if (failed === undefined) continue;
    addEvent(
      service,
      now,
      `(task ${task.id}) (port ${failed.port}) is unhealthy in (target-group ${failed.targetGroupArn}) due to (reason Health checks failed).`,
    );
    stopTask(
      scope.world,
      task,
      {
        stopCode: 'ServiceSchedulerInitiated',
        reason: `Task failed ELB health checks in (target-group ${failed.targetGroupArn})`,
        failure: true,
      },
      now,
    );
    const deployment = service.deployments.find((candidate) => candidate.id === task.deploymentId);
    if (deployment !== undefined) deployment.failedTasks += 1;
    addEvent(service, now, `has stopped 1 running tasks: ${taskList([task.id])}.`);
  }
}

function tripCircuitBreaker(scope: Scope, service: EcsService, primary: Deployment, now: number): void {
  const breaker = service.config.deploymentConfiguration.deploymentCircuitBreaker;
  if (!isJsonObject(breaker) || breaker.enable !== true || primary.rolloutState !== 'IN_PROGRESS') return;
  if (primary.failedTasks < failureThreshold(service.desiredCount)) return;
  primary.rolloutState = 'FAILED';
  primary.rolloutStateReason = 'ECS deployment circuit breaker: tasks failed to start.';
  primary.updatedAt = now;
  addEvent(service, now, `(deployment ${primary.id}) deployment failed: tasks failed to start.`);
  if (breaker.rollback !== true) {
    noteDeploymentFailed(service, primary, primary.rolloutStateReason, now);
    return;
  }
  const reason = `ECS deployment circuit breaker: rolling back to deploymentId ${service.lastCompletedDeploymentId ?? ''}.`;
  const rolledBack = rollBack(
    scope.world,
    service,
    primary,
    'ECS deployment circuit breaker: tasks failed to start.',
    now,
    {
      deploymentReason: reason,
      circuitBreaker: true,
    },
  );
  if (!rolledBack) return;
  addEvent(
    service,
    now,
    `(deployment ${primary.id}) deployment failed: rolling back to ${service.lastCompletedDeploymentId ?? ''}.`,
  );
}

function deploymentPercents(service: EcsService): { max: number; min: number } {
  const config = service.config.deploymentConfiguration;
  return {
    max: typeof config.maximumPercent === 'number' ? config.maximumPercent : 200,
    min: typeof config.minimumHealthyPercent === 'number' ? config.minimumHealthyPercent : 100,
  };
}

/** A deployment's desiredCount as the scheduler moves it; its updatedAt moves with it. */
function setDeploymentDesired(deployment: Deployment, desired: number, now: number): void {
  if (deployment.desiredCount === desired) return;
  deployment.desiredCount = desired;
  deployment.updatedAt = now;
}

/**
 * Rolling update: start PRIMARY tasks within maximumPercent, stop older ones while
 * minimumHealthyPercent holds. A new deployment starts at desiredCount 0: the scheduler
 * raises it to the service's count here, and lowers older deployments' as their tasks stop.
 */
function scale(scope: Scope, service: EcsService, primary: Deployment, now: number, mode: ScalingMode): void {
  setDeploymentDesired(primary, service.desiredCount, now);
  const desired = primary.desiredCount;
  const { max, min } = deploymentPercents(service);
  const running = liveTasks(scope, service).filter((task) => task.desiredStatus === 'RUNNING');
  const ofPrimary = running.filter((task) => task.deploymentId === primary.id);
  const older = running.filter((task) => task.deploymentId !== primary.id);
  const stopped: string[] = [];

  const minHealthy = Math.ceil((desired * min) / 100);
  let healthy = running.filter((task) => isHealthyRunning(scope, task, now)).length;
  // Blue/green, linear and canary keep the blue tasks until CLEAN_UP.
  for (const task of mode === 'rolling' ? [...older].sort(notRunningFirst) : []) {
    const counts = isHealthyRunning(scope, task, now);
    if (counts && healthy - 1 < minHealthy) continue;
    stopTask(scope.world, task, schedulerStop(task), now);
    stopped.push(task.id);
    if (counts) healthy -= 1;
  }
  for (const task of [...ofPrimary].sort(notRunningFirst).slice(0, Math.max(0, ofPrimary.length - desired))) {
    stopTask(scope.world, task, schedulerStop(task), now);
    stopped.push(task.id);
  }
  if (stopped.length > 0)
    addEvent(service, now, `has stopped ${stopped.length} running tasks: ${taskList(stopped)}.`);
  for (const deployment of service.deployments) {
    if (deployment === primary) continue;
    const left = liveTasks(scope, service).filter(
      (task) => task.deploymentId === deployment.id && task.desiredStatus === 'RUNNING',
    ).length;
    setDeploymentDesired(deployment, Math.min(deployment.desiredCount, left), now);
  }

  if (primary.rolloutState === 'FAILED' || mode === 'wait') return;
  const definition = findTaskDefinition(scope.state, primary.taskDefinitionArn);
  if (definition === undefined) return;
  const live = liveTasks(scope, service).filter((task) => task.desiredStatus === 'RUNNING').length;
  const wanted = desired - Math.min(ofPrimary.length, desired);
  // The green revision scales to its full count beside the blue one.
  const room =
    mode === 'hold' ? wanted : Math.max(Math.floor((desired * max) / 100), desired > 0 ? 1 : 0) - live;
  const count = Math.max(0, Math.min(wanted, room));
  const started: string[] = [];
  for (let index = 0; index < count; index += 1) {
    started.push(launchTask(scope.state, scope.cluster, service, primary, definition, now).id);
  }
  if (started.length > 0) {
    service.steady = false;
    addEvent(service, now, `has started ${started.length} tasks: ${taskList(started)}.`);
  }
}

function notRunningFirst(a: Task, b: Task): number {
  return Number(a.lastStatus === 'RUNNING') - Number(b.lastStatus === 'RUNNING');
}

function retireDrainedDeployments(scope: Scope, service: EcsService, now: number): void {
  const withTasks = new Set<string>();
  for (const task of liveTasks(scope, service)) {
    if (task.desiredStatus === 'RUNNING' && task.deploymentId !== undefined) withTasks.add(task.deploymentId);
  }
  const before = service.deployments.length;
  service.deployments = service.deployments.filter(
    (deployment) => deployment.status === 'PRIMARY' || withTasks.has(deployment.id),
  );
  if (service.deployments.length !== before) {
    for (const deployment of service.deployments) deployment.updatedAt = now;
  }
}

function completeRollout(scope: Scope, service: EcsService, now: number): void {
  const primary = primaryOf(service);
  if (primary === undefined || service.deployments.length !== 1) return;
  const tasks = liveTasks(scope, service).filter((task) => task.desiredStatus === 'RUNNING');
  const healthy = tasks.filter((task) => isHealthyRunning(scope, task, now)).length;
  if (tasks.length !== primary.desiredCount || healthy !== primary.desiredCount) return;
  if (primary.rolloutState === 'IN_PROGRESS') {
    primary.rolloutState = 'COMPLETED';
    primary.rolloutStateReason = `ECS deployment ${primary.id} completed.`;
    primary.updatedAt = now;
    service.lastCompletedTaskDefinitionArn = primary.taskDefinitionArn;
    service.lastCompletedDeploymentId = primary.id;
    addEvent(service, now, `(deployment ${primary.id}) deployment completed.`);
  }
  if (!service.steady && primary.rolloutState === 'COMPLETED') {
    service.steady = true;
    addEvent(service, now, 'has reached a steady state.');
  }
}

/** Stopped tasks stay describable for an hour of clock time, then are forgotten. */
function expireStoppedTasks(state: EcsState, now: number): void {
  while (state.stoppedQueue.length > 0) {
    const id = state.stoppedQueue[0] as string;
    const task = state.tasks.get(id);
    if (task !== undefined && (task.stoppedAt ?? now) + STOPPED_RETENTION_MS > now) break;
    state.stoppedQueue.shift();
    if (task === undefined) continue;
    state.tasks.delete(id);
    state.clusters.get(task.clusterName)?.taskIds.delete(id);
  }
}
