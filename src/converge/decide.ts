import { controlsOf } from '../manifest/controls.ts';
import type { LoadedManifest } from '../manifest/manifest.ts';
import { wantsAdoption } from '../providers/ownership.ts';
import type { ObservedResource, Provider, ProviderContext } from '../providers/types.ts';
import { computeDrift, touchesAny } from './drift.ts';
import type { PlannedChange } from './plan-types.ts';

/** A resource that cannot be planned yet: something it references does not exist. */
export interface Waiting {
  readonly action: 'wait';
  readonly identity: string;
  readonly manifest: LoadedManifest;
  readonly waitingFor: string;
}

/**
 * What one manifest's resource needs, given what is live: create, update, replace, nothing, or
 * a conflict with a resource Shipshape does not own. Level-based: the whole desired state against
 * the whole live state. `reportOnly` leaves drift in place (selfHeal off).
 */
export function decide(
  manifest: LoadedManifest,
  live: ObservedResource | undefined,
  provider: Provider,
  context: ProviderContext,
  reportOnly = false,
  /** A create of several calls began for it and was cut short: it is Shipshape's, to finish. */
  intended = false,
  /** Left out of the diff besides the manifest's ignoreDifferences (weights ECS owns). */
  implicitIgnores: readonly string[] = [],
): PlannedChange | Waiting {
  const { identity, kind } = manifest;
  const desired = provider.desired(manifest, context);
  if (!desired.ok) return { action: 'wait', identity, manifest, waitingFor: desired.waitingFor };
  if (live === undefined) return { action: 'create', identity, kind, manifest, desired: desired.state };
  if (!live.owned && !intended && !wantsAdoption(manifest.metadata.annotations)) {
    return {
      action: 'conflict',
      identity,
      kind,
      manifest,
      observed: live,
      message: `a ${kind} with this name exists without Shipshape's ownership tags; set annotation shipshape.dev/adopt: "true" to take it over`,
    };
  }
  const ignoreDifferences = [...controlsOf(manifest).ignoreDifferences, ...implicitIgnores];
  const { effective, ignored } = computeDrift(desired.state, live.state, provider.compare, ignoreDifferences);
  // Adopting is a change even where ownership is not among the compared fields (a scaling policy's marks live on its target).
  if (!live.owned && !effective.some((entry) => entry.path.startsWith('tags'))) {
    effective.push({ path: 'ownership', desired: context.ownership.instance, actual: undefined });
  }
  if (effective.length === 0 || reportOnly) {
    const drift = reportOnly ? [...effective, ...ignored] : ignored;
    const ignoredOnly = effective.length === 0 && ignored.length > 0;
    return {
      action: 'noop',
      identity,
      kind,
      manifest,
      observed: live,
      drift,
      ...(ignoredOnly ? { ignoredOnly } : {}),
    };
  }
  const action = touchesAny(effective, provider.replaceOn) ? 'replace' : 'update';
  return { action, identity, kind, manifest, desired: desired.state, observed: live, drift: effective };
}
