import type { DriftEntry, JsonObject } from '../diff/index.ts';
import type { ObservedResource } from '../providers/types.ts';
import type { RollbackPin } from '../state/index.ts';

/** The condition a rollback through the API holds a Service with. */
export const ROLLED_BACK_PIN = 'RolledBack';

/** The task definition a Service's manifest asks for: the desired side of a change. */
export function wantedTaskDefinition(change: {
  readonly desired?: JsonObject;
  readonly observed: ObservedResource;
  readonly drift: readonly DriftEntry[];
}): string | undefined {
  const wanted =
    change.desired?.taskDefinition ??
    change.drift.find((entry) => entry.path === 'taskDefinition')?.desired ??
    change.observed.state.taskDefinition;
  return typeof wanted === 'string' ? wanted : undefined;
}

/**
 * What a rollback pin holds: the condition to show while the manifest is the one it was pinned
 * against; undefined once the manifest changed (another spec digest, or another task definition
 * asked for, e.g. a new revision of a referenced TaskDefinition), which releases the pin.
 */
export function heldByRollback(
  pin: RollbackPin,
  specDigest: string,
  wanted: string | undefined,
): { readonly type: string; readonly reason: string } | undefined {
  if (pin.specDigest !== specDigest) return undefined;
  if (
    pin.manifestTaskDefinition !== undefined &&
    wanted !== undefined &&
    wanted !== pin.manifestTaskDefinition
  )
    return undefined;
  return {
    type: ROLLED_BACK_PIN,
    reason: `rolled back to ${pin.taskDefinitionArn} through the API at ${pin.at}; self-heal leaves it there until the manifest changes`,
  };
}
