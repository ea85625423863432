import type { RegionWorld } from '../../core/world.ts';
import { startDeployment } from '../deployments.ts';
import { type Deployment, ECS_STATE, type EcsService } from '../state.ts';
import { findTaskDefinition } from '../task-definitions.ts';
import { currentRecord, finishRecord } from './records.ts';
import { applyWeights } from './traffic.ts';

export interface RollbackOptions {
  /** The reason the rolling rollback's new ECS deployment shows (rolloutStateReason). */
  readonly deploymentReason?: string;
  readonly circuitBreaker?: boolean;
}

/**
 * Rolls a failed deployment back to the revision it replaced. With blue tasks still running
 * (blue/green, linear, canary before CLEAN_UP), traffic returns to blue and the green tasks stop;
 * otherwise, as a rolling update, a new deployment of the last completed task definition starts.
 * False when there is nothing to roll back to.
 */
export function rollBack(
  world: RegionWorld,
  service: EcsService,
  failed: Deployment,
  reason: string,
  now: number,
  options: RollbackOptions = {},
): boolean {
  const record = currentRecord(service);
  const owned = record !== undefined && record.target === failed ? record : undefined;
  if (owned !== undefined) {
    owned.status = 'ROLLBACK_IN_PROGRESS';
    owned.statusReason = reason;
    owned.updatedAt = now;
    owned.circuitBreakerTriggered ||= options.circuitBreaker === true;
    owned.rollback = { reason, startedAt: now, serviceRevisionArn: owned.sources[0]?.revisionArn ?? '' };
  }
  if (failed.rolloutState === 'IN_PROGRESS') {
    failed.rolloutState = 'FAILED';
    failed.rolloutStateReason = reason;
    failed.updatedAt = now;
  }
  const blue =
    owned?.shifting === true && owned.lifecycleStage !== 'CLEAN_UP'
      ? owned.sources.find(
          (source) => service.deployments.includes(source.deployment) && source.deployment.desiredCount > 0,
        )
      : undefined;
  if (owned !== undefined && blue !== undefined) {
    owned.productionWeight = 0;
    owned.testWeight = 0;
    applyWeights(world, owned);
    for (const deployment of service.deployments) deployment.status = 'ACTIVE';
    blue.deployment.status = 'PRIMARY';
    blue.deployment.updatedAt = now;
    failed.desiredCount = 0;
    service.taskDefinitionArn = blue.deployment.taskDefinitionArn;
    service.steady = false;
    return true;
  }
  const target = service.lastCompletedTaskDefinitionArn;
  const usable =
    target !== undefined &&
    target !== failed.taskDefinitionArn &&
    findTaskDefinition(world.get(ECS_STATE), target) !== undefined;
  if (!usable) {
    if (owned !== undefined)
      finishRecord(owned, 'ROLLBACK_FAILED', `${reason} No earlier completed revision to roll back to.`, now);
    return false;
  }
  service.taskDefinitionArn = target;
  if (owned !== undefined && service.rollout !== undefined) service.rollout.rollingBackFor = owned;
  startDeployment(
    service,
    now,
    options.deploymentReason ??
      `Rolling back to deploymentId ${service.lastCompletedDeploymentId ?? ''}: ${reason}`,
  );
  return true;
}

/** Marks the current deployment record failed without a rollback (circuit breaker with rollback off). */
export function noteDeploymentFailed(
  service: EcsService,
  failed: Deployment,
  reason: string,
  now: number,
): void {
  const record = currentRecord(service);
  if (record === undefined || record.target !== failed) return;
  record.circuitBreakerTriggered = true;
  finishRecord(record, 'STOPPED', reason, now);
}
