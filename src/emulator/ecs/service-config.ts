import type { InputReader } from '../core/input.ts';
import { isJsonObject, type JsonObject, type JsonValue } from '../core/json.ts';
import type { RegionWorld } from '../core/world.ts';
import { invalidParameter } from './errors.ts';
import { discoveryServiceExists, targetGroupExists } from './neighbours.ts';
import { checkAdvancedConfiguration, checkStrategyConfiguration } from './rollout/config.ts';
import type { Cluster, ServiceConfig, TaskDefinition } from './state.ts';

const LAUNCH_TYPES = ['EC2', 'FARGATE', 'EXTERNAL', 'MANAGED_INSTANCES'];
const PROPAGATE = ['TASK_DEFINITION', 'SERVICE', 'NONE'];

function objectList(value: JsonValue[] | undefined, name: string): JsonObject[] {
  if (value === undefined) return [];
  if (!value.every(isJsonObject)) throw invalidParameter(`${name} must be a list of objects.`);
  return value;
}

/** deploymentConfiguration with AWS's defaults: 200/100 (DAEMON 100/0) and the circuit breaker off. */
export function deploymentConfiguration(
  given: JsonObject | undefined,
  daemon: boolean,
  current?: JsonObject,
): JsonObject {
  const base = current ?? {
    deploymentCircuitBreaker: { enable: false, rollback: false },
    maximumPercent: daemon ? 100 : 200,
    minimumHealthyPercent: daemon ? 0 : 100,
  };
  if (given === undefined) return base;
  const out: JsonObject = { ...base, ...given };
  const breaker = given.deploymentCircuitBreaker;
  if (breaker !== undefined) {
    if (
      !isJsonObject(breaker) ||
      typeof breaker.enable !== 'boolean' ||
      typeof breaker.rollback !== 'boolean'
    ) {
      throw invalidParameter('deploymentCircuitBreaker requires enable and rollback.');
    }
    out.deploymentCircuitBreaker = { enable: breaker.enable, rollback: breaker.rollback };
  }
  checkStrategyConfiguration(out);
  const max = out.maximumPercent;
  const min = out.minimumHealthyPercent;
  if (typeof max !== 'number' || typeof min !== 'number' || max < min || min < 0 || max > 2000) {
    throw invalidParameter(
      'Invalid deployment configuration: maximumPercent must be at least minimumHealthyPercent.',
    );
  }
  return out;
}

/** networkConfiguration with assignPublicIp DISABLED filled in. */
export function networkConfiguration(given: JsonObject | undefined): JsonObject | undefined {
  if (given === undefined) return undefined;
  const vpc = given.awsvpcConfiguration;
  if (!isJsonObject(vpc)) throw invalidParameter('awsvpcConfiguration is required in networkConfiguration.');
  const subnets = vpc.subnets;
  if (!Array.isArray(subnets) || subnets.length === 0) throw invalidParameter('subnets can not be empty.');
  if (subnets.length > 16) throw invalidParameter('subnets can have at most 16 items.');
  return {
    awsvpcConfiguration: {
      subnets,
      securityGroups: Array.isArray(vpc.securityGroups) ? vpc.securityGroups : [],
      assignPublicIp: typeof vpc.assignPublicIp === 'string' ? vpc.assignPublicIp : 'DISABLED',
    },
  };
}

function containerPorts(definition: TaskDefinition): Map<string, Set<number>> {
  const ports = new Map<string, Set<number>>();
  const containers = definition.body.containerDefinitions;
  for (const container of Array.isArray(containers) ? containers : []) {
    if (!isJsonObject(container) || typeof container.name !== 'string') continue;
    const set = new Set<number>();
    for (const mapping of Array.isArray(container.portMappings) ? container.portMappings : []) {
      if (isJsonObject(mapping) && typeof mapping.containerPort === 'number') set.add(mapping.containerPort);
    }
    ports.set(container.name, set);
  }
  return ports;
}

/** Checks loadBalancers against ELBv2 and the task definition, with AWS's messages. */
export function loadBalancers(
  world: RegionWorld,
  value: JsonValue[] | undefined,
  definition: TaskDefinition,
): JsonObject[] {
  const list = objectList(value, 'loadBalancers');
  const ports = containerPorts(definition);
  for (const lb of list) {
    const arn = lb.targetGroupArn;
    // A Classic Load Balancer is named by loadBalancerName alone (the emulator has no Classic ELB to look up).
    const classic = arn === undefined && typeof lb.loadBalancerName === 'string';
    if (!classic && typeof arn !== 'string')
      throw invalidParameter('targetGroupArn is required for an application or network load balancer.');
    if (typeof arn === 'string' && !targetGroupExists(world, arn)) {
      throw invalidParameter(`Unable to find target group with targetGroupArn ${arn}.`);
    }
    checkAdvancedConfiguration(world, lb);
    const name = lb.containerName;
    const port = lb.containerPort;
    if (typeof name !== 'string' || typeof port !== 'number') {
      throw invalidParameter('containerName and containerPort are required for a load balancer.');
    }
    const containerPortsOf = ports.get(name);
    if (containerPortsOf === undefined) {
      throw invalidParameter(`The container ${name} does not exist in the task definition.`);
    }
    if (!containerPortsOf.has(port)) {
      throw invalidParameter(`The container ${name} did not have a container port ${port} defined.`);
    }
  }
  return list;
}

export function serviceRegistries(world: RegionWorld, value: JsonValue[] | undefined): JsonObject[] {
  const list = objectList(value, 'serviceRegistries');
  for (const registry of list) {
    const arn = registry.registryArn;
    if (typeof arn !== 'string') throw invalidParameter('registryArn is required in serviceRegistries.');
    if (!discoveryServiceExists(world, arn)) {
      throw invalidParameter(`The service registry ${arn} does not exist.`);
    }
  }
  return list;
}

/** A capacity provider strategy as ECS stores it: `base` and `weight` default to 0 (the model), and AWS answers them. */
export function capacityProviderStrategy(value: JsonValue[] | undefined, name: string): JsonObject[] {
  return objectList(value, name).map((item) => {
    if (typeof item.capacityProvider !== 'string') {
      throw invalidParameter(`${name} items must name a capacityProvider.`);
    }
    return {
      capacityProvider: item.capacityProvider,
      weight: typeof item.weight === 'number' ? item.weight : 0,
      base: typeof item.base === 'number' ? item.base : 0,
    };
  });
}

/** volumeConfigurations as given: a name and a managedEBSVolume each; REPLICA services only. */
export function volumeConfigurations(value: JsonValue[] | undefined, daemon: boolean): JsonObject[] {
  const list = objectList(value, 'volumeConfigurations');
  if (list.length > 0 && daemon) {
    throw invalidParameter(
      'volumeConfigurations is only supported for services using the REPLICA scheduling strategy.',
    );
  }
  for (const volume of list) {
    if (typeof volume.name !== 'string')
      throw invalidParameter('Each volume configuration must have a name.');
  }
  return list;
}

/** The launch type or capacity provider strategy a new service runs with. */
export function placement(
  input: InputReader,
  cluster: Cluster,
): Pick<ServiceConfig, 'launchType' | 'capacityProviderStrategy'> {
  const launchType = input.string('launchType', { oneOf: LAUNCH_TYPES });
  const strategy = input.array('capacityProviderStrategy');
  if (launchType !== undefined && strategy !== undefined && strategy.length > 0) {
    throw invalidParameter(
      'Specifying both a launch type and capacity provider strategy is not supported. Remove one and try again.',
    );
  }
  if (strategy !== undefined && strategy.length > 0) {
    return {
      launchType: undefined,
      capacityProviderStrategy: capacityProviderStrategy(strategy, 'capacityProviderStrategy'),
    };
  }
  if (launchType === undefined && cluster.defaultCapacityProviderStrategy.length > 0) {
    return { launchType: undefined, capacityProviderStrategy: cluster.defaultCapacityProviderStrategy };
  }
  return { launchType: launchType ?? 'EC2', capacityProviderStrategy: undefined };
}

export function usesFargate(config: Pick<ServiceConfig, 'launchType' | 'capacityProviderStrategy'>): boolean {
  if (config.launchType === 'FARGATE') return true;
  return (config.capacityProviderStrategy ?? []).some(
    (item) => typeof item.capacityProvider === 'string' && item.capacityProvider.startsWith('FARGATE'),
  );
}

export function propagateTags(input: InputReader): string | undefined {
  return input.string('propagateTags', { oneOf: PROPAGATE });
}

export { objectList };
