import type { ComparisonSpec, JsonObject, JsonValue } from '../../diff/index.ts';
import { isJsonObject } from '../../diff/index.ts';
import { pruneEmptyObject } from '../prune-empty.ts';

/** CreateService members compared (identity members and tokens aside). */
const SERVICE_MEMBERS = [
  'taskDefinition',
  'desiredCount',
  'launchType',
  'capacityProviderStrategy',
  'platformVersion',
  'networkConfiguration',
  'loadBalancers',
  'serviceRegistries',
  'healthCheckGracePeriodSeconds',
  'deploymentConfiguration',
  'schedulingStrategy',
  'placementConstraints',
  'placementStrategy',
  'deploymentController',
  'enableECSManagedTags',
  'propagateTags',
  'enableExecuteCommand',
  'serviceConnectConfiguration',
  'volumeConfigurations',
  'availabilityZoneRebalancing',
  'role',
] as const;

/** AWS fills these in by itself: when the manifest leaves them out, whatever is live is accepted. */
const LIVE_WHEN_OMITTED = [
  'availabilityZoneRebalancing',
  'role',
  'serviceConnectConfiguration',
  'volumeConfigurations',
] as const;

export const SERVICE_COMPARISON: ComparisonSpec = {
  lists: {
    loadBalancers: { key: ['targetGroupArn', 'containerName', 'containerPort'] },
    serviceRegistries: { key: 'registryArn' },
    capacityProviderStrategy: { key: 'capacityProvider' },
    'networkConfiguration.awsvpcConfiguration.subnets': 'set',
    'networkConfiguration.awsvpcConfiguration.securityGroups': 'set',
    placementConstraints: 'set',
  },
  compareOnlyDesiredKeys: ['deploymentConfiguration'],
};

function deploymentConfiguration(value: JsonValue | undefined, daemon: boolean): JsonObject {
  const given = isJsonObject(value) ? value : {};
  const breaker = isJsonObject(given.deploymentCircuitBreaker) ? given.deploymentCircuitBreaker : {};
  return {
    ...given,
    maximumPercent: given.maximumPercent ?? (daemon ? 100 : 200),
    minimumHealthyPercent: given.minimumHealthyPercent ?? (daemon ? 0 : 100),
    deploymentCircuitBreaker: { enable: breaker.enable ?? false, rollback: breaker.rollback ?? false },
  };
}

function networkConfiguration(value: JsonValue | undefined): JsonValue | undefined {
  if (!isJsonObject(value) || !isJsonObject(value.awsvpcConfiguration)) return value;
  const vpc = value.awsvpcConfiguration;
  return { ...value, awsvpcConfiguration: { ...vpc, assignPublicIp: vpc.assignPublicIp ?? 'DISABLED' } };
}

/**
 * A capacity provider strategy with AWS's defaults filled: an item without `base` or `weight`
 * comes back with 0 (CapacityProviderStrategyItem in the model; the update-service example prints
 * `base: 0` for a strategy given without it).
 */
export function capacityProviderStrategy(value: JsonValue | undefined): JsonValue | undefined {
  if (!Array.isArray(value)) return value;
  return value.map((item) =>
    isJsonObject(item) ? { ...item, base: item.base ?? 0, weight: item.weight ?? 0 } : item,
  );
}

/** The strategy as a manifest writes it: `base: 0`, AWS's default, left out. */
export function strategyToSpec(value: JsonValue | undefined): JsonValue | undefined {
  if (!Array.isArray(value)) return value;
  return value.map((item) => {
    if (!isJsonObject(item) || item.base !== 0) return item;
    const { base: _base, ...rest } = item;
    return rest;
  });
}

const ROLE_ARN = /^arn:[^:]+:iam::[^:]*:role\//;

/**
 * A service role as IAM names it, path and name: CreateService takes a name (`ecsServiceRole`), a
 * name with its path (`/foo/bar`) or an ARN, and DescribeServices answers with the ARN.
 */
function roleName(role: string): string {
  return role.replace(ROLE_ARN, '').replace(/^\//, '');
}

/** `arn:aws:ecs:...:task-definition/web:3` -> `web:3`; a bare family stays as it is. */
export function taskDefinitionKey(value: string): string {
  return value.includes('task-definition/') ? (value.split('task-definition/')[1] ?? value) : value;
}

/**
 * A service as both sides are compared: CreateService's members with AWS's
 * defaults filled in, the task definition as `family:revision`.
 */
export function normaliseService(input: JsonObject): JsonObject {
  const daemon = input.schedulingStrategy === 'DAEMON';
  const out: JsonObject = {};
  for (const member of SERVICE_MEMBERS) if (input[member] !== undefined) out[member] = input[member];
  // CreateService takes `role`; DescribeServices answers with `roleArn`.
  if (out.role === undefined && typeof input.roleArn === 'string') out.role = input.roleArn;
  if (typeof out.taskDefinition === 'string') out.taskDefinition = taskDefinitionKey(out.taskDefinition);
  out.schedulingStrategy = out.schedulingStrategy ?? 'REPLICA';
  if (daemon) delete out.desiredCount;
  out.deploymentConfiguration = deploymentConfiguration(out.deploymentConfiguration, daemon);
  out.deploymentController = out.deploymentController ?? { type: 'ECS' };
  out.networkConfiguration = networkConfiguration(out.networkConfiguration);
  out.capacityProviderStrategy = capacityProviderStrategy(out.capacityProviderStrategy);
  out.healthCheckGracePeriodSeconds = out.healthCheckGracePeriodSeconds ?? 0;
  out.enableECSManagedTags = out.enableECSManagedTags ?? false;
  out.enableExecuteCommand = out.enableExecuteCommand ?? false;
  out.propagateTags = out.propagateTags ?? 'NONE';
  if (out.launchType === 'FARGATE' || hasFargateProvider(out.capacityProviderStrategy)) {
    out.platformVersion = out.platformVersion ?? 'LATEST';
  }
  return withAlarmNames(pruneEmptyObject(out));
}

/**
 * `alarms.alarmNames` is required (DeploymentAlarms in the model) even when empty, as AWS answers
 * it with alarms off: pruning empty lists must not take it out of what is sent or compared.
 */
function withAlarmNames(service: JsonObject): JsonObject {
  const config = service.deploymentConfiguration;
  if (!isJsonObject(config) || !isJsonObject(config.alarms)) return service;
  const alarms = { ...config.alarms, alarmNames: config.alarms.alarmNames ?? [] };
  return { ...service, deploymentConfiguration: { ...config, alarms } };
}

function hasFargateProvider(strategy: JsonValue | undefined): boolean {
  return (
    Array.isArray(strategy) &&
    strategy.some((item) => isJsonObject(item) && String(item.capacityProvider).startsWith('FARGATE'))
  );
}

/** Drops from the live side what AWS decides when the manifest leaves it open. */
export function acceptLiveServiceDefaults(desired: JsonObject, live: JsonObject): JsonObject {
  const out: JsonObject = { ...live };
  for (const member of LIVE_WHEN_OMITTED) if (desired[member] === undefined) delete out[member];
  // The role as the manifest wrote it (name, path and name, or ARN) when the live ARN names that role.
  if (
    typeof desired.role === 'string' &&
    typeof out.role === 'string' &&
    roleName(desired.role) === roleName(out.role)
  ) {
    out.role = desired.role;
  }
  // Neither launch type nor strategy declared: the cluster's default strategy applies (TF #11351).
  if (desired.launchType === undefined && desired.capacityProviderStrategy === undefined) {
    delete out.launchType;
    delete out.capacityProviderStrategy;
    if (desired.platformVersion === undefined) delete out.platformVersion;
  }
  // A bare family in the manifest means "its latest revision", whichever number that is.
  if (
    typeof desired.taskDefinition === 'string' &&
    !desired.taskDefinition.includes(':') &&
    typeof out.taskDefinition === 'string'
  ) {
    out.taskDefinition = out.taskDefinition.split(':')[0] ?? out.taskDefinition;
  }
  return out;
}
