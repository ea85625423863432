import type { Gauge } from 'prom-client';
import { KINDS } from '../manifest/kinds.ts';
import type { ResourceStatus } from '../state/types.ts';
import { HEALTH_STATUSES, SYNC_STATUSES } from '../state/types.ts';

/** The kind of an identity `Kind/namespace/name`. */
export const kindOfIdentity = (identity: string): string => identity.split('/')[0] ?? identity;

const driftOf = (status: ResourceStatus): number => status.driftCount ?? status.drift.length;

/** Drifting fields over all `statuses`. */
export function driftFieldsOf(statuses: readonly ResourceStatus[]): number {
  let drift = 0;
  for (const status of statuses) drift += driftOf(status);
  return drift;
}

/** Resources by sync × health, every pair set, zeros included. */
export function setResourceGauge(gauge: Gauge<'sync' | 'health'>, statuses: readonly ResourceStatus[]): void {
  const counts = new Map<string, number>();
  for (const status of statuses) {
    const key = `${status.sync}/${status.health}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  for (const sync of SYNC_STATUSES) {
    for (const health of HEALTH_STATUSES) gauge.set({ sync, health }, counts.get(`${sync}/${health}`) ?? 0);
  }
}

/** Drifting resources by kind, every kind set: an alert sees 0 rather than no series. */
export function setDriftedGauge(gauge: Gauge<'kind'>, statuses: readonly ResourceStatus[]): void {
  const counts = new Map<string, number>();
  for (const status of statuses) {
    if (driftOf(status) === 0) continue;
    const kind = kindOfIdentity(status.identity);
    counts.set(kind, (counts.get(kind) ?? 0) + 1);
  }
  for (const kind of KINDS) gauge.set({ kind }, counts.get(kind) ?? 0);
}
