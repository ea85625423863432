import type { JsonObject, JsonValue } from '../diff/index.ts';
import { isJsonObject } from '../diff/index.ts';
import { type Kind, LITERAL_OF_REFERENCE, referenceKindOf } from '../manifest/kinds.ts';
import type { ObservedResource, RefNamer } from './types.ts';

/** Tags Shipshape puts on resources itself (ownership, redeploy): never written into a manifest. */
const SHIPSHAPE_TAG_PREFIX = 'shipshape.dev/';

/** The tags a user set: Shipshape's own and AWS's reserved ones left out; undefined when none remain. */
export function userTags(tags: JsonValue | undefined): JsonObject | undefined {
  if (!isJsonObject(tags)) return undefined;
  const kept = Object.entries(tags).filter(
    ([key]) => !key.startsWith(SHIPSHAPE_TAG_PREFIX) && !key.startsWith('aws:'),
  );
  return kept.length === 0 ? undefined : Object.fromEntries(kept);
}

/** Drops each member whose value equals the given default (compared as JSON). */
export function dropDefaults(value: JsonObject, defaults: JsonObject): JsonObject {
  const out: JsonObject = { ...value };
  for (const [key, fallback] of Object.entries(defaults)) {
    if (JSON.stringify(out[key]) === JSON.stringify(fallback)) delete out[key];
  }
  return out;
}

/** Sets `key` only when `value` is defined (exactOptionalPropertyTypes-friendly). */
export function setDefined(target: JsonObject, key: string, value: JsonValue | undefined): void {
  if (value === undefined) delete target[key];
  else target[key] = value;
}

/** `targetGroupArn` -> `targetGroupRef` and so on: each literal field and the reference key that replaces it. */
const REFERENCE_OF_LITERAL: ReadonlyMap<string, { readonly refKey: string; readonly kind: Kind }> = new Map(
  Object.entries(LITERAL_OF_REFERENCE).flatMap(([refKey, literal]) => {
    const kind = referenceKindOf(refKey);
    return kind === undefined ? [] : [[literal, { refKey, kind }] as const];
  }),
);

/** Every literal id or ARN in `value` that names an imported resource, replaced by its reference, at any depth. */
export function referAll(value: JsonValue, refs: RefNamer): JsonValue {
  if (Array.isArray(value)) return value.map((item) => referAll(item, refs));
  if (!isJsonObject(value)) return value;
  return Object.fromEntries(
    Object.entries(value).flatMap(([key, member]): Array<[string, JsonValue]> => {
      if (member === undefined) return [];
      const reference = REFERENCE_OF_LITERAL.get(key);
      const ref =
        reference !== undefined && typeof member === 'string'
          ? refs.refOf(reference.kind, member)
          : undefined;
      return reference !== undefined && ref !== undefined
        ? [[reference.refKey, ref]]
        : [[key, referAll(member, refs)]];
    }),
  );
}

/**
 * The spec of a kind whose observed state is already its spec's settings
 * (ELBv2, Cloud Map, Auto Scaling): ids of imported resources as references,
 * only the user's tags. Defaults are left to the importer, which drops every
 * member `desired` fills back in.
 */
export function settingsToSpec(observed: ObservedResource, refs: RefNamer): JsonObject {
  const { tags, ...settings } = observed.state;
  const spec = referAll(settings, refs) as JsonObject;
  setDefined(spec, 'tags', userTags(tags));
  return spec;
}
