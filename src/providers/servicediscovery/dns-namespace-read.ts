import { GetNamespaceCommand, type NamespaceSummary } from '@aws-sdk/client-servicediscovery';
import { isErrorCode } from '../aws-error.ts';
import { retainedIn } from '../ownership.ts';
import type { ObservedResource, ProviderContext, ReadScope } from '../types.ts';
import { namespaceNameOf, projectNamespace } from './dns-namespace-shape.ts';
import { allNamespaces } from './listing.ts';
import { cloudMapTags } from './tags.ts';

/**
 * A DNS namespace's SOA TTL. The model marks it required in ListNamespaces, but AWS's published
 * list-namespaces answer has `SOA: {}`: where the listing leaves it out, one GetNamespace (once a look).
 */
async function soaTtlOf(namespace: NamespaceSummary, context: ProviderContext): Promise<number | undefined> {
  if (namespace.Type === 'HTTP') return undefined;
  const listed = namespace.Properties?.DnsProperties?.SOA?.TTL;
  if (listed !== undefined) return listed;
  const get = async () => {
    try {
      const answer = await context.aws.servicediscovery.send(new GetNamespaceCommand({ Id: namespace.Id }));
      return answer.Namespace?.Properties?.DnsProperties?.SOA?.TTL;
    } catch (error) {
      // Deleted since the listing: the next look will not list it.
      if (isErrorCode(error, 'NamespaceNotFound')) return undefined;
      throw error;
    }
  };
  return context.memo === undefined
    ? get()
    : context.memo.once(`servicediscovery:GetNamespace:${namespace.Id ?? ''}`, get);
}

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
    state: projectNamespace(namespace, tags, await soaTtlOf(namespace, context)),
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
