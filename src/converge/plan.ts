import { LiveCache } from '../cache/live-cache.ts';
import { implicitIgnores, rulesShiftedByEcs } from '../manifest/ecs-shifted-rules.ts';
import { KINDS, type Kind } from '../manifest/kinds.ts';
import type { LoadedManifest } from '../manifest/manifest.ts';
import { IdMap } from '../providers/id-map.ts';
import type { ProviderRegistry } from '../providers/registry.ts';
import { runTagCache } from '../providers/tag-cache.ts';
import {
  KNOWN_AFTER_APPLY,
  type ObservedResource,
  type ProviderContext,
  type ProviderContextBase,
  type ResourceIds,
} from '../providers/types.ts';
import { decide } from './decide.ts';
import type { Plan, PlannedChange } from './plan-types.ts';

export interface PlanOptions {
  /** Delete owned resources whose manifests left the revision. */
  readonly prune: boolean;
}

const PLACEHOLDER_IDS: ResourceIds = new Proxy({}, { get: () => KNOWN_AFTER_APPLY });

/** References resolve to what is live, else to what the plan creates ("known after apply"). */
function planResolver(cache: LiveCache, planned: IdMap): ProviderContext['resolver'] {
  return { idsOf: (identity) => cache.idsOf(identity) ?? planned.idsOf(identity) };
}

/**
 * Compares the manifests (in create order) with what is live and says, per resource, what an
 * apply would do. Reads only: one listing of every kind serves observation and, with `prune`,
 * the owned resources no manifest names any more.
 */
export async function plan(
  manifests: readonly LoadedManifest[],
  providers: ProviderRegistry,
  base: ProviderContextBase,
  options: PlanOptions,
): Promise<{ plan: Plan; observed: Map<string, ObservedResource> }> {
  const cache = new LiveCache({ providers, base, tags: runTagCache() });
  if (options.prune) await cache.list(manifests);
  else await cache.observe(manifests);
  const planned = new IdMap();
  const context: ProviderContext = { ...cache.context(), resolver: planResolver(cache, planned) };
  const changes: PlannedChange[] = [];
  const shifted = rulesShiftedByEcs(manifests);
  for (const manifest of manifests) {
    const change = decide(
      manifest,
      cache.get(manifest.identity)?.resource,
      providers.get(manifest.kind),
      context,
      false,
      false,
      implicitIgnores(manifest.identity, shifted),
    );
    if (change.action === 'wait') {
      throw new Error(
        `${manifest.identity}: depends on ${change.waitingFor}, which is neither live nor planned`,
      );
    }
    if (change.action === 'create' || change.action === 'replace')
      planned.record(manifest.identity, PLACEHOLDER_IDS);
    changes.push(change);
  }
  if (options.prune) changes.push(...deletions(manifests, cache));
  const observed = new Map(cache.entries().map((entry) => [entry.resource.identity, entry.resource]));
  return { plan: { changes }, observed };
}

/** Owned resources no manifest names, dependents first (reverse create order of kinds); Retain ones are released. */
function deletions(manifests: readonly LoadedManifest[], cache: LiveCache): PlannedChange[] {
  const wanted = new Set(manifests.map((manifest) => manifest.identity));
  return cache
    .entries()
    .map((entry) => entry.resource)
    .filter((resource) => resource.owned && !wanted.has(resource.identity))
    .sort(byDeleteOrder)
    .map((resource) => ({
      action: resource.retained === true ? 'release' : 'delete',
      identity: resource.identity,
      kind: kindOf(resource.identity),
      observed: resource,
    }));
}

function kindOf(identity: string): Kind {
  return identity.slice(0, identity.indexOf('/')) as Kind;
}

function byDeleteOrder(a: ObservedResource, b: ObservedResource): number {
  const order = KINDS.indexOf(kindOf(b.identity)) - KINDS.indexOf(kindOf(a.identity));
  return order !== 0 ? order : a.identity.localeCompare(b.identity);
}
