import type { NOTIFICATION_REASONS } from '../config/index.ts';
import type { RevisionResult } from '../state/index.ts';

export type NotificationReason = (typeof NOTIFICATION_REASONS)[number];

/** Event reasons that are notification reasons under the same name. */
const SAME: ReadonlySet<string> = new Set(['DriftDetected', 'Degraded', 'Recovered', 'RolledBack']);
/** The operator's own events for a revision's outcome (runtime/state-history.ts). */
const REVISIONS: ReadonlySet<string> = new Set(['RevisionApplied', 'RevisionRejected', 'PruneHeld']);
/** The operator's events for a write that brought a resource back to its manifest. */
const WRITES: ReadonlySet<string> = new Set(['Updated', 'Replaced']);

/**
 * Maps the operator's events to notification reasons. Healed has no event of its own: it is the
 * write that follows a DriftDetected of the same resource, as this process saw them (a leader
 * that took over mid-way does not know the drift came first, and reports no Healed for it).
 */
export class ReasonMap {
  readonly #drifted = new Set<string>();

  ofEvent(identity: string, reason: string): NotificationReason | undefined {
    if (reason === 'DriftDetected') this.#drifted.add(identity);
    if (SAME.has(reason)) return reason as NotificationReason;
    // ECS rolled a deployment back (circuit breaker, alarm): a rollback all the same.
    if (reason === 'RolledBackByECS') return 'RolledBack';
    if (identity === 'operator' && REVISIONS.has(reason)) return reason as NotificationReason;
    if (WRITES.has(reason) && this.#drifted.delete(identity)) return 'Healed';
    if (reason === 'Deleted' || reason === 'Released') this.#drifted.delete(identity);
    return undefined;
  }

  clear(): void {
    this.#drifted.clear();
  }
}

export function ofRevision(result: RevisionResult): NotificationReason {
  if (result === 'applied') return 'RevisionApplied';
  if (result === 'rejected') return 'RevisionRejected';
  return 'PruneHeld';
}
