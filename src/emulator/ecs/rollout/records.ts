import { isJsonObject, type JsonObject } from '../../core/json.ts';
import type { Deployment, EcsService } from '../state.ts';
import { serviceDeploymentArn, serviceRevisionArn } from './arns.ts';
import {
  isActive,
  type ServiceDeploymentRecord,
  type ServiceDeploymentStatus,
  type ServiceRollout,
  type TrafficRoute,
} from './state.ts';

export function rolloutOf(service: EcsService): ServiceRollout {
  service.rollout ??= {
    deployments: [],
    revisions: new Map(),
    revisionOfDeployment: new Map(),
    productionTargetGroup: new Map(),
    rollingBackFor: undefined,
  };
  return service.rollout;
}

export function strategyOf(service: EcsService): string {
  const strategy = service.config.deploymentConfiguration.strategy;
  return typeof strategy === 'string' ? strategy : 'ROLLING';
}

function clusterArnOf(service: EcsService): string {
  return service.arn.replace(/:service\/([^/]+)\/.*$/, ':cluster/$1');
}

/** The target group pairs a traffic-shifting deployment moves between: blue serves production now. */
function routesOf(service: EcsService, rollout: ServiceRollout): TrafficRoute[] {
  const routes: TrafficRoute[] = [];
  for (const lb of service.config.loadBalancers) {
    const advanced = lb.advancedConfiguration;
    if (!isJsonObject(advanced) || typeof lb.targetGroupArn !== 'string') continue;
    const configured = lb.targetGroupArn;
    const alternate = String(advanced.alternateTargetGroupArn);
    const blue = rollout.productionTargetGroup.get(configured) ?? configured;
    routes.push({
      configuredTargetGroupArn: configured,
      blueTargetGroupArn: blue,
      greenTargetGroupArn: blue === configured ? alternate : configured,
      productionListenerRule:
        typeof advanced.productionListenerRule === 'string' ? advanced.productionListenerRule : undefined,
      testListenerRule: typeof advanced.testListenerRule === 'string' ? advanced.testListenerRule : undefined,
    });
  }
  return routes;
}

function revisionConfig(service: EcsService, deployment: Deployment): JsonObject {
  const config = service.config;
  return {
    taskDefinition: deployment.taskDefinitionArn,
    capacityProviderStrategy: deployment.capacityProviderStrategy,
    launchType: deployment.launchType,
    platformVersion: deployment.platformVersion,
    platformFamily: config.platformFamily,
    // Left out when empty, as ECS's printed revisions have them.
    loadBalancers: config.loadBalancers.length > 0 ? structuredClone(config.loadBalancers) : undefined,
    serviceRegistries:
      config.serviceRegistries.length > 0 ? structuredClone(config.serviceRegistries) : undefined,
    networkConfiguration: deployment.networkConfiguration,
    volumeConfigurations:
      deployment.volumeConfigurations.length > 0 ? deployment.volumeConfigurations : undefined,
  };
}

/**
 * Records the service deployment (and its target revision) a new ECS deployment starts. A deployment
 * started to roll a failed one back belongs to that one's record instead. Deployments still in
 * progress are superseded: ECS stops them.
 */
export function openServiceDeployment(service: EcsService, deployment: Deployment, now: number): void {
  const rollout = rolloutOf(service);
  const rollingBack = rollout.rollingBackFor;
  if (rollingBack !== undefined) {
    rollout.rollingBackFor = undefined;
    rollingBack.rollbackDeployment = deployment;
    rollout.revisionOfDeployment.set(deployment.id, rollingBack.rollback?.serviceRevisionArn ?? '');
    return;
  }
  for (const record of rollout.deployments) {
    if (!isActive(record)) continue;
    record.status = 'STOPPED';
    record.statusReason = 'Service deployment stopped: a new service deployment started.';
    record.stoppedAt = now;
    record.finishedAt = now;
    record.updatedAt = now;
  }
  const revision = {
    arn: serviceRevisionArn(service.arn),
    serviceArn: service.arn,
    clusterArn: clusterArnOf(service),
    taskDefinitionArn: deployment.taskDefinitionArn,
    config: revisionConfig(service, deployment),
    createdAt: now,
  };
  rollout.revisions.set(revision.arn, revision);
  rollout.revisionOfDeployment.set(deployment.id, revision.arn);
  const sources = service.deployments
    .filter((other) => other !== deployment)
    .map((other) => ({ deployment: other, revisionArn: rollout.revisionOfDeployment.get(other.id) ?? '' }))
    .filter((source) => source.revisionArn !== '');
  const strategy = strategyOf(service);
  rollout.deployments.unshift({
    arn: serviceDeploymentArn(service.arn),
    serviceArn: service.arn,
    clusterArn: revision.clusterArn,
    strategy,
    createdAt: now,
    startedAt: undefined,
    finishedAt: undefined,
    stoppedAt: undefined,
    updatedAt: now,
    target: deployment,
    targetRevisionArn: revision.arn,
    sources,
    status: 'PENDING',
    statusReason: '',
    lifecycleStage: undefined,
    stageAt: now,
    hooks: [],
    deploymentConfiguration: structuredClone(service.config.deploymentConfiguration),
    rollback: undefined,
    rollbackDeployment: undefined,
    circuitBreakerTriggered: false,
    triggeredAlarmNames: [],
    productionWeight: 0,
    testWeight: 0,
    routes: routesOf(service, rollout),
    shifting: strategy !== 'ROLLING' && sources.some((source) => source.deployment.desiredCount > 0),
  });
}

/** The record that rolls `deployment` out, if any. */
export function recordOfDeployment(
  service: EcsService,
  deployment: Deployment,
): ServiceDeploymentRecord | undefined {
  return service.rollout?.deployments.find((record) => record.target === deployment);
}

/** The service's newest service deployment while it is not finished. */
export function currentRecord(service: EcsService): ServiceDeploymentRecord | undefined {
  const record = service.rollout?.deployments[0];
  return record !== undefined && isActive(record) ? record : undefined;
}

/** Ends a service deployment with a final status. */
export function finishRecord(
  record: ServiceDeploymentRecord,
  status: ServiceDeploymentStatus,
  reason: string,
  now: number,
): void {
  record.status = status;
  record.statusReason = reason;
  record.finishedAt = now;
  record.updatedAt = now;
}
