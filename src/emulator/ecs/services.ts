import type { RequestContext } from '../core/context.ts';
import type { JsonObject, JsonValue } from '../core/json.ts';
import type { JsonOperation } from '../protocols/json.ts';
import { nameOf, serviceArn } from './arns.ts';
import { startDeployment } from './deployments.ts';
import { clientException, invalidParameter, serviceNotActive, serviceNotFound } from './errors.ts';
import { activeCluster, maxResults, reader, stateOf } from './input.ts';
import { page } from './paging.ts';
import { compact, wantsInclude } from './render.ts';
import {
  capacityProviderStrategy,
  deploymentConfiguration,
  loadBalancers,
  networkConfiguration,
  objectList,
  placement,
  propagateTags,
  serviceRegistries,
  usesFargate,
  volumeConfigurations,
} from './service-config.ts';
import { renderService } from './service-view.ts';
import { type Cluster, type EcsService, type TaskDefinition, wakeService } from './state.ts';
import { mergeTags, readTags } from './tags.ts';
import { findTaskDefinition } from './task-definitions.ts';

const SERVICE_NAME = /^[a-zA-Z0-9_-]{1,255}$/;

/**
 * The role a service answers as roleArn: the one given (a name becomes a role ARN), else ECS's
 * service-linked role where the service needs it (awsvpc, load balancers, service discovery, a
 * controller other than ECS). AWS's examples show it on such services and leave it off a
 * bridge-mode service without a load balancer.
 */
function roleArnOf(
  accountId: string,
  role: string | undefined,
  needsLinkedRole: boolean,
): string | undefined {
  if (role !== undefined) {
    return role.startsWith('arn:') ? role : `arn:aws:iam::${accountId}:role/${role.replace(/^\//, '')}`;
  }
  return needsLinkedRole
    ? `arn:aws:iam::${accountId}:role/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS`
    : undefined;
}

function usableTaskDefinition(context: RequestContext, reference: string): TaskDefinition {
  const definition = findTaskDefinition(stateOf(context), reference);
  if (definition === undefined) throw clientException('TaskDefinition not found.');
  if (definition.body.status !== 'ACTIVE') throw clientException('TaskDefinition is inactive');
  return definition;
}

function checkNetwork(definition: TaskDefinition, network: JsonObject | undefined): void {
  const awsvpc = definition.body.networkMode === 'awsvpc';
  if (awsvpc && network === undefined) {
    throw invalidParameter("Network Configuration must be provided when networkMode 'awsvpc' is specified.");
  }
  if (!awsvpc && network !== undefined) {
    throw invalidParameter(
      'Network Configuration is not valid for the given networkMode of this task definition.',
    );
  }
}

function checkFargate(definition: TaskDefinition, fargate: boolean): void {
  const compatibilities = definition.body.compatibilities;
  if (fargate && !(Array.isArray(compatibilities) && compatibilities.includes('FARGATE'))) {
    throw invalidParameter('Task definition does not support launch_type FARGATE.');
  }
}

/**
 * Puts the service on the scheduler's list. As in AWS the scheduler acts
 * after the answer: the next tick reconciles it from the time of the change.
 */
export function wake(context: RequestContext, service: EcsService): void {
  wakeService(stateOf(context), service, context.now());
}

const createService: JsonOperation = (raw, context) => {
  const input = reader(raw);
  const state = stateOf(context);
  const cluster = activeCluster(state, input.string('cluster'));
  const name = input.requiredString('serviceName');
  if (!SERVICE_NAME.test(name)) {
    throw invalidParameter(
      'Service name can have at most 255 letters (uppercase and lowercase), numbers, underscores and hyphens.',
    );
  }
  const clientToken = input.string('clientToken', { max: 36 });
  const existing = cluster.services.get(name);
  if (clientToken !== undefined && existing !== undefined && existing.status === 'ACTIVE') {
    if (existing.clientToken === clientToken)
      return { service: renderService(state, existing, cluster.arn, existing.tags.length > 0) };
  }
  if (existing !== undefined && existing.status !== 'INACTIVE') {
    throw invalidParameter('Creation of service was not idempotent.');
  }
  const scheduling = input.string('schedulingStrategy', { oneOf: ['REPLICA', 'DAEMON'] }) ?? 'REPLICA';
  const daemon = scheduling === 'DAEMON';
  const controller = input.object('deploymentController') ?? { type: 'ECS' };
  const external = controller.type === 'EXTERNAL';
  const reference = input.string('taskDefinition');
  // Only the EXTERNAL controller may go without one: its task sets name their own.
  if (reference === undefined && !external) throw invalidParameter('TaskDefinition must be specified.');
  const definition = reference === undefined ? undefined : usableTaskDefinition(context, reference);
  const launch = placement(input, cluster);
  const fargate = usesFargate(launch);
  if (definition !== undefined) checkFargate(definition, fargate);
  if (fargate && daemon)
    throw invalidParameter('The daemon scheduling strategy is not supported with Fargate.');
  const network = networkConfiguration(input.object('networkConfiguration'));
  if (definition !== undefined) checkNetwork(definition, network);
  const desiredCount = input.number('desiredCount', { min: 0 }) ?? 0;
  const balancers =
    definition === undefined
      ? objectList(input.array('loadBalancers'), 'loadBalancers')
      : loadBalancers(context.world, input.array('loadBalancers'), definition);
  const registries = serviceRegistries(context.world, input.array('serviceRegistries'));
  const needsLinkedRole =
    definition?.body.networkMode === 'awsvpc' ||
    balancers.length > 0 ||
    registries.length > 0 ||
    controller.type !== 'ECS';
  const now = context.now();
  const service: EcsService = {
    arn: serviceArn(context.region, context.accountId, cluster.name, name),
    name,
    clusterName: cluster.name,
    status: 'ACTIVE',
    desiredCount,
    taskDefinitionArn: definition?.arn,
    config: {
      loadBalancers: balancers,
      serviceRegistries: registries,
      ...launch,
      platformVersion: fargate
        ? (input.string('platformVersion') ?? 'LATEST')
        : input.string('platformVersion'),
      platformFamily: fargate ? 'Linux' : undefined,
      deploymentConfiguration: deploymentConfiguration(input.object('deploymentConfiguration'), daemon),
      placementConstraints: objectList(input.array('placementConstraints'), 'placementConstraints'),
      placementStrategy: objectList(input.array('placementStrategy'), 'placementStrategy'),
      networkConfiguration: network,
      healthCheckGracePeriodSeconds:
        input.number('healthCheckGracePeriodSeconds', { min: 0, max: 2147483647 }) ?? 0,
      schedulingStrategy: daemon ? 'DAEMON' : 'REPLICA',
      deploymentController: controller,
      enableECSManagedTags: input.boolean('enableECSManagedTags') ?? false,
      propagateTags: propagateTags(input) ?? 'NONE',
      enableExecuteCommand: input.boolean('enableExecuteCommand') ?? false,
      availabilityZoneRebalancing:
        input.string('availabilityZoneRebalancing', { oneOf: ['ENABLED', 'DISABLED'] }) ?? 'ENABLED',
      roleArn: roleArnOf(context.accountId, input.string('role'), needsLinkedRole),
      volumeConfigurations: volumeConfigurations(input.array('volumeConfigurations'), daemon),
    },
    deployments: [],
    events: [],
    createdAt: now,
    createdBy: `arn:aws:iam::${context.accountId}:root`,
    clientToken,
    tags: mergeTags([], readTags(input.array('tags'))),
    lastCompletedTaskDefinitionArn: undefined,
    lastCompletedDeploymentId: undefined,
    liveTaskIds: existing?.liveTaskIds ?? new Set(),
    steady: false,
    changedAt: undefined,
    lastRunAt: Number.NEGATIVE_INFINITY,
    deletedAt: undefined,
  };
  if (!external) startDeployment(service, now);
  cluster.services.set(name, service);
  wake(context, service);
  // CreateService answers the tags it was given (AWS's examples), without include TAGS.
  return { service: renderService(state, service, cluster.arn, service.tags.length > 0) };
};

export function findService(cluster: Cluster, reference: string): EcsService {
  const service = cluster.services.get(nameOf(reference));
  if (service === undefined) throw serviceNotFound();
  return service;
}

function sameJson(a: JsonValue, b: JsonValue): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

const NEW_DEPLOYMENT_MEMBERS = [
  'networkConfiguration',
  'platformVersion',
  'loadBalancers',
  'serviceRegistries',
  'capacityProviderStrategy',
] as const;

const updateService: JsonOperation = (raw, context) => {
  const input = reader(raw);
  const state = stateOf(context);
  const cluster = activeCluster(state, input.string('cluster'));
  const service = findService(cluster, input.requiredString('service'));
  if (service.status !== 'ACTIVE') throw serviceNotActive();
  const config = service.config;
  const current = service.taskDefinitionArn;
  let definition = current === undefined ? undefined : usableTaskDefinition(context, current);
  let redeploy = input.boolean('forceNewDeployment') ?? false;
  const reference = input.string('taskDefinition');
  if (reference !== undefined) {
    definition = usableTaskDefinition(context, reference);
    if (definition.arn !== current) redeploy = true;
  }
  if (input.has('capacityProviderStrategy')) {
    config.capacityProviderStrategy = capacityProviderStrategy(
      input.array('capacityProviderStrategy'),
      'capacityProviderStrategy',
    );
    config.launchType = undefined;
  }
  if (definition !== undefined) checkFargate(definition, usesFargate(config));
  if (input.has('networkConfiguration'))
    config.networkConfiguration = networkConfiguration(input.object('networkConfiguration'));
  if (definition !== undefined) checkNetwork(definition, config.networkConfiguration);
  if (input.has('loadBalancers')) {
    config.loadBalancers =
      definition === undefined
        ? objectList(input.array('loadBalancers'), 'loadBalancers')
        : loadBalancers(context.world, input.array('loadBalancers'), definition);
  } else if (definition !== undefined && definition.arn !== current) {
    loadBalancers(context.world, config.loadBalancers, definition);
  }
  // Given and different from the current ones, volume configurations start a deployment (UpdateService docs).
  if (input.has('volumeConfigurations')) {
    const volumes = volumeConfigurations(
      input.array('volumeConfigurations'),
      config.schedulingStrategy === 'DAEMON',
    );
    if (!sameJson(volumes, config.volumeConfigurations)) redeploy = true;
    config.volumeConfigurations = volumes;
  }
  if (input.has('serviceRegistries'))
    config.serviceRegistries = serviceRegistries(context.world, input.array('serviceRegistries'));
  const platformVersion = input.string('platformVersion');
  if (platformVersion !== undefined) config.platformVersion = platformVersion;
  config.deploymentConfiguration = deploymentConfiguration(
    input.object('deploymentConfiguration'),
    config.schedulingStrategy === 'DAEMON',
    config.deploymentConfiguration,
  );
  const grace = input.number('healthCheckGracePeriodSeconds', { min: 0, max: 2147483647 });
  if (grace !== undefined) config.healthCheckGracePeriodSeconds = grace;
  config.enableExecuteCommand = input.boolean('enableExecuteCommand') ?? config.enableExecuteCommand;
  config.enableECSManagedTags = input.boolean('enableECSManagedTags') ?? config.enableECSManagedTags;
  config.propagateTags = propagateTags(input) ?? config.propagateTags;
  if (input.has('placementConstraints'))
    config.placementConstraints = objectList(input.array('placementConstraints'), 'placementConstraints');
  if (input.has('placementStrategy'))
    config.placementStrategy = objectList(input.array('placementStrategy'), 'placementStrategy');
  config.availabilityZoneRebalancing =
    input.string('availabilityZoneRebalancing', { oneOf: ['ENABLED', 'DISABLED'] }) ??
    config.availabilityZoneRebalancing;
  if (NEW_DEPLOYMENT_MEMBERS.some((member) => input.has(member))) redeploy = true;

  const desiredCount = input.number('desiredCount', { min: 0 });
  if (desiredCount !== undefined) setDesiredCount(service, desiredCount);
  if (definition !== undefined) service.taskDefinitionArn = definition.arn;
  // A service with the EXTERNAL controller deploys through task sets, never through UpdateService.
  if (redeploy && config.deploymentController.type !== 'EXTERNAL') startDeployment(service, context.now());
  service.steady = false;
  wake(context, service);
  return { service: renderService(state, service, cluster.arn, false) };
};

/**
 * Sets the service's desiredCount (UpdateService and Application Auto Scaling). As in AWS, the
 * PRIMARY deployment takes it up when the scheduler next acts, not in the answer.
 */
export function setDesiredCount(service: EcsService, desiredCount: number): void {
  service.desiredCount = desiredCount;
  service.steady = false;
}

const deleteService: JsonOperation = (raw, context) => {
  const input = reader(raw);
  const state = stateOf(context);
  const cluster = activeCluster(state, input.string('cluster'));
  const service = findService(cluster, input.requiredString('service'));
  if (service.status === 'INACTIVE') throw serviceNotFound();
  if (service.status === 'ACTIVE') {
    const force = input.boolean('force') ?? false;
    if (service.desiredCount > 0 && !force) {
      throw invalidParameter('The service cannot be stopped while it is scaled above 0.');
    }
    setDesiredCount(service, 0);
    service.status = 'DRAINING';
    service.deletedAt = context.now();
    wake(context, service);
  }
  return { service: renderService(state, service, cluster.arn, false) };
};

const describeServices: JsonOperation = (raw, context) => {
  const input = reader(raw);
  const state = stateOf(context);
  const references = input.stringArray('services') ?? [];
  if (references.length === 0) throw invalidParameter('Services cannot be empty.');
  if (references.length > 10) throw invalidParameter('Too many services were specified; the maximum is 10.');
  const cluster = activeCluster(state, input.string('cluster'));
  const withTags = wantsInclude(input.stringArray('include'), 'TAGS');
  const services: JsonObject[] = [];
  const failures: JsonObject[] = [];
  for (const reference of references) {
    const service = cluster.services.get(nameOf(reference));
    if (service === undefined) {
      const arn = reference.startsWith('arn:')
        ? reference
        : serviceArn(context.region, context.accountId, cluster.name, reference);
      failures.push({ arn, reason: 'MISSING' });
    } else {
      services.push(renderService(state, service, cluster.arn, withTags));
    }
  }
  return { services, failures };
};

const listServices: JsonOperation = (raw, context) => {
  const input = reader(raw);
  const cluster = activeCluster(stateOf(context), input.string('cluster'));
  const launchType = input.string('launchType');
  const scheduling = input.string('schedulingStrategy', { oneOf: ['REPLICA', 'DAEMON'] });
  const limit = maxResults(input, 10);
  const arns: string[] = [];
  for (const service of cluster.services.values()) {
    if (service.status === 'INACTIVE') continue;
    if (launchType !== undefined && service.config.launchType !== launchType) continue;
    if (scheduling !== undefined && service.config.schedulingStrategy !== scheduling) continue;
    arns.push(service.arn);
  }
  const result = page(arns, input.string('nextToken'), limit);
  return compact({ serviceArns: result.items, nextToken: result.nextToken });
};

export const serviceOperations: Record<string, JsonOperation> = {
  CreateService: createService,
  UpdateService: updateService,
  DeleteService: deleteService,
  DescribeServices: describeServices,
  ListServices: listServices,
};
