import { createHash } from 'node:crypto';
import type { Service } from '@aws-sdk/client-ecs';
import { type JsonValue, stableStringify } from '../../diff/index.ts';
import type { LoadedManifest } from '../../manifest/manifest.ts';

/** The status condition and reason of a deployment ECS rolled back itself (circuit breaker, alarm, hook). */
export const ROLLED_BACK_BY_ECS = 'RolledBackByECS';

/** What ECS's describe says about a rollback it made: the task definition that failed, and its words. */
export interface EcsRollback {
  /** The PRIMARY deployment the rollback started: one rollback is seen once. */
  readonly deploymentId: string;
  readonly failedTaskDefinition: string;
  readonly message: string;
}

/** An ECS service event this close to the PRIMARY deployment's start tells why it started. */
const EVENT_SLACK_MS = 60_000;
const ROLLING_BACK = /rolling back/i;

/**
 * A rollback ECS made, as DescribeServices shows it: the PRIMARY deployment was started by a
 * rollback (its rolloutStateReason while it rolls, or a "rolling back" service event at its
 * start, which outlives its completion), or a failed deployment of another task definition still
 * drains beside it. The failed task definition is that deployment's, or else `wanted` (what
 * Shipshape deployed) when the PRIMARY runs something else.
 */
export function ecsRollbackOf(
  service: Service | undefined,
  wanted: string | undefined,
): EcsRollback | undefined {
  const deployments = service?.deployments ?? [];
  const primary = deployments.find((deployment) => deployment.status === 'PRIMARY');
  if (primary?.taskDefinition === undefined) return undefined;
  const failed = deployments.find(
    (deployment) =>
      deployment.status !== 'PRIMARY' &&
      deployment.rolloutState === 'FAILED' &&
      deployment.taskDefinition !== undefined &&
      deployment.taskDefinition !== primary.taskDefinition,
  );
  const startedAt = primary.createdAt?.getTime();
  const event = (service?.events ?? []).find(
    (candidate) =>
      ROLLING_BACK.test(candidate.message ?? '') &&
      startedAt !== undefined &&
      Math.abs((candidate.createdAt?.getTime() ?? 0) - startedAt) <= EVENT_SLACK_MS,
  );
  const byRollback = ROLLING_BACK.test(primary.rolloutStateReason ?? '') || event !== undefined;
  const failedTaskDefinition =
    failed?.taskDefinition ??
    (byRollback && wanted !== undefined && !sameTaskDefinition(primary.taskDefinition, wanted)
      ? wanted
      : undefined);
  if (failedTaskDefinition === undefined) return undefined;
  const said = [failed?.rolloutStateReason, primary.rolloutStateReason, event?.message].filter(
    (reason): reason is string => reason !== undefined && reason !== '',
  );
  return {
    deploymentId: primary.id ?? '',
    failedTaskDefinition,
    message: `ECS rolled back ${failedTaskDefinition} to ${primary.taskDefinition}${said.length === 0 ? '' : `: ${[...new Set(said)].join(' ')}`}`,
  };
}

/** A full task definition ARN and a `family:revision` (or another ARN) name the same revision. */
export function sameTaskDefinition(a: string, b: string): boolean {
  return a === b || a.endsWith(`/${b}`) || b.endsWith(`/${a}`);
}

/** ECS rolls a failed deployment back itself: the circuit breaker is on with rollback. */
export function ecsRollsBack(service: Service | undefined): boolean {
  const breaker = service?.deploymentConfiguration?.deploymentCircuitBreaker;
  const alarms = service?.deploymentConfiguration?.alarms;
  return (breaker?.enable === true && breaker.rollback === true) || alarms?.rollback === true;
}

/** The manifest as written (metadata and spec): a new digest is a change a failed rollout may be retried for. */
export function manifestDigest(manifest: LoadedManifest): string {
  const plain: JsonValue = JSON.parse(JSON.stringify({ metadata: manifest.metadata, spec: manifest.spec }));
  return createHash('sha256').update(stableStringify(plain)).digest('hex').slice(0, 16);
}
