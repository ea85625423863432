import type { HealthStatus, ResourceStatus, SyncStatus } from '../state/types.ts';
import { HEALTH_STATUSES, SYNC_STATUSES } from '../state/types.ts';

/** A resource status with its identity taken apart, as the API and the dashboard show it. */
export type ResourceView = ResourceStatus & {
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
};

export function toResourceView(status: ResourceStatus): ResourceView {
  const [kind = '', namespace = '', ...rest] = status.identity.split('/');
  return { ...status, kind, namespace, name: rest.join('/') };
}

export interface StatusSummary {
  readonly total: number;
  readonly bySync: Record<SyncStatus, number>;
  readonly byHealth: Record<HealthStatus, number>;
  /** Drifting fields over all listed resources. */
  readonly driftFields: number;
}

export function summarize(statuses: readonly ResourceStatus[]): StatusSummary {
  const bySync = Object.fromEntries(SYNC_STATUSES.map((sync) => [sync, 0])) as Record<SyncStatus, number>;
  const byHealth = Object.fromEntries(HEALTH_STATUSES.map((health) => [health, 0])) as Record<
    HealthStatus,
    number
  >;
  let driftFields = 0;
  for (const status of statuses) {
    bySync[status.sync] += 1;
    byHealth[status.health] += 1;
    driftFields += status.driftCount ?? status.drift.length;
  }
  return { total: statuses.length, bySync, byHealth, driftFields };
}
