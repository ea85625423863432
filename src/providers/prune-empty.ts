import type { JsonObject, JsonValue } from '../diff/index.ts';

/** Drops empty lists, empty objects and undefined members, recursively: AWS treats them as absent. */
export function pruneEmpty(value: JsonValue): JsonValue | undefined {
  if (Array.isArray(value)) {
    const items = value.map(pruneEmpty).filter((item): item is JsonValue => item !== undefined);
    return items.length === 0 ? undefined : items;
  }
  if (value !== null && typeof value === 'object') {
    const kept = Object.entries(value).flatMap(([key, member]) => {
      const pruned = member === undefined ? undefined : pruneEmpty(member);
      return pruned === undefined ? [] : [[key, pruned] as const];
    });
    return kept.length === 0 ? undefined : Object.fromEntries(kept);
  }
  return value;
}

export function pruneEmptyObject(value: JsonObject): JsonObject {
  const pruned = pruneEmpty(value);
  return pruned !== null && typeof pruned === 'object' && !Array.isArray(pruned) ? pruned : {};
}
