import type { DriftEntry } from '../diff/index.ts';
import { KINDS, type Kind } from '../manifest/kinds.ts';
import type { LoadedManifest } from '../manifest/manifest.ts';
import { wantsAdoption } from '../providers/ownership.ts';
import type { ProviderRegistry } from '../providers/registry.ts';
import {
  KNOWN_AFTER_APPLY,
  type ObservedResource,
  type ProviderContext,
  type ResourceIds,
} from '../providers/types.ts';
import { controlsOf } from './controls.ts';
import { computeDrift, touchesAny } from './drift.ts';
import {
  listAllOwned,
  observeAll,
  type PartialObservation,
  PassResolver,
  type ProviderContextBase,
} from './observe.ts';
import type { Plan, PlannedChange } from './plan-types.ts';

export interface PlanOptions {
  /** Delete owned resources whose manifests left the revision. */
  readonly prune: boolean;
  /**
   * Leave live drift in place for resources with `selfHeal: false` whose
   * manifest has not changed since it was last applied (the controller's mode;
   * an explicit `apply` reverts everything).
   */
  readonly respectSelfHeal?: (manifest: LoadedManifest) => boolean;
  /** Observe only some kinds afresh (the drift scan). */
  readonly partial?: PartialObservation;
}

const PLACEHOLDER_IDS: ResourceIds = new Proxy({}, { get: () => KNOWN_AFTER_APPLY });

/**
 * Compares the revision's manifests (in create order) with what is live and
 * says, per resource, what a pass would do. Reads only.
 */
export async function plan(
  manifests: readonly LoadedManifest[],
  providers: ProviderRegistry,
  base: ProviderContextBase,
  options: PlanOptions,
): Promise<{ plan: Plan; observed: Map<string, ObservedResource> }> {
  const observed = await observeAll(manifests, providers, base, options.partial);
  const resolver = new PassResolver(new Map(observed));
  const context: ProviderContext = { ...base, resolver };
  const changes: PlannedChange[] = [];

  for (const manifest of manifests) {
    const change = planOne(manifest, observed.get(manifest.identity), providers, context, options);
    if (change.action === 'create' || change.action === 'replace') {
      resolver.recordCreated(manifest.identity, PLACEHOLDER_IDS);
    }
    changes.push(change);
  }

  if (options.prune) changes.push(...(await deletions(manifests, providers, base)));
  return { plan: { changes }, observed };
}

function planOne(
  manifest: LoadedManifest,
  live: ObservedResource | undefined,
  providers: ProviderRegistry,
  context: ProviderContext,
  options: PlanOptions,
): PlannedChange {
  const { identity, kind } = manifest;
  const provider = providers.get(kind);
  const desired = provider.desired(manifest, context);
  if (!desired.ok) {
    throw new Error(`${identity}: depends on ${desired.waitingFor}, which is neither live nor planned`);
  }
  if (live === undefined) return { action: 'create', identity, kind, manifest, desired: desired.state };
  if (!live.owned && !wantsAdoption(manifest.metadata.annotations)) {
    return {
      action: 'conflict',
      identity,
      kind,
      manifest,
      observed: live,
      message: `a ${kind} with this name exists without Shipshape's ownership tags; set annotation shipshape.dev/adopt: "true" to take it over`,
    };
  }
  const { ignoreDifferences } = controlsOf(manifest);
  const { effective, ignored } = computeDrift(desired.state, live.state, provider.compare, ignoreDifferences);
  const reportOnly = options.respectSelfHeal?.(manifest) === true;
  if (effective.length === 0 || reportOnly) {
    return {
      action: 'noop',
      identity,
      kind,
      manifest,
      observed: live,
      drift: reportOnly ? [...effective, ...ignored] : ignored,
    };
  }
  const action = touchesAny(effective, provider.replaceOn) ? 'replace' : 'update';
  return { action, identity, kind, manifest, desired: desired.state, observed: live, drift: effective };
}

async function deletions(
  manifests: readonly LoadedManifest[],
  providers: ProviderRegistry,
  base: ProviderContextBase,
): Promise<PlannedChange[]> {
  const wanted = new Set(manifests.map((manifest) => manifest.identity));
  const owned = await listAllOwned(providers, base);
  const kindOfIdentity = (identity: string): Kind => identity.split('/')[0] as Kind;
  return owned
    .filter((resource) => !wanted.has(resource.identity))
    .sort((a, b) => {
      const order = KINDS.indexOf(kindOfIdentity(b.identity)) - KINDS.indexOf(kindOfIdentity(a.identity));
      return order !== 0 ? order : a.identity.localeCompare(b.identity);
    })
    .map((resource) => ({
      action: 'delete',
      identity: resource.identity,
      kind: kindOfIdentity(resource.identity),
      observed: resource,
    }));
}

export type { DriftEntry };
