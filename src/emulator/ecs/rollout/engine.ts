import { uuid } from '../../core/ids.ts';
import { isJsonObject, type JsonObject } from '../../core/json.ts';
import type { RegionWorld } from '../../core/world.ts';
import { addEvent } from '../events.ts';
import type { Deployment, EcsService } from '../state.ts';
import { ALARM_STATE } from './alarms.ts';
import { currentRecord, finishRecord } from './records.ts';
import { rollBack } from './rollback.ts';
import type { LifecycleStage, ServiceDeploymentRecord } from './state.ts';
import { applyWeights } from './traffic.ts';

/**
 * How the scheduler scales while a deployment runs: `rolling` as before; `hold` starts the green
 * revision beside the blue one and stops no blue task; `wait` starts nothing new yet (PRE_SCALE_UP).
 */
export type ScalingMode = 'rolling' | 'hold' | 'wait';

export interface RolloutScope {
  readonly world: RegionWorld;
  /** RUNNING tasks of a deployment that passed their health checks. */
  healthyTasks(deployment: Deployment): number;
}

const MINUTE_MS = 60_000;
/** ECS answers a successful service deployment without a statusReason (every printed answer). */
const SUCCEEDED_WITHOUT_REASON = '';
const DEFAULT_HOOK_TIMEOUT_MINUTES = 1440;
const MAX_STAGE_STEPS = 100;

function numberOr(object: JsonObject, path: readonly string[], fallback: number): number {
  let value: unknown = object;
  for (const key of path) value = isJsonObject(value) ? value[key] : undefined;
  return typeof value === 'number' ? value : fallback;
}

function bakeMs(record: ServiceDeploymentRecord): number {
  return numberOr(record.deploymentConfiguration, ['bakeTimeInMinutes'], 0) * MINUTE_MS;
}

/** The wait after a production traffic step below 100% (linear and canary), per the ECS model's defaults. */
function stepBakeMs(record: ServiceDeploymentRecord): number {
  const config = record.deploymentConfiguration;
  if (record.strategy === 'LINEAR')
    return numberOr(config, ['linearConfiguration', 'stepBakeTimeInMinutes'], 6) * MINUTE_MS;
  if (record.strategy === 'CANARY')
    return numberOr(config, ['canaryConfiguration', 'canaryBakeTimeInMinutes'], 10) * MINUTE_MS;
  return 0;
}

function nextProductionWeight(record: ServiceDeploymentRecord): number {
  const config = record.deploymentConfiguration;
  const weight = record.productionWeight;
  if (record.strategy === 'LINEAR')
    return Math.min(100, weight + numberOr(config, ['linearConfiguration', 'stepPercent'], 10));
  if (record.strategy === 'CANARY' && weight === 0)
    return Math.min(100, numberOr(config, ['canaryConfiguration', 'canaryPercent'], 5));
  return 100;
}

/** Enters a stage: its PAUSE hooks start waiting; AWS_LAMBDA hooks succeed (there is no Lambda here). */
function enter(
  scope: RolloutScope,
  service: EcsService,
  record: ServiceDeploymentRecord,
  stage: LifecycleStage,
  now: number,
): void {
  record.lifecycleStage = stage;
  record.stageAt = now;
  record.updatedAt = now;
  const hooks = record.deploymentConfiguration.lifecycleHooks;
  for (const hook of Array.isArray(hooks) ? hooks : []) {
    if (!isJsonObject(hook) || !Array.isArray(hook.lifecycleStages) || !hook.lifecycleStages.includes(stage))
      continue;
    const timeout = isJsonObject(hook.timeoutConfiguration) ? hook.timeoutConfiguration : {};
    const minutes =
      typeof timeout.timeoutInMinutes === 'number' ? timeout.timeoutInMinutes : DEFAULT_HOOK_TIMEOUT_MINUTES;
    const pause = hook.targetType === 'PAUSE';
    record.hooks.push({
      hookId: uuid(),
      targetType: pause ? 'PAUSE' : 'AWS_LAMBDA',
      targetArn: typeof hook.hookTargetArn === 'string' && !pause ? hook.hookTargetArn : undefined,
      stage,
      status: pause ? 'AWAITING_ACTION' : 'SUCCEEDED',
      expiresAt: now + minutes * MINUTE_MS,
      timeoutAction: timeout.action === 'CONTINUE' ? 'CONTINUE' : 'ROLLBACK',
    });
    if (pause)
      addEvent(
        service,
        now,
        `(service-deployment ${record.arn}) paused at ${stage}: waiting for ContinueServiceDeployment.`,
      );
  }
  if (stage === 'TEST_TRAFFIC_SHIFT') {
    record.testWeight = 100;
    applyWeights(scope.world, record);
  }
  if (stage === 'PRODUCTION_TRAFFIC_SHIFT') {
    record.productionWeight = nextProductionWeight(record);
    applyWeights(scope.world, record);
  }
  if (stage === 'CLEAN_UP') {
    const rollout = service.rollout;
    for (const route of record.routes)
      rollout?.productionTargetGroup.set(route.configuredTargetGroupArn, route.greenTargetGroupArn);
  }
}

/** The stage after the current one, or undefined while the current one still has work or time left. */
function stageDone(
  scope: RolloutScope,
  service: EcsService,
  record: ServiceDeploymentRecord,
  now: number,
): LifecycleStage | 'DONE' | undefined {
  switch (record.lifecycleStage) {
    case 'RECONCILE_SERVICE':
      return 'PRE_SCALE_UP';
    case 'PRE_SCALE_UP':
      return 'SCALE_UP';
    case 'SCALE_UP':
      return scope.healthyTasks(record.target) >= service.desiredCount ? 'POST_SCALE_UP' : undefined;
    case 'POST_SCALE_UP':
      return 'TEST_TRAFFIC_SHIFT';
    case 'TEST_TRAFFIC_SHIFT':
      return 'POST_TEST_TRAFFIC_SHIFT';
    case 'POST_TEST_TRAFFIC_SHIFT':
      return 'PRE_PRODUCTION_TRAFFIC_SHIFT';
    case 'PRE_PRODUCTION_TRAFFIC_SHIFT':
      return 'PRODUCTION_TRAFFIC_SHIFT';
    case 'PRODUCTION_TRAFFIC_SHIFT':
      if (record.productionWeight >= 100) return 'POST_PRODUCTION_TRAFFIC_SHIFT';
      return now >= record.stageAt + stepBakeMs(record) ? 'PRE_PRODUCTION_TRAFFIC_SHIFT' : undefined;
    case 'POST_PRODUCTION_TRAFFIC_SHIFT':
      return 'BAKE_TIME';
    case 'BAKE_TIME':
      return now >= record.stageAt + bakeMs(record) ? 'CLEAN_UP' : undefined;
    case 'CLEAN_UP':
      return record.target.rolloutState === 'COMPLETED' ? 'DONE' : undefined;
    default:
      return undefined;
  }
}

/** Hooks of the current stage: false while one still waits; a timed-out one takes its action. */
function hooksReleased(
  scope: RolloutScope,
  service: EcsService,
  record: ServiceDeploymentRecord,
  now: number,
): boolean {
  let released = true;
  for (const hook of record.hooks) {
    if (hook.status !== 'AWAITING_ACTION') continue;
    if (now < hook.expiresAt) {
      released = false;
      continue;
    }
    hook.status = 'TIMED_OUT';
    record.updatedAt = now;
    if (hook.timeoutAction === 'ROLLBACK') {
      rollBack(
        scope.world,
        service,
        record.target,
        `Lifecycle hook ${hook.hookId} timed out at ${hook.stage}.`,
        now,
      );
      return false;
    }
  }
  return released;
}

function runStages(
  scope: RolloutScope,
  service: EcsService,
  record: ServiceDeploymentRecord,
  now: number,
): void {
  for (let step = 0; step < MAX_STAGE_STEPS && record.status === 'IN_PROGRESS'; step += 1) {
    if (!hooksReleased(scope, service, record, now)) return;
    const next = stageDone(scope, service, record, now);
    if (next === undefined) return;
    if (next === 'DONE') {
      finishRecord(record, 'SUCCESSFUL', SUCCEEDED_WITHOUT_REASON, now);
      return;
    }
    enter(scope, service, record, next, now);
  }
}

function watchAlarms(
  scope: RolloutScope,
  service: EcsService,
  record: ServiceDeploymentRecord,
  now: number,
): void {
  const alarms = record.deploymentConfiguration.alarms;
  if (!isJsonObject(alarms) || alarms.enable !== true || !Array.isArray(alarms.alarmNames)) return;
  if (record.lifecycleStage === 'CLEAN_UP') return;
  const states = scope.world.get(ALARM_STATE);
  const triggered = alarms.alarmNames.filter(
    (name): name is string => typeof name === 'string' && states.get(name) === 'ALARM',
  );
  if (triggered.length === 0) return;
  record.triggeredAlarmNames = triggered;
  record.updatedAt = now;
  const reason = `Alarm(s) ${triggered.join(', ')} in ALARM state.`;
  addEvent(service, now, `(service-deployment ${record.arn}) ${reason}`);
  if (alarms.rollback === true) rollBack(scope.world, service, record.target, reason, now);
  else finishRecord(record, 'STOPPED', reason, now);
}

function finishRollback(service: EcsService, record: ServiceDeploymentRecord, now: number): void {
  const rollback = record.rollbackDeployment;
  if (rollback !== undefined) {
    if (rollback.rolloutState === 'COMPLETED')
      finishRecord(record, 'ROLLBACK_SUCCESSFUL', record.statusReason, now);
    if (rollback.rolloutState === 'FAILED')
      finishRecord(record, 'ROLLBACK_FAILED', rollback.rolloutStateReason, now);
    return;
  }
  if (!service.deployments.includes(record.target))
    finishRecord(record, 'ROLLBACK_SUCCESSFUL', record.statusReason, now);
}

/**
 * Moves the service's current deployment record along (called from the scheduler, before and after
 * it scales); answers how the scheduler may scale meanwhile.
 */
export function advanceRollout(scope: RolloutScope, service: EcsService, now: number): ScalingMode {
  const record = currentRecord(service);
  if (record === undefined) return 'rolling';
  if (record.status === 'PENDING') {
    record.status = 'IN_PROGRESS';
    record.startedAt = now;
    record.updatedAt = now;
    if (record.shifting) {
      const reconcile =
        record.sources.filter((source) => service.deployments.includes(source.deployment)).length > 1;
      enter(scope, service, record, reconcile ? 'RECONCILE_SERVICE' : 'PRE_SCALE_UP', now);
    }
  }
  if (record.status === 'IN_PROGRESS') watchAlarms(scope, service, record, now);
  if (record.status === 'ROLLBACK_IN_PROGRESS') {
    finishRollback(service, record, now);
    return 'rolling';
  }
  if (record.status !== 'IN_PROGRESS') return 'rolling';
  if (!record.shifting) {
    if (record.target.rolloutState === 'COMPLETED')
      finishRecord(record, 'SUCCESSFUL', SUCCEEDED_WITHOUT_REASON, now);
    return 'rolling';
  }
  runStages(scope, service, record, now);
  if (record.status !== 'IN_PROGRESS') return 'rolling';
  if (record.lifecycleStage === 'RECONCILE_SERVICE' || record.lifecycleStage === 'PRE_SCALE_UP')
    return 'wait';
  return record.lifecycleStage === 'CLEAN_UP' ? 'rolling' : 'hold';
}

/** When the current deployment next needs a look on its own: a hook timeout, a step's or the bake's end. */
export function nextRolloutEvent(service: EcsService): number {
  const record = currentRecord(service);
  if (record === undefined || record.status !== 'IN_PROGRESS' || !record.shifting)
    return Number.POSITIVE_INFINITY;
  let next = Number.POSITIVE_INFINITY;
  for (const hook of record.hooks)
    if (hook.status === 'AWAITING_ACTION') next = Math.min(next, hook.expiresAt);
  if (record.lifecycleStage === 'PRODUCTION_TRAFFIC_SHIFT' && record.productionWeight < 100)
    next = Math.min(next, record.stageAt + stepBakeMs(record));
  if (record.lifecycleStage === 'BAKE_TIME') next = Math.min(next, record.stageAt + bakeMs(record));
  return next;
}

/** True while the service has a service deployment that is not finished (it must stay awake). */
export function rolloutActive(service: EcsService): boolean {
  return currentRecord(service) !== undefined;
}
