import { isJsonObject, type JsonObject, type JsonValue } from '../../core/json.ts';
import type { RegionWorld } from '../../core/world.ts';
import { invalidParameter } from '../errors.ts';
import { listenerRuleExists, targetGroupExists } from '../neighbours.ts';

const STRATEGIES = ['ROLLING', 'BLUE_GREEN', 'LINEAR', 'CANARY'];
const HOOK_STAGES = [
  'RECONCILE_SERVICE',
  'PRE_SCALE_UP',
  'POST_SCALE_UP',
  'TEST_TRAFFIC_SHIFT',
  'POST_TEST_TRAFFIC_SHIFT',
  'PRE_PRODUCTION_TRAFFIC_SHIFT',
  'PRODUCTION_TRAFFIC_SHIFT',
  'POST_PRODUCTION_TRAFFIC_SHIFT',
];
/** Stages only AWS_LAMBDA hooks may use (DeploymentLifecycleHook.lifecycleStages). */
const LAMBDA_ONLY_STAGES = ['TEST_TRAFFIC_SHIFT', 'PRODUCTION_TRAFFIC_SHIFT'];
const HOOK_ACTIONS = ['CONTINUE', 'ROLLBACK'];

function numberIn(value: JsonValue | undefined, name: string, min: number, max: number): void {
  if (value === undefined) return;
  if (typeof value !== 'number' || value < min || value > max)
    throw invalidParameter(`${name} must be between ${min} and ${max}.`);
}

function checkHook(hook: JsonValue, index: number): void {
  const at = `deploymentConfiguration.lifecycleHooks[${index}]`;
  if (!isJsonObject(hook)) throw invalidParameter(`${at} must be an object.`);
  if (hook.targetType !== 'PAUSE' && hook.targetType !== 'AWS_LAMBDA')
    throw invalidParameter(`${at}.targetType must be one of AWS_LAMBDA, PAUSE.`);
  const stages = hook.lifecycleStages;
  if (!Array.isArray(stages) || stages.length === 0)
    throw invalidParameter(`${at}.lifecycleStages must be provided.`);
  for (const stage of stages) {
    if (typeof stage !== 'string' || !HOOK_STAGES.includes(stage))
      throw invalidParameter(`${at}.lifecycleStages: ${String(stage)} is not a lifecycle hook stage.`);
    if (hook.targetType === 'PAUSE' && LAMBDA_ONLY_STAGES.includes(stage))
      throw invalidParameter(`PAUSE hooks cannot be configured at the ${stage} stage.`);
  }
  if (
    hook.targetType === 'AWS_LAMBDA' &&
    (typeof hook.hookTargetArn !== 'string' || typeof hook.roleArn !== 'string')
  )
    throw invalidParameter(`${at}: an AWS_LAMBDA hook requires hookTargetArn and roleArn.`);
  const timeout = hook.timeoutConfiguration;
  if (timeout === undefined) return;
  if (!isJsonObject(timeout)) throw invalidParameter(`${at}.timeoutConfiguration must be an object.`);
  numberIn(timeout.timeoutInMinutes, `${at}.timeoutConfiguration.timeoutInMinutes`, 1, 20160);
  if (timeout.action !== undefined && !HOOK_ACTIONS.includes(String(timeout.action)))
    throw invalidParameter(`${at}.timeoutConfiguration.action must be one of CONTINUE, ROLLBACK.`);
}

/** Checks the strategy members of a deploymentConfiguration against the ECS model's ranges. */
export function checkStrategyConfiguration(config: JsonObject): void {
  const strategy = config.strategy;
  if (strategy !== undefined && (typeof strategy !== 'string' || !STRATEGIES.includes(strategy)))
    throw invalidParameter(`deploymentConfiguration.strategy must be one of ${STRATEGIES.join(', ')}.`);
  numberIn(config.bakeTimeInMinutes, 'deploymentConfiguration.bakeTimeInMinutes', 0, 1440);
  const linear = config.linearConfiguration;
  if (linear !== undefined) {
    if (!isJsonObject(linear)) throw invalidParameter('linearConfiguration must be an object.');
    numberIn(linear.stepPercent, 'linearConfiguration.stepPercent', 3, 100);
    numberIn(linear.stepBakeTimeInMinutes, 'linearConfiguration.stepBakeTimeInMinutes', 0, 1440);
  }
  const canary = config.canaryConfiguration;
  if (canary !== undefined) {
    if (!isJsonObject(canary)) throw invalidParameter('canaryConfiguration must be an object.');
    numberIn(canary.canaryPercent, 'canaryConfiguration.canaryPercent', 0.1, 100);
    numberIn(canary.canaryBakeTimeInMinutes, 'canaryConfiguration.canaryBakeTimeInMinutes', 0, 1440);
  }
  const hooks = config.lifecycleHooks;
  if (hooks !== undefined) {
    if (!Array.isArray(hooks))
      throw invalidParameter('deploymentConfiguration.lifecycleHooks must be a list.');
    hooks.forEach(checkHook);
  }
  const alarms = config.alarms;
  if (alarms !== undefined) {
    if (
      !isJsonObject(alarms) ||
      !Array.isArray(alarms.alarmNames) ||
      typeof alarms.rollback !== 'boolean' ||
      typeof alarms.enable !== 'boolean'
    )
      throw invalidParameter('deploymentConfiguration.alarms requires alarmNames, rollback and enable.');
  }
}

/** Checks a load balancer's advancedConfiguration: its alternate target group and listener rules exist. */
export function checkAdvancedConfiguration(world: RegionWorld, loadBalancer: JsonObject): void {
  const advanced = loadBalancer.advancedConfiguration;
  if (advanced === undefined) return;
  if (!isJsonObject(advanced)) throw invalidParameter('advancedConfiguration must be an object.');
  const alternate = advanced.alternateTargetGroupArn;
  if (typeof alternate !== 'string')
    throw invalidParameter('advancedConfiguration.alternateTargetGroupArn is required.');
  if (!targetGroupExists(world, alternate))
    throw invalidParameter(`Unable to find target group with targetGroupArn ${alternate}.`);
  if (alternate === loadBalancer.targetGroupArn)
    throw invalidParameter('alternateTargetGroupArn must differ from targetGroupArn.');
  const production = advanced.productionListenerRule;
  if (typeof production !== 'string')
    throw invalidParameter('advancedConfiguration.productionListenerRule is required.');
  for (const rule of [production, advanced.testListenerRule]) {
    if (rule === undefined) continue;
    if (typeof rule !== 'string' || !listenerRuleExists(world, rule))
      throw invalidParameter(`Unable to find listener rule ${String(rule)}.`);
  }
}
