import type { JsonObject, JsonValue } from '../diff/index.ts';

/** Drops empty lists, empty objects and undefined members, recursively: AWS treats them as absent. */
export function pruneEmpty(value: JsonValue): JsonValue | undefined {
  if (Array.isArray(value)) {
    const items = value.map(pruneEmpty).filter((item): item is JsonValue => item !== undefined);
    return items.length === 0 ? undefined : items;
  }
  if (value !== null && typeof value === 'object') {
    const out: JsonObject = {};
    for (const [key, member] of Object.entries(value)) {
      if (member === undefined) continue;
      const pruned = pruneEmpty(member);
      if (pruned !== undefined) out[key] = pruned;
    }
    return Object.keys(out).length === 0 ? undefined : out;
  }
  return value;
}

export function pruneEmptyObject(value: JsonObject): JsonObject {
  const pruned = pruneEmpty(value);
  return pruned !== null && typeof pruned === 'object' && !Array.isArray(pruned) ? pruned : {};
}
