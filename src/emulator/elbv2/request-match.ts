import { isJsonObject, type JsonObject, type JsonValue } from '../core/json.ts';

/** An HTTP request arriving at an emulated load balancer's listener, as its rules see it. */
export interface ListenerRequest {
  readonly method: string;
  /** The path as sent (not decoded), without the query. */
  readonly path: string;
  readonly query: URLSearchParams;
  /** The query as sent, without its `?` (for a redirect's #{query}). */
  readonly rawQuery: string;
  /** The host the Host header names, lower case, without a port. */
  readonly host: string;
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string>>;
}

/** A condition value as ELBv2 matches it: the whole string, `*` any run of characters, `?` one. */
function wildcard(pattern: string, caseSensitive: boolean): RegExp {
  const source = [...pattern]
    .map((char) => (char === '*' ? '.*' : char === '?' ? '.' : char.replace(/[\\^$.|+()[\]{}]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`, caseSensitive ? 's' : 'is');
}

function stringsOf(value: JsonValue | undefined): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

/** The values of a host-header or path-pattern condition, from its *Config or the legacy Values. */
function configValues(condition: JsonObject, configName: string): string[] {
  const config = condition[configName];
  const values = isJsonObject(config) ? stringsOf(config.Values) : [];
  return values.length > 0 ? values : stringsOf(condition.Values);
}

function matchesAny(values: readonly string[], actual: string, caseSensitive: boolean): boolean {
  return values.some((value) => wildcard(value, caseSensitive).test(actual));
}

function matchesHeader(condition: JsonObject, request: ListenerRequest): boolean {
  const config = isJsonObject(condition.HttpHeaderConfig) ? condition.HttpHeaderConfig : {};
  const name = typeof config.HttpHeaderName === 'string' ? config.HttpHeaderName.toLowerCase() : '';
  const actual = request.headers[name];
  return actual !== undefined && matchesAny(stringsOf(config.Values), actual, false);
}

/** Any of the key/value pairs is in the query; a pair without a key matches any key's value. */
function matchesQuery(condition: JsonObject, request: ListenerRequest): boolean {
  const config = isJsonObject(condition.QueryStringConfig) ? condition.QueryStringConfig : {};
  const pairs = Array.isArray(config.Values) ? config.Values.filter(isJsonObject) : [];
  const sent = [...request.query.entries()];
  return pairs.some((pair) =>
    sent.some(
      ([key, value]) =>
        (typeof pair.Key !== 'string' || wildcard(pair.Key, false).test(key)) &&
        typeof pair.Value === 'string' &&
        wildcard(pair.Value, false).test(value),
    ),
  );
}

/** One stored rule condition: any of its values matches. */
function matchesCondition(condition: JsonObject, request: ListenerRequest): boolean {
  switch (condition.Field) {
    case 'host-header':
      return matchesAny(configValues(condition, 'HostHeaderConfig'), request.host, false);
    case 'path-pattern':
      return matchesAny(configValues(condition, 'PathPatternConfig'), request.path, true);
    case 'http-header':
      return matchesHeader(condition, request);
    case 'http-request-method':
      return configValues(condition, 'HttpRequestMethodConfig').includes(request.method);
    case 'query-string':
      return matchesQuery(condition, request);
    case 'source-ip':
      // Every request reaches the emulator from the machine it runs on: no client address to match.
      return true;
    default:
      return false;
  }
}

/** A rule matches when every one of its conditions does (the default rule has none). */
export function ruleMatches(conditions: readonly JsonObject[], request: ListenerRequest): boolean {
  return conditions.every((condition) => matchesCondition(condition, request));
}
