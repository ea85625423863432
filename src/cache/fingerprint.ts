import { type JsonValue, stableStringify } from '../diff/index.ts';
import type { ObservedResource } from '../providers/types.ts';

/** What a look saw of a resource, as one string: a changed fingerprint means "reconcile it". */
export function fingerprintOf(resource: ObservedResource): string {
  const { identity, ids, owned, state, health, retained } = resource;
  return stableStringify({
    identity,
    ids,
    owned,
    retained: retained === true,
    state,
    health: { health: health.health, message: health.message ?? '' },
  } as unknown as JsonValue);
}
