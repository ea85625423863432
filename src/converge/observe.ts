import { KINDS } from '../manifest/kinds.ts';
import type { LoadedManifest } from '../manifest/manifest.ts';
import type { ProviderRegistry } from '../providers/registry.ts';
import type { IdResolver, ObservedResource, ProviderContext, ResourceIds } from '../providers/types.ts';

export type ProviderContextBase = Omit<ProviderContext, 'resolver'>;

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
): Promise<Map<string, ObservedResource>> {
  const observed = new Map<string, ObservedResource>();
  const context: ProviderContext = { ...base, resolver: new PassResolver(observed) };
  for (const kind of KINDS) {
    const ofKind = manifests.filter((manifest) => manifest.kind === kind);
    if (ofKind.length === 0) continue;
    const found = await providers.get(kind).observe(ofKind, context);
    for (const [identity, resource] of found) observed.set(identity, resource);
  }
  return observed;
}

/** Every owned resource of every kind, for pruning. */
export async function listAllOwned(providers: ProviderRegistry, base: ProviderContextBase): Promise<ObservedResource[]> {
  const context: ProviderContext = { ...base, resolver: new PassResolver(new Map()) };
  const owned: ObservedResource[] = [];
  for (const kind of KINDS) {
    if (providers.has(kind)) owned.push(...(await providers.get(kind).listOwned(context)));
  }
  return owned;
}
