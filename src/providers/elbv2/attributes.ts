import { type DriftEntry, differentAt, type JsonObject, type JsonValue, member } from '../../diff/index.ts';
import { ownValue } from '../../own.ts';

export type AttributeMap = Record<string, string>;

/** The attributes a manifest declares (`attributes: {key: value}`), or undefined when it declares none. */
export function declaredAttributes(spec: { readonly attributes?: unknown }): AttributeMap | undefined {
  const declared = spec.attributes;
  if (declared === null || typeof declared !== 'object' || Array.isArray(declared)) return undefined;
  const strings = Object.entries(declared).filter(
    (entry): entry is [string, string] => typeof entry[1] === 'string',
  );
  return strings.length === 0 ? undefined : sortedAttributes(Object.fromEntries(strings));
}

export function fromAttributeList(
  list: ReadonlyArray<{ Key?: string | undefined; Value?: string | undefined }> | undefined,
): AttributeMap {
  return sortedAttributes(
    Object.fromEntries(
      (list ?? []).flatMap((attribute) =>
        attribute.Key === undefined ? [] : [[attribute.Key, attribute.Value ?? '']],
      ),
    ),
  );
}

/** The desired attributes whose live value differs, as the Modify*Attributes list. */
export function attributeChanges(
  desired: JsonObject,
  actual: JsonObject,
): Array<{ Key: string; Value: string }> {
  return Object.entries(desired)
    .filter(([key, value]) => typeof value === 'string' && ownValue(actual, key) !== value)
    .map(([Key, Value]) => ({ Key, Value: String(Value) }));
}

/** The desired attributes the delta says differ, as the Modify*Attributes list. */
export function changedAttributes(
  desired: JsonValue | undefined,
  delta: readonly DriftEntry[],
): Array<{ Key: string; Value: string }> {
  if (desired === null || typeof desired !== 'object' || Array.isArray(desired)) return [];
  return Object.entries(desired)
    .filter(
      ([key, value]) => typeof value === 'string' && differentAt(delta, [member('attributes'), member(key)]),
    )
    .map(([Key, Value]) => ({ Key, Value: String(Value) }));
}

function sortedAttributes(attributes: AttributeMap): AttributeMap {
  return Object.fromEntries(Object.entries(attributes).sort(([a], [b]) => a.localeCompare(b)));
}
