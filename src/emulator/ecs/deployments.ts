import { deploymentId } from './arns.ts';
import type { Deployment, EcsService } from './state.ts';

/** Starts a new PRIMARY deployment; the previous ones become ACTIVE and drain. */
export function startDeployment(service: EcsService, now: number, reason = ''): Deployment {
  for (const deployment of service.deployments) {
    deployment.status = 'ACTIVE';
    deployment.updatedAt = now;
  }
  const deployment: Deployment = {
    id: deploymentId(),
    status: 'PRIMARY',
    taskDefinitionArn: service.taskDefinitionArn,
    desiredCount: service.desiredCount,
    failedTasks: 0,
    createdAt: now,
    updatedAt: now,
    rolloutState: 'IN_PROGRESS',
    rolloutStateReason: reason === '' ? 'ECS deployment ecs-svc in progress.' : reason,
    launchType: service.config.launchType,
    capacityProviderStrategy: service.config.capacityProviderStrategy,
    platformVersion: service.config.platformVersion,
    networkConfiguration: service.config.networkConfiguration,
  };
  if (reason === '') deployment.rolloutStateReason = `ECS deployment ${deployment.id} in progress.`;
  service.deployments.unshift(deployment);
  service.steady = false;
  return deployment;
}

export function primaryOf(service: EcsService): Deployment | undefined {
  return service.deployments.find((deployment) => deployment.status === 'PRIMARY');
}

/** The circuit breaker's failed-task threshold: ceil(0.5 × desired), between 3 and 200 (AWS docs). */
export function failureThreshold(desiredCount: number): number {
  return Math.min(200, Math.max(3, Math.ceil(desiredCount / 2)));
}
