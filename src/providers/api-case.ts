import type { JsonObject, JsonValue } from '../diff/index.ts';
import { toPlain } from './plain.ts';

type CaseChange = (name: string) => string;

const upperFirst: CaseChange = (name) => name.charAt(0).toUpperCase() + name.slice(1);
const lowerFirst: CaseChange = (name) => name.charAt(0).toLowerCase() + name.slice(1);

function renameMembers(value: JsonValue, change: CaseChange): JsonValue {
  if (Array.isArray(value)) return value.map((item) => renameMembers(item, change));
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).flatMap(([name, member]) =>
      member === undefined ? [] : [[change(name), renameMembers(member, change)]],
    ),
  );
}

/**
 * Spec members (lowerCamelCase) to the API's PascalCase, recursively
 * (`tTL` -> `TTL`, `roleARN` -> `RoleARN`). Not for tag maps: their keys are data.
 */
export function toApiCase(value: unknown): JsonValue {
  return renameMembers(toPlain(value), upperFirst);
}

/** API output (PascalCase) to spec members, recursively; undefined members dropped, dates as ISO strings. */
export function fromApiCase(value: unknown): JsonValue {
  return renameMembers(toPlain(value), lowerFirst);
}

/** The object at `value`, or an empty one. */
export function asObject(value: unknown): JsonObject {
  const plain = toPlain(value);
  return plain !== null && typeof plain === 'object' && !Array.isArray(plain) ? plain : {};
}
