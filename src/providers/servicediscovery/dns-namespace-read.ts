import type { NamespaceSummary } from '@aws-sdk/client-servicediscovery';
import { retainedIn } from '../ownership.ts';
import type { ObservedResource, ProviderContext, ReadScope } from '../types.ts';
import { namespaceNameOf, projectNamespace } from './dns-namespace-shape.ts';
import { allNamespaces } from './listing.ts';
import { cloudMapTags } from './tags.ts';

async function observed(
  namespace: NamespaceSummary,
  identity: string,
  context: ProviderContext,
): Promise<ObservedResource> {
  const tags = await cloudMapTags(namespace.Arn ?? '', context);
  return {
    identity,
    ids: { id: namespace.Id ?? '', arn: namespace.Arn ?? '', name: namespace.Name ?? '' },
    owned: context.ownership.identityOf(tags) === identity,
    retained: retainedIn(tags),
    state: projectNamespace(namespace, tags),
    health: { health: 'Healthy' },
    detail: namespace,
  };
}

/**
 * One listing of every namespace: the manifests' are found by name; a manifest's namespace not
 * under its name (renamed in the manifest) by its ownership tag, to replace it; with `everyOwned`,
 * every namespace this instance owns. Tags come from the tag cache.
 */
export async function readNamespaces(
  { manifests, everyOwned }: ReadScope,
  context: ProviderContext,
): Promise<Map<string, ObservedResource>> {
  const result = new Map<string, ObservedResource>();
  if (manifests.length === 0 && !everyOwned) return result;
  const all = await allNamespaces(context);
  const byName = new Map(all.map((namespace) => [namespace.Name?.toLowerCase() ?? '', namespace]));
  const claimed = new Set<string>();
  const missing = new Set<string>();
  for (const manifest of manifests) {
    const namespace = byName.get(namespaceNameOf(manifest).toLowerCase());
    if (namespace === undefined) {
      missing.add(manifest.identity);
      continue;
    }
    claimed.add(namespace.Id ?? '');
    result.set(manifest.identity, await observed(namespace, manifest.identity, context));
  }
  if (missing.size === 0 && !everyOwned) return result;
  for (const namespace of all) {
    const isClaimed = claimed.has(namespace.Id ?? '');
    if (isClaimed && !everyOwned) continue;
    const owner = context.ownership.identityOf(await cloudMapTags(namespace.Arn ?? '', context));
    if (owner === undefined || result.has(owner)) continue;
    const renamed = !isClaimed && missing.has(owner);
    if (renamed || (everyOwned && owner.startsWith('DnsNamespace/')))
      result.set(owner, await observed(namespace, owner, context));
  }
  return result;
}
