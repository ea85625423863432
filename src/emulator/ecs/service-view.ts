import type { JsonObject } from '../core/json.ts';
import { compact, epoch, renderTags } from './render.ts';
import type { Deployment, EcsService, EcsState } from './state.ts';

interface Counts {
  running: number;
  pending: number;
}

/** Running and pending tasks per deployment id, and in total under ''. */
export function taskCounts(state: EcsState, service: EcsService): Map<string, Counts> {
  const counts = new Map<string, Counts>([['', { running: 0, pending: 0 }]]);
  for (const id of service.liveTaskIds) {
    const task = state.tasks.get(id);
    if (task === undefined || task.desiredStatus !== 'RUNNING') continue;
    const key = task.deploymentId ?? '';
    const perDeployment = counts.get(key) ?? { running: 0, pending: 0 };
    counts.set(key, perDeployment);
    const total = counts.get('') as Counts;
    if (task.lastStatus === 'RUNNING') {
      perDeployment.running += 1;
      if (key !== '') total.running += 1;
    } else if (task.lastStatus === 'PROVISIONING' || task.lastStatus === 'PENDING') {
      perDeployment.pending += 1;
      if (key !== '') total.pending += 1;
    }
  }
  return counts;
}

function renderDeployment(
  service: EcsService,
  deployment: Deployment,
  counts: Counts | undefined,
): JsonObject {
  return compact({
    id: deployment.id,
    status: deployment.status,
    taskDefinition: deployment.taskDefinitionArn,
    desiredCount: deployment.desiredCount,
    pendingCount: counts?.pending ?? 0,
    runningCount: counts?.running ?? 0,
    failedTasks: deployment.failedTasks,
    createdAt: epoch(deployment.createdAt),
    updatedAt: epoch(deployment.updatedAt),
    capacityProviderStrategy: deployment.capacityProviderStrategy,
    launchType: deployment.launchType,
    platformVersion: deployment.platformVersion,
    platformFamily: service.config.platformFamily,
    networkConfiguration: deployment.networkConfiguration,
    rolloutState: deployment.rolloutState,
    rolloutStateReason: deployment.rolloutStateReason,
    volumeConfigurations:
      deployment.volumeConfigurations.length > 0 ? deployment.volumeConfigurations : undefined,
  });
}

export function renderService(
  state: EcsState,
  service: EcsService,
  clusterArn: string,
  withTags: boolean,
): JsonObject {
  const counts = taskCounts(state, service);
  const total = counts.get('') ?? { running: 0, pending: 0 };
  const config = service.config;
  return compact({
    serviceArn: service.arn,
    serviceName: service.name,
    clusterArn,
    loadBalancers: config.loadBalancers,
    serviceRegistries: config.serviceRegistries,
    status: service.status,
    desiredCount: service.desiredCount,
    runningCount: total.running,
    pendingCount: total.pending,
    launchType: config.launchType,
    capacityProviderStrategy: config.capacityProviderStrategy,
    platformVersion: config.platformVersion,
    platformFamily: config.platformFamily,
    taskDefinition: service.taskDefinitionArn,
    deploymentConfiguration: config.deploymentConfiguration,
    taskSets: config.deploymentController.type === 'EXTERNAL' ? [] : undefined,
    deployments: service.deployments.map((deployment) =>
      renderDeployment(service, deployment, counts.get(deployment.id)),
    ),
    roleArn: config.roleArn,
    events: service.events.map((event) => ({
      id: event.id,
      createdAt: epoch(event.createdAt),
      message: event.message,
    })),
    createdAt: epoch(service.createdAt),
    placementConstraints: config.placementConstraints,
    placementStrategy: config.placementStrategy,
    networkConfiguration: config.networkConfiguration,
    healthCheckGracePeriodSeconds: config.healthCheckGracePeriodSeconds,
    schedulingStrategy: config.schedulingStrategy,
    deploymentController: config.deploymentController,
    tags: withTags ? renderTags(service.tags) : undefined,
    createdBy: service.createdBy,
    enableECSManagedTags: config.enableECSManagedTags,
    propagateTags: config.propagateTags,
    enableExecuteCommand: config.enableExecuteCommand,
    availabilityZoneRebalancing: config.availabilityZoneRebalancing,
  });
}
