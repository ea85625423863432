import type { DriftEntry, JsonObject } from '../diff/index.ts';
import type { Kind } from '../manifest/kinds.ts';
import type { LoadedManifest } from '../manifest/manifest.ts';
import type { ObservedResource } from '../providers/types.ts';

/** What one pass would do to one resource. */
export type PlannedChange =
  | {
      readonly action: 'create';
      readonly identity: string;
      readonly kind: Kind;
      readonly manifest: LoadedManifest;
      readonly desired: JsonObject;
    }
  | {
      readonly action: 'update' | 'replace';
      readonly identity: string;
      readonly kind: Kind;
      readonly manifest: LoadedManifest;
      readonly desired: JsonObject;
      readonly observed: ObservedResource;
      readonly drift: readonly DriftEntry[];
    }
  | {
      /** Its manifest is gone. */
      readonly action: 'delete';
      readonly identity: string;
      readonly kind: Kind;
      readonly observed: ObservedResource;
    }
  | {
      /** Its manifest is gone and its deletion policy is Retain: ownership tags off, left in place. */
      readonly action: 'release';
      readonly identity: string;
      readonly kind: Kind;
      readonly observed: ObservedResource;
    }
  | {
      readonly action: 'noop';
      readonly identity: string;
      readonly kind: Kind;
      readonly manifest: LoadedManifest;
      readonly observed: ObservedResource;
      /** Differences left out by ignoreDifferences, or not reverted because selfHeal is off. */
      readonly drift: readonly DriftEntry[];
      /** Every entry of `drift` is one ignoreDifferences leaves out: live matches the manifest. */
      readonly ignoredOnly?: boolean;
    }
  | {
      /** Exists without Shipshape's ownership tags and the manifest does not ask to adopt it. */
      readonly action: 'conflict';
      readonly identity: string;
      readonly kind: Kind;
      readonly manifest: LoadedManifest;
      readonly observed: ObservedResource;
      readonly message: string;
    };

export interface Plan {
  /** Changes in the order they are carried out: deletions (reverse dependency order) last. */
  readonly changes: readonly PlannedChange[];
}

export function hasChanges(plan: Plan): boolean {
  return plan.changes.some((change) => change.action !== 'noop');
}

export function countByAction(plan: Plan): Record<PlannedChange['action'], number> {
  const counts = { create: 0, update: 0, replace: 0, delete: 0, release: 0, noop: 0, conflict: 0 };
  for (const change of plan.changes) counts[change.action] += 1;
  return counts;
}
