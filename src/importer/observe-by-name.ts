import { isJsonObject, type JsonObject } from '../diff/index.ts';
import { API_VERSION, type Kind } from '../manifest/kinds.ts';
import { identityOf, type LoadedManifest } from '../manifest/manifest.ts';
import type { IdMap } from '../providers/id-map.ts';
import type { ProviderRegistry } from '../providers/registry.ts';
import type { ObservedResource, ProviderContext } from '../providers/types.ts';

/** A live resource to look up: its AWS name and the spec members that locate it (a service's cluster). */
export interface Lookup {
  readonly awsName: string;
  readonly locate: JsonObject;
  /** The identity this instance's ownership marks give it, for kinds that carry no tags of their own (scaling policies). */
  readonly owner?: string;
}

export interface Found {
  readonly kind: Kind;
  readonly awsName: string;
  readonly observed: ObservedResource;
  /** The stand-in manifest's name, by which later look-ups can reference this resource. */
  readonly standIn: string;
  /** The manifest identity this instance's ownership tags name, if any. */
  readonly owner: string | undefined;
}

/** The namespace of the stand-in manifests: references between them (`scalableTargetRef: st0`) resolve in it. */
const LOOKUP_NAMESPACE = 'import';

function stringTags(tags: JsonObject[string]): Record<string, string> {
  if (!isJsonObject(tags)) return {};
  return Object.fromEntries(
    Object.entries(tags).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );
}

/**
 * Observes live resources through their providers' own `read` (batched as
 * `plan` does), by handing them stand-in manifests that locate the resources.
 * What is found is recorded in `resolver` under its stand-in identity.
 */
export async function observeByName(
  kind: Kind,
  lookups: readonly Lookup[],
  providers: ProviderRegistry,
  context: ProviderContext & { readonly resolver: IdMap },
): Promise<Found[]> {
  const byIdentity = new Map<string, { lookup: Lookup; name: string }>();
  const manifests: LoadedManifest[] = lookups.map((lookup, index) => {
    const name = `${kind.toLowerCase()}-${index}`;
    const identity = identityOf(kind, LOOKUP_NAMESPACE, name);
    byIdentity.set(identity, { lookup, name });
    return {
      apiVersion: API_VERSION,
      kind,
      metadata: { name, namespace: LOOKUP_NAMESPACE },
      spec: lookup.locate,
      identity,
      source: { file: '(import)', line: 1, column: 1 },
    };
  });
  if (manifests.length === 0) return [];
  const observed = await providers.get(kind).read({ manifests, everyOwned: false }, context);
  const found: Found[] = [];
  for (const [identity, resource] of observed) {
    const entry = byIdentity.get(identity);
    if (entry === undefined) continue;
    context.resolver.record(identity, resource.ids);
    const owner = entry.lookup.owner ?? context.ownership.identityOf(stringTags(resource.state.tags));
    found.push({ kind, awsName: entry.lookup.awsName, observed: resource, standIn: entry.name, owner });
  }
  return found;
}
