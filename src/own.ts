/**
 * A plain object that serves as a map (tags, attributes, a table keyed by names that come from
 * manifests or from AWS) is read through this, so that a key such as `constructor`, `toString` or
 * `__proto__` finds only the object's own member, never one of Object.prototype's.
 *
 * Writes under such keys go through `Object.fromEntries` (or a spread), not `map[key] = value`:
 * assigning to `__proto__` sets the prototype instead of adding the key.
 */
export function ownValue<T>(map: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(map, key) ? map[key] : undefined;
}
