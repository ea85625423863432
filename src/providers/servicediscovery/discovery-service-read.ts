import type { ServiceSummary } from '@aws-sdk/client-servicediscovery';
import type { LoadedManifest } from '../../manifest/manifest.ts';
import { retainedIn } from '../ownership.ts';
import type { TagMap } from '../tags.ts';
import type { ObservedResource, ProviderContext, ReadScope } from '../types.ts';
import { namespaceIdOf, projectDiscoveryService, serviceNameOf } from './discovery-service-shape.ts';
import { allNamespaces, servicesIn } from './listing.ts';
import { cloudMapTags } from './tags.ts';

type Found = Map<string, ObservedResource>;

/** A listed (or got) service with its tags as a read returns it: no call to AWS. */
export function observeDiscoveryService(
  service: ServiceSummary,
  identity: string,
  owned: boolean,
  namespaceId: string,
  tags: TagMap,
): ObservedResource {
  return {
    identity,
    ids: { id: service.Id ?? '', arn: service.Arn ?? '', name: service.Name ?? '' },
    owned,
    retained: retainedIn(tags),
    state: projectDiscoveryService(service, namespaceId, tags),
    health: { health: 'Healthy' },
    detail: service,
  };
}

/** The manifests by the namespace they name; those whose namespace does not exist yet are left out. */
function byNamespace(manifests: readonly LoadedManifest[], context: ProviderContext) {
  const grouped = new Map<string, LoadedManifest[]>();
  for (const manifest of manifests) {
    const namespace = namespaceIdOf(manifest, context);
    if (namespace.ok) grouped.set(namespace.id, [...(grouped.get(namespace.id) ?? []), manifest]);
  }
  return grouped;
}

/** The manifests' namespaces; with `everyOwned` also every other one that has services. */
async function namespacesToList(
  wanted: ReadonlyMap<string, unknown>,
  everyOwned: boolean,
  context: ProviderContext,
): Promise<string[]> {
  const ids = new Set(wanted.keys());
  if (!everyOwned) return [...ids];
  for (const namespace of await allNamespaces(context)) {
    if (namespace.Id !== undefined && namespace.ServiceCount !== 0) ids.add(namespace.Id);
  }
  return [...ids];
}

/**
 * The services of one namespace's manifests: found by name; one not under its name (renamed in the
 * manifest) by its ownership tag, to replace it.
 */
async function findManifestServices(
  services: readonly ServiceSummary[],
  namespaceId: string,
  manifests: readonly LoadedManifest[],
  result: Found,
  context: ProviderContext,
): Promise<void> {
  const byName = new Map(services.map((service) => [service.Name?.toLowerCase() ?? '', service]));
  const missing = new Set<string>();
  const claimed = new Set<string>();
  for (const manifest of manifests) {
    const service = byName.get(serviceNameOf(manifest).toLowerCase());
    if (service === undefined) {
      missing.add(manifest.identity);
      continue;
    }
    claimed.add(service.Id ?? '');
    const tags = await cloudMapTags(service.Arn ?? '', context);
    const owned = context.ownership.identityOf(tags) === manifest.identity;
    result.set(
      manifest.identity,
      observeDiscoveryService(service, manifest.identity, owned, namespaceId, tags),
    );
  }
  if (missing.size === 0) return;
  for (const service of services) {
    if (claimed.has(service.Id ?? '')) continue;
    const tags = await cloudMapTags(service.Arn ?? '', context);
    const identity = context.ownership.identityOf(tags);
    if (identity !== undefined && missing.has(identity) && !result.has(identity))
      result.set(identity, observeDiscoveryService(service, identity, true, namespaceId, tags));
  }
}

/** Every service of a namespace this instance owns and no manifest found already. */
async function findOwned(
  services: readonly ServiceSummary[],
  namespaceId: string,
  result: Found,
  context: ProviderContext,
): Promise<void> {
  for (const service of services) {
    const tags = await cloudMapTags(service.Arn ?? '', context);
    const identity = context.ownership.identityOf(tags);
    if (identity?.startsWith('DiscoveryService/') === true && !result.has(identity))
      result.set(identity, observeDiscoveryService(service, identity, true, namespaceId, tags));
  }
}

/**
 * Lists the services namespace by namespace (the manifests' namespaces; with `everyOwned` every
 * namespace that has services, from the namespace listing this look shares), each namespace once,
 * and matches the manifests before the owned services. Tags come from the tag cache.
 */
export async function readServices(
  { manifests, everyOwned }: ReadScope,
  context: ProviderContext,
): Promise<Found> {
  const wanted = byNamespace(manifests, context);
  const listings = new Map<string, ServiceSummary[]>();
  for (const namespaceId of await namespacesToList(wanted, everyOwned, context)) {
    listings.set(namespaceId, await servicesIn(namespaceId, context));
  }
  const result: Found = new Map();
  for (const [namespaceId, ofNamespace] of wanted) {
    await findManifestServices(listings.get(namespaceId) ?? [], namespaceId, ofNamespace, result, context);
  }
  if (!everyOwned) return result;
  for (const [namespaceId, services] of listings) await findOwned(services, namespaceId, result, context);
  return result;
}
