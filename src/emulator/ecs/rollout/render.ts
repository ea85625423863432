import { isJsonObject, type JsonObject } from '../../core/json.ts';
import { failureThreshold } from '../deployments.ts';
import { compact, epoch } from '../render.ts';
import { taskCounts } from '../service-view.ts';
import type { Deployment, EcsService, EcsState, TaskDefinition } from '../state.ts';
import { isActive, type ServiceDeploymentRecord, type ServiceRevisionRecord } from './state.ts';

function time(ms: number | undefined): number | undefined {
  return ms === undefined ? undefined : epoch(ms);
}

function revisionSummary(
  counts: ReturnType<typeof taskCounts>,
  service: EcsService,
  deployment: Deployment,
  arn: string,
  weights: { production: number; test: number } | undefined,
): JsonObject {
  const live = service.deployments.includes(deployment);
  const count = counts.get(deployment.id);
  return compact({
    arn,
    requestedTaskCount: live ? deployment.desiredCount : 0,
    runningTaskCount: count?.running ?? 0,
    pendingTaskCount: count?.pending ?? 0,
    requestedProductionTrafficWeight: weights?.production,
    requestedTestTrafficWeight: weights?.test,
  });
}

function monitorStatus(record: ServiceDeploymentRecord, enabled: boolean, triggered: boolean): string {
  if (!enabled) return 'DISABLED';
  if (triggered) return 'TRIGGERED';
  return isActive(record) ? 'MONITORING' : 'MONITORING_COMPLETE';
}

/** Disabled alarm monitoring answers its status alone, as the CLI's describe-service-deployments prints. */
function alarmsOf(record: ServiceDeploymentRecord, alarms: JsonObject | undefined): JsonObject | undefined {
  if (alarms === undefined) return undefined;
  if (alarms.enable !== true) return { status: 'DISABLED' };
  return {
    status: monitorStatus(record, true, record.triggeredAlarmNames.length > 0),
    alarmNames: alarms.alarmNames,
    triggeredAlarmNames: record.triggeredAlarmNames,
  };
}

export function renderServiceDeployment(
  state: EcsState,
  service: EcsService,
  record: ServiceDeploymentRecord,
): JsonObject {
  const counts = taskCounts(state, service);
  const config = record.deploymentConfiguration;
  const breaker = isJsonObject(config.deploymentCircuitBreaker) ? config.deploymentCircuitBreaker : {};
  const alarms = isJsonObject(config.alarms) ? config.alarms : undefined;
  const shifted = record.shifting
    ? { production: record.productionWeight, test: record.testWeight }
    : undefined;
  return compact({
    serviceDeploymentArn: record.arn,
    serviceArn: record.serviceArn,
    clusterArn: record.clusterArn,
    createdAt: epoch(record.createdAt),
    startedAt: time(record.startedAt),
    finishedAt: time(record.finishedAt),
    stoppedAt: time(record.stoppedAt),
    updatedAt: epoch(record.updatedAt),
    sourceServiceRevisions: record.sources.map((source) =>
      revisionSummary(
        counts,
        service,
        source.deployment,
        source.revisionArn,
        shifted === undefined
          ? undefined
          : { production: 100 - shifted.production, test: 100 - shifted.test },
      ),
    ),
    targetServiceRevision: revisionSummary(counts, service, record.target, record.targetRevisionArn, shifted),
    status: record.status,
    statusReason: record.statusReason === '' ? undefined : record.statusReason,
    lifecycleStage: record.lifecycleStage,
    lifecycleHookDetails:
      record.hooks.length === 0
        ? undefined
        : record.hooks.map((hook) =>
            compact({
              hookId: hook.hookId,
              targetType: hook.targetType,
              targetArn: hook.targetArn,
              status: hook.status,
              expiresAt: epoch(hook.expiresAt),
              timeoutAction: hook.timeoutAction,
            }),
          ),
    deploymentConfiguration: config,
    rollback:
      record.rollback === undefined
        ? undefined
        : {
            reason: record.rollback.reason,
            startedAt: epoch(record.rollback.startedAt),
            serviceRevisionArn: record.rollback.serviceRevisionArn,
          },
    deploymentCircuitBreaker: {
      status: monitorStatus(record, breaker.enable === true, record.circuitBreakerTriggered),
      failureCount: record.target.failedTasks,
      threshold: failureThreshold(record.target.desiredCount),
    },
    alarms: alarmsOf(record, alarms),
  });
}

export function renderServiceDeploymentBrief(record: ServiceDeploymentRecord): JsonObject {
  return compact({
    serviceDeploymentArn: record.arn,
    serviceArn: record.serviceArn,
    clusterArn: record.clusterArn,
    startedAt: time(record.startedAt),
    createdAt: epoch(record.createdAt),
    finishedAt: time(record.finishedAt),
    targetServiceRevisionArn: record.targetRevisionArn,
    status: record.status,
    statusReason: record.statusReason === '' ? undefined : record.statusReason,
  });
}

/** A service revision, with the container images of its task definition. */
export function renderRevision(
  revision: ServiceRevisionRecord,
  definition: TaskDefinition | undefined,
): JsonObject {
  const containers = definition?.body.containerDefinitions;
  const images = (Array.isArray(containers) ? containers : []).filter(isJsonObject).map((container) => ({
    containerName: String(container.name),
    image: String(container.image),
  }));
  return compact({
    serviceRevisionArn: revision.arn,
    serviceArn: revision.serviceArn,
    clusterArn: revision.clusterArn,
    ...revision.config,
    containerImages: images,
    guardDutyEnabled: false,
    // The emulator runs no Service Connect; ECS answers this for a revision without it.
    serviceConnectConfiguration: { enabled: false },
    createdAt: epoch(revision.createdAt),
  });
}
