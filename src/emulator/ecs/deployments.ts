import { deploymentId } from './arns.ts';
import { openServiceDeployment } from './rollout/records.ts';
import type { Deployment, EcsService, ServiceConfig } from './state.ts';

/** The Fargate platform version LATEST stands for (Linux 1.4.0, Windows 1.0.0), as deployments and tasks show it. */
export function resolvedPlatformVersion(
  config: Pick<ServiceConfig, 'platformVersion' | 'platformFamily'>,
): string | undefined {
  if (config.platformVersion !== 'LATEST') return config.platformVersion;
  return config.platformFamily?.startsWith('WINDOWS') === true ? '1.0.0' : '1.4.0';
}

/**
 * Starts a new PRIMARY deployment; the previous ones become ACTIVE and drain. As in AWS, it
 * starts at desiredCount 0 and the scheduler raises it to the service's count when it acts.
 * A service without a task definition (EXTERNAL controller) has no deployments.
 */
export function startDeployment(service: EcsService, now: number, reason = ''): Deployment | undefined {
  const taskDefinitionArn = service.taskDefinitionArn;
  if (taskDefinitionArn === undefined) return undefined;
  for (const deployment of service.deployments) {
    deployment.status = 'ACTIVE';
    deployment.updatedAt = now;
  }
  const id = deploymentId();
  const deployment: Deployment = {
    id,
    status: 'PRIMARY',
    taskDefinitionArn,
    desiredCount: 0,
    failedTasks: 0,
    createdAt: now,
    updatedAt: now,
    rolloutState: 'IN_PROGRESS',
    rolloutStateReason: reason === '' ? `ECS deployment ${id} in progress.` : reason,
    launchType: service.config.launchType,
    capacityProviderStrategy: service.config.capacityProviderStrategy,
    platformVersion: resolvedPlatformVersion(service.config),
    networkConfiguration: service.config.networkConfiguration,
    volumeConfigurations: service.config.volumeConfigurations,
  };
  service.deployments.unshift(deployment);
  service.steady = false;
  openServiceDeployment(service, deployment, now);
  return deployment;
}

export function primaryOf(service: EcsService): Deployment | undefined {
  return service.deployments.find((deployment) => deployment.status === 'PRIMARY');
}

/** The circuit breaker's failed-task threshold: ceil(0.5 × desired), between 3 and 200 (AWS docs). */
export function failureThreshold(desiredCount: number): number {
  return Math.min(200, Math.max(3, Math.ceil(desiredCount / 2)));
}
