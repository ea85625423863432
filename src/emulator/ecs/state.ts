import type { JsonObject } from '../core/json.ts';
import type { StateKey } from '../core/world.ts';
import type { ServiceRollout } from './rollout/state.ts';

export interface Tag {
  key: string;
  value: string;
}

export interface Cluster {
  readonly arn: string;
  readonly name: string;
  status: 'ACTIVE' | 'INACTIVE';
  tags: Tag[];
  settings: Array<{ name: string; value: string }>;
  configuration: JsonObject | undefined;
  capacityProviders: string[];
  defaultCapacityProviderStrategy: JsonObject[];
  /** The scaling policies ECS keeps for Auto Scaling group capacity providers (ATTACHMENTS). */
  attachments: ClusterAttachment[];
  /** UPDATE_IN_PROGRESS after a capacity provider change, UPDATE_COMPLETE once settled; unset before any. */
  attachmentsStatus: 'UPDATE_IN_PROGRESS' | 'UPDATE_COMPLETE' | undefined;
  /** When a capacity provider change settles, in clock time. */
  attachmentsSettleAt: number;
  /** Services of this cluster by name (ACTIVE, DRAINING and INACTIVE). */
  readonly services: Map<string, EcsService>;
  /** Task ids of this cluster, in start order. */
  readonly taskIds: Set<string>;
}

export interface ClusterAttachment {
  readonly id: string;
  readonly capacityProvider: string;
  readonly scalingPolicyName: string;
  status: 'ACTIVE' | 'CREATED' | 'DELETING';
}

/** A registered revision, stored as DescribeTaskDefinition renders it. */
export interface TaskDefinition {
  readonly arn: string;
  readonly family: string;
  readonly revision: number;
  readonly body: JsonObject;
  tags: Tag[];
}

export type DeploymentStatus = 'PRIMARY' | 'ACTIVE';
export type RolloutState = 'IN_PROGRESS' | 'COMPLETED' | 'FAILED';

export interface Deployment {
  readonly id: string;
  status: DeploymentStatus;
  readonly taskDefinitionArn: string;
  desiredCount: number;
  failedTasks: number;
  readonly createdAt: number;
  updatedAt: number;
  rolloutState: RolloutState;
  rolloutStateReason: string;
  readonly launchType: string | undefined;
  readonly capacityProviderStrategy: JsonObject[] | undefined;
  readonly platformVersion: string | undefined;
  readonly networkConfiguration: JsonObject | undefined;
  readonly volumeConfigurations: JsonObject[];
}

export interface ServiceEvent {
  readonly id: string;
  readonly createdAt: number;
  readonly message: string;
}

export interface EcsService {
  readonly arn: string;
  readonly name: string;
  readonly clusterName: string;
  status: 'ACTIVE' | 'DRAINING' | 'INACTIVE';
  desiredCount: number;
  /** Unset only for a service with the EXTERNAL deployment controller created without one. */
  taskDefinitionArn: string | undefined;
  /** The CreateService/UpdateService members echoed back by DescribeServices. */
  config: ServiceConfig;
  deployments: Deployment[];
  events: ServiceEvent[];
  readonly createdAt: number;
  readonly createdBy: string;
  readonly clientToken: string | undefined;
  tags: Tag[];
  /** Task definition of the last deployment that reached COMPLETED (rollback target). */
  lastCompletedTaskDefinitionArn: string | undefined;
  lastCompletedDeploymentId: string | undefined;
  /** Task ids of this service that are not yet STOPPED. */
  readonly liveTaskIds: Set<string>;
  steady: boolean;
  /** Set by a request that changed the service: the scheduler acts from then on the next tick. */
  changedAt: number | undefined;
  /** When the scheduler last looked at this service. */
  lastRunAt: number;
  deletedAt: number | undefined;
  /** Service deployment and revision records, and blue/green traffic routing (created on first deployment). */
  rollout?: ServiceRollout;
}

export interface ServiceConfig {
  loadBalancers: JsonObject[];
  serviceRegistries: JsonObject[];
  launchType: string | undefined;
  capacityProviderStrategy: JsonObject[] | undefined;
  platformVersion: string | undefined;
  platformFamily: string | undefined;
  deploymentConfiguration: JsonObject;
  placementConstraints: JsonObject[];
  placementStrategy: JsonObject[];
  networkConfiguration: JsonObject | undefined;
  healthCheckGracePeriodSeconds: number;
  schedulingStrategy: 'REPLICA' | 'DAEMON';
  deploymentController: JsonObject;
  enableECSManagedTags: boolean;
  propagateTags: string;
  enableExecuteCommand: boolean;
  availabilityZoneRebalancing: string;
  roleArn: string | undefined;
  volumeConfigurations: JsonObject[];
}

export type TaskStatus = 'PROVISIONING' | 'PENDING' | 'RUNNING' | 'DEACTIVATING' | 'STOPPING' | 'STOPPED';

export interface ContainerState {
  readonly arn: string;
  readonly name: string;
  readonly image: string;
  readonly essential: boolean;
  readonly hasHealthCheck: boolean;
  /** Seconds after RUNNING before the container health check first passes. */
  readonly healthyAfterMs: number;
  lastStatus: 'PENDING' | 'RUNNING' | 'STOPPED';
  healthStatus: 'HEALTHY' | 'UNHEALTHY' | 'UNKNOWN';
  exitCode: number | undefined;
  readonly runtimeId: string;
  readonly cpu: string;
  readonly memory: string | undefined;
}

export interface Task {
  readonly id: string;
  readonly arn: string;
  readonly clusterName: string;
  readonly serviceName: string | undefined;
  readonly deploymentId: string | undefined;
  readonly taskDefinitionArn: string;
  readonly family: string;
  readonly startedBy: string | undefined;
  readonly group: string;
  readonly launchType: string;
  readonly platformVersion: string | undefined;
  readonly cpu: string | undefined;
  readonly memory: string | undefined;
  readonly availabilityZone: string;
  readonly privateIp: string;
  readonly subnetId: string;
  readonly eniId: string;
  readonly attachmentId: string;
  readonly macAddress: string;
  readonly containers: ContainerState[];
  readonly createdAt: number;
  lastStatus: TaskStatus;
  desiredStatus: 'RUNNING' | 'STOPPED';
  healthStatus: 'HEALTHY' | 'UNHEALTHY' | 'UNKNOWN';
  pullStartedAt: number | undefined;
  pullStoppedAt: number | undefined;
  startedAt: number | undefined;
  stoppingAt: number | undefined;
  stoppedAt: number | undefined;
  executionStoppedAt: number | undefined;
  stopCode: string | undefined;
  stoppedReason: string | undefined;
  /** The latest time this task's life was moved to. */
  lastSeenAt: number;
  /** When the next lifecycle step is due. */
  nextStepAt: number;
  /** When an image with behaviour 'crash' exits (set once RUNNING). */
  crashAt: number | undefined;
  /** Target groups ([arn, port]) and registries this task is registered in. */
  targets: Array<{ targetGroupArn: string; port: number }>;
  registries: string[];
  version: number;
  tags: Tag[];
}

export interface EcsState {
  readonly clusters: Map<string, Cluster>;
  /** Revisions per family, index = revision - 1. */
  readonly families: Map<string, TaskDefinition[]>;
  readonly tasks: Map<string, Task>;
  /** Stopped task ids in stop order, dropped after their retention. */
  readonly stoppedQueue: string[];
  /** Services that need a look on the next tick: `cluster/name`. */
  readonly awake: Set<string>;
  /** Service ARNs by client token, for idempotent CreateService. */
  readonly clientTokens: Map<string, string>;
  nextIp: number;
}

export const ECS_STATE: StateKey<EcsState> = {
  name: 'ecs',
  create: () => ({
    clusters: new Map(),
    families: new Map(),
    tasks: new Map(),
    stoppedQueue: [],
    awake: new Set(),
    clientTokens: new Map(),
    nextIp: 10,
  }),
};

export function serviceKey(clusterName: string, serviceName: string): string {
  return `${clusterName}/${serviceName}`;
}

/** Puts a changed service on the scheduler's list; the next tick reconciles it from `now`. */
export function wakeService(state: EcsState, service: EcsService, now: number): void {
  state.awake.add(serviceKey(service.clusterName, service.name));
  service.changedAt = Math.min(service.changedAt ?? Number.POSITIVE_INFINITY, now);
}
