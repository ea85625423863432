import { KINDS, type Kind } from '../manifest/kinds.ts';
import type { LoadedManifest } from '../manifest/manifest.ts';
import type { ProviderRegistry } from '../providers/registry.ts';
import type { IdResolver, ObservedResource, ProviderContext, ResourceIds } from '../providers/types.ts';

export type ProviderContextBase = Omit<ProviderContext, 'resolver'>;

/** A drift scan: observe only these kinds afresh and take the rest from an earlier look. */
export interface PartialObservation {
  readonly kinds: ReadonlySet<Kind>;
  readonly reuse: ReadonlyMap<string, ObservedResource>;
}

/** Resolves references from what has been observed, then from what a pass has created or plans to create. */
export class PassResolver implements IdResolver {
  readonly #observed: Map<string, ObservedResource>;
  readonly #created = new Map<string, ResourceIds>();

  constructor(observed: Map<string, ObservedResource>) {
    this.#observed = observed;
  }

  idsOf(identity: string): ResourceIds | undefined {
    return this.#created.get(identity) ?? this.#observed.get(identity)?.ids;
  }

  recordCreated(identity: string, ids: ResourceIds): void {
    this.#created.set(identity, ids);
  }

  forget(identity: string): void {
    this.#created.delete(identity);
    this.#observed.delete(identity);
  }
}

/**
 * Observes every manifest's resource, kind by kind in dependency order, so a
 * provider can use the ids of what its manifests reference (a listener needs
 * its load balancer's ARN).
 */
export async function observeAll(
  manifests: readonly LoadedManifest[],
  providers: ProviderRegistry,
  base: ProviderContextBase,
  partial?: PartialObservation,
): Promise<Map<string, ObservedResource>> {
  const observed = new Map<string, ObservedResource>();
  const context: ProviderContext = { ...base, resolver: new PassResolver(observed) };
  for (const kind of KINDS) {
    const ofKind = manifests.filter((manifest) => manifest.kind === kind);
    if (ofKind.length === 0) continue;
    if (partial !== undefined && !partial.kinds.has(kind)) {
      for (const manifest of ofKind) {
        const known = partial.reuse.get(manifest.identity);
        if (known !== undefined) observed.set(manifest.identity, known);
      }
      continue;
    }
    const found = await providers.get(kind).observe(ofKind, context);
    for (const [identity, resource] of found) observed.set(identity, resource);
  }
  return observed;
}

/** Every owned resource of every kind, for pruning. */
export async function listAllOwned(
  providers: ProviderRegistry,
  base: ProviderContextBase,
): Promise<ObservedResource[]> {
  const context: ProviderContext = { ...base, resolver: new PassResolver(new Map()) };
  const owned: ObservedResource[] = [];
  for (const kind of KINDS) {
    if (providers.has(kind)) owned.push(...(await providers.get(kind).listOwned(context)));
  }
  return owned;
}
