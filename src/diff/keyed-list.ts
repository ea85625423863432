import { type PathSegment, select } from './field-path.ts';
import { isJsonObject, type JsonObject, type JsonValue } from './json.ts';

export interface KeyedElement {
  /** The selector text, unique in the list: `name=app`. */
  readonly id: string;
  readonly segment: PathSegment;
  readonly keyValues: readonly JsonValue[];
  readonly value: JsonObject;
}

/**
 * The elements of a keyed list by their key, or `undefined` when the list cannot be keyed:
 * an element that is not an object, lacks a key member or has a non-scalar one, or a key repeated.
 */
export function keyedElements(
  list: readonly JsonValue[],
  keys: readonly string[],
): Map<string, KeyedElement> | undefined {
  const elements = new Map<string, KeyedElement>();
  for (const value of list) {
    if (!isJsonObject(value)) return undefined;
    const keyValues: JsonValue[] = [];
    for (const key of keys) {
      const keyValue = value[key];
      if (typeof keyValue !== 'string' && typeof keyValue !== 'number' && typeof keyValue !== 'boolean')
        return undefined;
      keyValues.push(keyValue);
    }
    const segment = select(...keys.map((key, i) => [key, String(keyValues[i])] as const));
    const id = JSON.stringify(keyValues.map(String));
    if (elements.has(id)) return undefined;
    elements.set(id, { id, segment, keyValues, value });
  }
  return elements;
}
