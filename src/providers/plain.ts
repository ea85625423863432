import type { JsonValue } from '../diff/index.ts';

/** SDK output or manifest input as plain data: undefined members dropped, Dates as ISO strings. */
export function toPlain(value: unknown): JsonValue {
  if (
    value === null ||
    typeof value === 'string' ||
    typeof value === 'number' ||
    typeof value === 'boolean'
  ) {
    return value;
  }
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.filter((item) => item !== undefined).map(toPlain);
  if (typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).flatMap(([key, member]) =>
        member === undefined ? [] : [[key, toPlain(member)]],
      ),
    );
  }
  return null;
}
