import type { JsonObject, JsonValue } from '../diff/index.ts';
import { literalOfReference, referenceKindOf } from '../manifest/kinds.ts';
import type { LoadedManifest } from '../manifest/manifest.ts';
import { identityOf } from '../manifest/manifest.ts';
import { splitReference } from '../manifest/references.ts';
import type { IdResolver, ResourceIds } from './types.ts';

/** Which of the referenced resource's ids fills each literal field. */
const ID_FOR_LITERAL: ReadonlyMap<string, string> = new Map([
  ['cluster', 'name'],
  ['taskDefinition', 'arn'],
  ['targetGroupArn', 'arn'],
  ['registryArn', 'arn'],
  ['fileSystemId', 'id'],
  ['accessPointId', 'id'],
  ['loadBalancerArn', 'arn'],
  ['listenerArn', 'arn'],
  ['namespaceId', 'id'],
  ['resourceId', 'resourceId'],
  ['alternateTargetGroupArn', 'arn'],
  ['productionListenerRule', 'arn'],
  ['testListenerRule', 'arn'],
]);

/** The identity a reference value names, from the referencing manifest's namespace. */
export function referencedIdentity(manifest: LoadedManifest, key: string, value: string): string {
  const kind = referenceKindOf(key);
  if (kind === undefined) throw new Error(`${key} is not a reference key`);
  const [namespace, name] = splitReference(value, manifest.metadata.namespace);
  return identityOf(kind, namespace, name);
}

export type Substituted<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly waitingFor: string };

/**
 * Replaces every `xRef` in `value` with the literal AWS field it stands for
 * (`targetGroupRef: web` -> `targetGroupArn: arn:...`). References without a
 * literal counterpart (`scalableTargetRef`) are left for the provider.
 */
export function substituteReferences(
  value: JsonObject,
  manifest: LoadedManifest,
  resolver: IdResolver,
): Substituted<JsonObject> {
  let waitingFor: string | undefined;
  const walk = (node: JsonValue | undefined): JsonValue | undefined => {
    if (Array.isArray(node)) return node.map((item) => walk(item) ?? null);
    if (node === null || typeof node !== 'object') return node;
    const out = Object.entries(node).map(([key, member]): [string, JsonValue | undefined] => {
      const literal = literalOfReference(key);
      if (literal === undefined || typeof member !== 'string') return [key, walk(member)];
      const identity = referencedIdentity(manifest, key, member);
      const ids = resolver.idsOf(identity);
      // The id's name comes from the table above, never from data; plan's placeholder ids answer any name.
      const id = ids?.[ID_FOR_LITERAL.get(literal) ?? 'arn'];
      if (id === undefined || id === '') waitingFor ??= identity;
      return [literal, id ?? ''];
    });
    return Object.fromEntries(out);
  };
  const result = walk(value) as JsonObject;
  return waitingFor === undefined ? { ok: true, value: result } : { ok: false, waitingFor };
}

/** The ids of the resource a reference names, or why not yet. */
export function resolveReference(
  manifest: LoadedManifest,
  key: string,
  value: string,
  resolver: IdResolver,
): Substituted<ResourceIds> {
  const identity = referencedIdentity(manifest, key, value);
  const ids = resolver.idsOf(identity);
  return ids === undefined ? { ok: false, waitingFor: identity } : { ok: true, value: ids };
}
