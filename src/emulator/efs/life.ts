import type { EfsState } from './state.ts';

/** How long EFS takes to change state (close to what AWS takes). */
export const FILE_SYSTEM_CREATE_MS = 5_000;
export const FILE_SYSTEM_DELETE_MS = 5_000;
export const MOUNT_TARGET_CREATE_MS = 60_000;
export const MOUNT_TARGET_DELETE_MS = 20_000;
export const ACCESS_POINT_CREATE_MS = 2_000;

/** Replaces any change already due for the same resource. */
export function schedule(state: EfsState, resourceId: string, at: number, apply: () => void): void {
  state.transitions.set(resourceId, { at, apply });
}

/** Applies the changes that are due; looks only at resources in the middle of a change. */
export function advance(state: EfsState, now: number): void {
  if (state.transitions.size === 0) return;
  for (const [id, transition] of state.transitions) {
    if (transition.at > now) continue;
    state.transitions.delete(id);
    transition.apply();
  }
}
