import type { JsonObject, JsonValue } from '../../diff/index.ts';

/** Members whose values are maps keyed by data (query parameters), not by API member names. */
const DATA_MAPS = new Set(['authenticationRequestExtraParams', 'AuthenticationRequestExtraParams']);

function convertKeys(value: JsonValue, rename: (key: string) => string): JsonValue {
  if (Array.isArray(value)) return value.map((item) => convertKeys(item, rename));
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).flatMap(([key, member]) =>
      member === undefined ? [] : [[rename(key), DATA_MAPS.has(key) ? member : convertKeys(member, rename)]],
    ),
  );
}

/** Spec member names to the API's: `healthCheckPath` -> `HealthCheckPath`, recursively. */
export function toPascal(value: JsonValue): JsonValue {
  return convertKeys(value, (key) => key.charAt(0).toUpperCase() + key.slice(1));
}

/** The API's member names to the spec's: `HealthCheckPath` -> `healthCheckPath`, recursively. */
export function toCamel(value: JsonValue): JsonValue {
  return convertKeys(value, (key) => key.charAt(0).toLowerCase() + key.slice(1));
}

export function asObject(value: JsonValue | undefined): JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : {};
}

export function asList(value: JsonValue | undefined): JsonValue[] {
  return Array.isArray(value) ? value : [];
}
