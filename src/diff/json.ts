import { ownValue } from '../own.ts';

/** Plain JSON data, as the diff sees it. A member set to `undefined` counts as absent. */
export type JsonPrimitive = string | number | boolean | null;
export type JsonObject = { [member: string]: JsonValue | undefined };
export type JsonValue = JsonPrimitive | JsonValue[] | JsonObject;

export function isJsonObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A deep copy with object members in sorted order and absent (`undefined`) members dropped. */
export function canonical(value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.map(canonical);
  if (!isJsonObject(value)) return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .flatMap((member) => {
        const child = value[member];
        return child === undefined ? [] : [[member, canonical(child)]];
      }),
  );
}

/** JSON text with sorted members: equal data gives equal text. */
export function stableStringify(value: JsonValue): string {
  return JSON.stringify(canonical(value));
}

/** Deep equality; numbers and numeric strings differ (normalising them is the provider's job). */
export function jsonEqual(a: JsonValue | undefined, b: JsonValue | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  if (Array.isArray(a) || Array.isArray(b)) {
    return (
      Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => jsonEqual(x, b[i]))
    );
  }
  if (isJsonObject(a) && isJsonObject(b)) {
    const members = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const member of members) {
      if (!jsonEqual(ownValue(a, member), ownValue(b, member))) return false;
    }
    return true;
  }
  return a === b;
}

const TYPE_RANK = { null: 0, boolean: 1, number: 2, string: 3, array: 4, object: 5 } as const;

function rankOf(value: JsonValue): number {
  if (value === null) return TYPE_RANK.null;
  if (Array.isArray(value)) return TYPE_RANK.array;
  return TYPE_RANK[typeof value as 'boolean' | 'number' | 'string' | 'object'];
}

/** A total order for JSON values: by type, then numbers by value, strings by code unit, the rest by text. */
export function compareJson(a: JsonValue, b: JsonValue): number {
  const rank = rankOf(a) - rankOf(b);
  if (rank !== 0) return rank;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const left = typeof a === 'string' ? a : stableStringify(a);
  const right = typeof b === 'string' ? b : stableStringify(b);
  return left < right ? -1 : left > right ? 1 : 0;
}
