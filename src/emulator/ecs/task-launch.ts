import { randomHex, uuid } from '../core/ids.ts';
import { isJsonObject, type JsonObject } from '../core/json.ts';
import { containerArn, taskArn, taskId } from './arns.ts';
import type {
  Cluster,
  ContainerState,
  Deployment,
  EcsService,
  EcsState,
  Tag,
  Task,
  TaskDefinition,
} from './state.ts';
import { PROVISIONING_MS } from './timing.ts';

const ZONE_LETTERS = ['a', 'b', 'c'];

/** A private IPv4 address unique in the region: 10.0.0.10, 10.0.0.11, ... */
function nextIp(state: EcsState): string {
  const n = state.nextIp;
  state.nextIp += 1;
  return `10.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
}

function macAddress(): string {
  return `0e:${randomHex(5).match(/../g)?.join(':') ?? '00:00:00:00:00'}`;
}

function containersOf(
  region: string,
  account: string,
  cluster: string,
  id: string,
  definition: TaskDefinition,
): ContainerState[] {
  const list = definition.body.containerDefinitions;
  const containers: ContainerState[] = [];
  for (const container of Array.isArray(list) ? list : []) {
    if (!isJsonObject(container)) continue;
    const check = isJsonObject(container.healthCheck) ? container.healthCheck : undefined;
    const interval = typeof check?.interval === 'number' ? check.interval : 30;
    const startPeriod = typeof check?.startPeriod === 'number' ? check.startPeriod : 0;
    containers.push({
      arn: containerArn(region, account, cluster, id),
      name: String(container.name),
      image: String(container.image),
      essential: container.essential !== false,
      hasHealthCheck: check !== undefined,
      healthyAfterMs: Math.max(interval, startPeriod) * 1000,
      lastStatus: 'PENDING',
      healthStatus: 'UNKNOWN',
      exitCode: undefined,
      // Fargate's runtime ids are the task id and a 32-bit number: `<task id>-265927825`.
      runtimeId: `${id}-${Number.parseInt(randomHex(4), 16)}`,
      cpu: String(typeof container.cpu === 'number' ? container.cpu : 0),
      memory: typeof container.memory === 'number' ? String(container.memory) : undefined,
    });
  }
  return containers;
}

/** What differs between a service's task and a one-off task at launch. */
export interface LaunchOptions {
  readonly serviceName: string | undefined;
  readonly deploymentId: string | undefined;
  readonly startedBy: string | undefined;
  readonly group: string;
  readonly launchType: string;
  readonly platformVersion: string | undefined;
  readonly networkConfiguration: JsonObject | undefined;
  readonly tags: Tag[];
}

/** Places one task: PROVISIONING, with its ENI and IP, in the cluster's task list. */
function placeTask(
  state: EcsState,
  cluster: Cluster,
  definition: TaskDefinition,
  options: LaunchOptions,
  now: number,
): Task {
  const id = taskId();
  const [region = '', account = ''] = cluster.arn.split(':').slice(3, 5);
  const vpc = options.networkConfiguration?.awsvpcConfiguration;
  const subnets =
    isJsonObject(vpc) && Array.isArray(vpc.subnets) ? vpc.subnets.map(String) : ['subnet-00000000'];
  const index = state.nextIp % subnets.length;
  const task: Task = {
    id,
    arn: taskArn(region, account, cluster.name, id),
    clusterName: cluster.name,
    serviceName: options.serviceName,
    deploymentId: options.deploymentId,
    taskDefinitionArn: definition.arn,
    family: definition.family,
    startedBy: options.startedBy,
    group: options.group,
    launchType: options.launchType,
    platformVersion: options.platformVersion === 'LATEST' ? '1.4.0' : options.platformVersion,
    cpu: typeof definition.body.cpu === 'string' ? definition.body.cpu : undefined,
    memory: typeof definition.body.memory === 'string' ? definition.body.memory : undefined,
    availabilityZone: `${region}${ZONE_LETTERS[state.nextIp % ZONE_LETTERS.length] ?? 'a'}`,
    privateIp: nextIp(state),
    subnetId: subnets[index] ?? 'subnet-00000000',
    eniId: `eni-${randomHex(9).slice(0, 17)}`,
    attachmentId: uuid(),
    macAddress: macAddress(),
    containers: containersOf(region, account, cluster.name, id, definition),
    createdAt: now,
    lastStatus: 'PROVISIONING',
    desiredStatus: 'RUNNING',
    healthStatus: 'UNKNOWN',
    pullStartedAt: undefined,
    pullStoppedAt: undefined,
    startedAt: undefined,
    stoppingAt: undefined,
    stoppedAt: undefined,
    executionStoppedAt: undefined,
    stopCode: undefined,
    stoppedReason: undefined,
    lastSeenAt: now,
    nextStepAt: now + PROVISIONING_MS,
    crashAt: undefined,
    targets: [],
    registries: [],
    version: 1,
    tags: options.tags,
  };
  state.tasks.set(id, task);
  cluster.taskIds.add(id);
  return task;
}

/** Places one task of a service's deployment: PROVISIONING, with its ENI and IP. */
export function launchTask(
  state: EcsState,
  cluster: Cluster,
  service: EcsService,
  deployment: Deployment,
  definition: TaskDefinition,
  now: number,
): Task {
  const task = placeTask(
    state,
    cluster,
    definition,
    {
      serviceName: service.name,
      deploymentId: deployment.id,
      startedBy: deployment.id,
      group: `service:${service.name}`,
      launchType: deployment.launchType ?? 'FARGATE',
      platformVersion: service.config.platformVersion,
      networkConfiguration: service.config.networkConfiguration,
      tags: service.config.propagateTags === 'SERVICE' ? [...service.tags] : [],
    },
    now,
  );
  service.liveTaskIds.add(task.id);
  return task;
}

/** Places one task started by RunTask, belonging to no service. */
export function launchStandaloneTask(
  state: EcsState,
  cluster: Cluster,
  definition: TaskDefinition,
  options: Omit<LaunchOptions, 'serviceName' | 'deploymentId'>,
  now: number,
): Task {
  return placeTask(
    state,
    cluster,
    definition,
    { ...options, serviceName: undefined, deploymentId: undefined },
    now,
  );
}
