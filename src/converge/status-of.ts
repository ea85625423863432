import { referencesOf } from '../manifest/references.ts';
import type { ObservedResource } from '../providers/types.ts';
import type { Condition, HealthStatus, ResourceStatus, SyncStatus } from '../state/index.ts';
import type { Waiting } from './decide.ts';
import type { PlannedChange } from './plan-types.ts';

/** What a look decided about one resource: a planned change, or waiting for something it references. */
export type Decision = PlannedChange | (Waiting & { readonly observed?: ObservedResource });

/** Facts about one resource beyond its planned change. */
export interface StatusFacts {
  readonly revisionId: string;
  readonly now: string;
  readonly suspended: boolean;
  /** Why a held-back change is not carried out (prune guard, a failed rollout). */
  readonly held?: { readonly reason: string; readonly type: string };
  /** A crash loop or failed rollout seen by inspection. */
  readonly degraded?: string;
  readonly lastError?: ResourceStatus['lastError'];
  readonly extraIds?: Readonly<Record<string, string>>;
  /** Conditions kept from the previous status: a transition time only moves when the status does. */
  readonly previous?: ResourceStatus;
}

function condition(
  type: string,
  ok: boolean,
  reason: string,
  message: string,
  facts: StatusFacts,
): Condition {
  const status = ok ? 'True' : 'False';
  const before = facts.previous?.conditions.find((c) => c.type === type);
  const lastTransitionTime =
    before !== undefined && before.status === status ? before.lastTransitionTime : facts.now;
  return { type, status, reason, message, lastTransitionTime };
}

function syncOf(change: Decision, facts: StatusFacts): { sync: SyncStatus; reason: string; message: string } {
  switch (change.action) {
    case 'wait':
      return { sync: 'OutOfSync', reason: 'Waiting', message: `waiting for ${change.waitingFor}` };
    case 'create':
      return { sync: 'OutOfSync', reason: 'Missing', message: 'not created yet' };
    case 'update':
    case 'replace':
      return { sync: 'OutOfSync', reason: 'Drift', message: `${change.drift.length} field(s) differ` };
    case 'delete':
      return { sync: 'OutOfSync', reason: 'Pruning', message: 'its manifest left the revision' };
    case 'release':
      return {
        sync: 'OutOfSync',
        reason: 'Releasing',
        message: 'its manifest left the revision; deletionPolicy Retain',
      };
    case 'conflict':
      return { sync: 'OutOfSync', reason: 'NotOwned', message: change.message };
    case 'noop':
      if (change.ignoredOnly === true) {
        return {
          sync: 'Synced',
          reason: 'Synced',
          message: `live matches the manifest; ${change.drift.length} field(s) that ignoreDifferences leaves out differ`,
        };
      }
      if (change.drift.length > 0 && facts.held !== undefined) {
        // Held back (a failed rollout, a rollback pinned through the API): live is not what the manifest says.
        return { sync: 'OutOfSync', reason: facts.held.type, message: facts.held.reason };
      }
      if (change.drift.length > 0) {
        return {
          sync: 'OutOfSync',
          reason: 'Drift',
          message: `${change.drift.length} field(s) differ; selfHeal is off, so they are reported and not reverted`,
        };
      }
      return { sync: 'Synced', reason: 'Synced', message: 'live matches the manifest' };
  }
}

/** A degraded message that begins with a reason word and a colon (`RolledBackByECS: ...`) names its reason. */
const NAMED_REASON = /^([A-Z][A-Za-z]+): /;

function healthOf(
  change: Decision,
  facts: StatusFacts,
): { health: HealthStatus; message: string; reason?: string } {
  if (facts.suspended) return { health: 'Suspended', message: 'suspended: observed, never written' };
  if (facts.degraded !== undefined) {
    const named = NAMED_REASON.exec(facts.degraded)?.[1];
    return { health: 'Degraded', message: facts.degraded, ...(named === undefined ? {} : { reason: named }) };
  }
  if (change.action === 'create') return { health: 'Missing', message: 'does not exist' };
  if (change.action === 'wait') {
    return change.observed === undefined
      ? { health: 'Missing', message: 'does not exist' }
      : {
          health: change.observed.health.health,
          message: change.observed.health.message ?? change.observed.health.health,
        };
  }
  if (change.action === 'conflict') return { health: 'Degraded', message: change.message };
  const observed = change.observed.health;
  return { health: observed.health, message: observed.message ?? observed.health };
}

/** The status of one resource after a look: sync, health, conditions, drift. */
export function statusOf(change: Decision, facts: StatusFacts): ResourceStatus {
  const sync = syncOf(change, facts);
  const health = healthOf(change, facts);
  const conditions: Condition[] = [
    condition('Synced', sync.sync === 'Synced', sync.reason, sync.message, facts),
    condition('Healthy', health.health === 'Healthy', health.reason ?? health.health, health.message, facts),
  ];
  if (facts.held !== undefined)
    conditions.push(condition(facts.held.type, true, 'Held', facts.held.reason, facts));
  const drift = 'drift' in change ? change.drift : [];
  const ids = 'observed' in change && change.observed !== undefined ? change.observed.ids : {};
  const refs = 'manifest' in change ? refsOf(change.manifest) : [];
  return {
    identity: change.identity,
    sync: sync.sync,
    health: health.health,
    conditions,
    appliedRevision: facts.revisionId,
    drift: drift.map((entry) => ({ path: entry.path, desired: entry.desired, actual: entry.actual })),
    driftCount: drift.length,
    ...(facts.lastError === undefined ? {} : { lastError: facts.lastError }),
    observedAt: facts.now,
    awsIds: { ...ids, ...facts.extraIds },
    ...(refs.length === 0 ? {} : { refs }),
  };
}

/** What the manifest references, each identity once, in order: the edges of the dashboard's graph. */
function refsOf(manifest: Parameters<typeof referencesOf>[0]): string[] {
  return [...new Set(referencesOf(manifest).map((reference) => reference.target))];
}
