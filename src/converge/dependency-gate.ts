import { isKind } from '../manifest/kinds.ts';
import type { LoadedManifest } from '../manifest/manifest.ts';
import { referencesOf } from '../manifest/references.ts';
import type { ProviderRegistry } from '../providers/registry.ts';
import type { HealthMemory, ProviderContext } from '../providers/types.ts';

export interface GateLookups {
  readonly providers: ProviderRegistry;
  /** The manifest in force for an identity. */
  manifest(identity: string): LoadedManifest | undefined;
  /** What an identity's status keeps among its ids. */
  memory(identity: string): HealthMemory;
}

/**
 * Why `manifest`'s resource may not be created or updated yet: something it references (or names
 * in depends-on) holds its dependents back, as a Job does until it exited 0. Undefined when free.
 */
export function heldByDependency(
  manifest: LoadedManifest,
  lookups: GateLookups,
  context: ProviderContext,
): string | undefined {
  for (const target of new Set(referencesOf(manifest).map((reference) => reference.target))) {
    const kind = target.slice(0, target.indexOf('/'));
    if (!isKind(kind) || !lookups.providers.has(kind)) continue;
    const provider = lookups.providers.get(kind);
    const dependency = lookups.manifest(target);
    if (provider.holdsDependents === undefined || dependency === undefined) continue;
    const reason = provider.holdsDependents(dependency, lookups.memory(target), context);
    if (reason !== undefined) return `${target}: ${reason}`;
  }
  return undefined;
}
