import type { JsonObject } from '../diff/index.ts';
import { KINDS, type Kind } from '../manifest/kinds.ts';
import { identityOf } from '../manifest/manifest.ts';
import { ADOPT_ANNOTATION, REDEPLOY_ANNOTATION } from '../providers/ownership.ts';
import type { ProviderRegistry } from '../providers/registry.ts';
import { runTagCache } from '../providers/tag-cache.ts';
import type { ProviderContextBase, RefNamer, ResourceIds } from '../providers/types.ts';
import { minimise } from './minimise.ts';
import { manifestNameOf } from './names.ts';
import type { Found } from './observe-by-name.ts';

export interface ImportedManifest {
  readonly kind: Kind;
  readonly name: string;
  readonly namespace: string;
  readonly annotations: Readonly<Record<string, string>>;
  readonly spec: JsonObject;
}

interface Named {
  readonly found: Found;
  readonly namespace: string;
  readonly name: string;
}

/** A resource this instance created keeps the identity its ownership marks name; anything else is named after its AWS name. */
function nameAll(found: readonly Found[], namespace: string): Named[] {
  const taken = new Set<string>();
  return found.map((item) => {
    const [kind, ownerNamespace, ownerName] = item.owner?.split('/') ?? [];
    let named =
      kind === item.kind && ownerNamespace !== undefined && ownerName !== undefined
        ? { namespace: ownerNamespace, name: ownerName }
        : { namespace, name: manifestNameOf(item.awsName) };
    for (let n = 2; taken.has(identityOf(item.kind, named.namespace, named.name)); n++) {
      named = { ...named, name: `${manifestNameOf(item.awsName).slice(0, 58)}-${n}` };
    }
    taken.add(identityOf(item.kind, named.namespace, named.name));
    return { found: item, ...named };
  });
}

/** Every id and ARN of every imported resource, to its manifest, per kind. */
function refNamerFor(named: readonly Named[], fromNamespace: string): RefNamer {
  const index = new Map<string, Named>();
  for (const item of named) {
    const ids = item.found.observed.ids;
    for (const value of Object.values(ids)) if (value !== '') index.set(`${item.found.kind}\n${value}`, item);
    // A service names its task definition as `family:revision`.
    if (item.found.kind === 'TaskDefinition' && ids.family !== undefined && ids.revision !== undefined) {
      index.set(`TaskDefinition\n${ids.family}:${ids.revision}`, item);
    }
  }
  return {
    refOf(kind, idOrArn) {
      const target = index.get(`${kind}\n${idOrArn}`);
      if (target === undefined) return undefined;
      return target.namespace === fromNamespace ? target.name : `${target.namespace}/${target.name}`;
    },
  };
}

/**
 * Manifests for the found resources: specs from each provider's `toSpec`, less
 * what `desired` fills back in, the adopt annotation where the resource is not
 * this instance's under that identity. Kinds without `toSpec` come back as skipped.
 */
export function toManifests(
  found: readonly Found[],
  providers: ProviderRegistry,
  base: ProviderContextBase,
  namespace: string,
): { manifests: ImportedManifest[]; skipped: Found[] } {
  const named = nameAll(found, namespace);
  const idsByIdentity = new Map<string, ResourceIds>(
    named.map((item) => [identityOf(item.found.kind, item.namespace, item.name), item.found.observed.ids]),
  );
  const context = {
    ...base,
    resolver: { idsOf: (identity: string) => idsByIdentity.get(identity) },
    tags: runTagCache(),
  };
  const manifests: ImportedManifest[] = [];
  const skipped: Found[] = [];
  // Only what is written can be referenced; the rest stays as literal ids.
  const written = named.filter((item) => providers.get(item.found.kind).toSpec !== undefined);
  for (const item of named) {
    const { kind } = item.found;
    const provider = providers.get(kind);
    if (provider.toSpec === undefined) {
      skipped.push(item.found);
      continue;
    }
    const spec = provider.toSpec(item.found.observed, refNamerFor(written, item.namespace));
    const annotations: Record<string, string> = {};
    if (item.found.owner !== identityOf(kind, item.namespace, item.name))
      annotations[ADOPT_ANNOTATION] = 'true';
    const tags = item.found.observed.state.tags;
    const redeploy =
      typeof tags === 'object' && tags !== null && !Array.isArray(tags)
        ? tags[REDEPLOY_ANNOTATION]
        : undefined;
    if (kind === 'Service' && typeof redeploy === 'string') annotations[REDEPLOY_ANNOTATION] = redeploy;
    manifests.push(
      minimise({ kind, name: item.name, namespace: item.namespace, annotations, spec }, provider, context),
    );
  }
  manifests.sort(
    (a, b) =>
      KINDS.indexOf(a.kind) - KINDS.indexOf(b.kind) ||
      a.namespace.localeCompare(b.namespace) ||
      a.name.localeCompare(b.name),
  );
  return { manifests, skipped };
}
