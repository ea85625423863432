/**
 * Compares an answer with a published one. Paths are dot-separated keys and list indexes
 * (`services.0.deployments.0.status`); `*` in a pattern stands for any one key or index.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** The SDK's output as JSON: times as ISO strings, without the SDK's own `$metadata`. */
export function asJson(output: unknown): Json {
  if (output instanceof Date) return output.toISOString();
  if (Array.isArray(output)) return output.map(asJson);
  if (typeof output === 'object' && output !== null) {
    const result: { [key: string]: Json } = {};
    for (const [key, value] of Object.entries(output)) {
      if (key !== '$metadata' && value !== undefined) result[key] = asJson(value);
    }
    return result;
  }
  if (typeof output === 'string' || typeof output === 'number' || typeof output === 'boolean') return output;
  return null;
}

function pathMatches(pattern: string, path: string): boolean {
  const wanted = pattern.split('.');
  const segments = path.split('.');
  return (
    wanted.length === segments.length &&
    wanted.every((part, index) => part === '*' || part === segments[index])
  );
}

function describe(value: unknown): string {
  return value === undefined ? 'nothing' : JSON.stringify(value);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export interface MatchRules {
  readonly generated: Readonly<Record<string, string>>;
  readonly absent: readonly string[];
  /** Lists AWS answers as sets: each published item must be among ours, in any order, among others. */
  readonly sets?: readonly string[];
}

function compare(published: unknown, actual: unknown, path: string, rules: MatchRules, out: string[]): void {
  const generated = Object.entries(rules.generated).find(([pattern]) => pathMatches(pattern, path));
  if (generated !== undefined) {
    const [, pattern] = generated;
    if (actual === undefined || actual === null)
      out.push(`${path}: AWS generates a value here; we gave nothing`);
    else if (pattern !== '' && !new RegExp(`^(?:${pattern})$`).test(String(actual))) {
      out.push(`${path}: ${describe(actual)} does not match /${pattern}/`);
    }
    return;
  }
  if (Array.isArray(published) && (rules.sets ?? []).some((pattern) => pathMatches(pattern, path))) {
    if (!Array.isArray(actual)) {
      out.push(`${path}: AWS answers a list; we gave ${describe(actual)}`);
      return;
    }
    for (const item of published) {
      const found = actual.some((candidate: unknown, index) => {
        const inner: string[] = [];
        compare(item, candidate, `${path}.${index}`, rules, inner);
        return inner.length === 0;
      });
      if (!found) out.push(`${path}: AWS answers ${describe(item)}; we have no such item`);
    }
    return;
  }
  if (Array.isArray(published)) {
    if (!Array.isArray(actual)) {
      out.push(`${path}: AWS answers a list of ${published.length}; we gave ${describe(actual)}`);
      return;
    }
    if (actual.length !== published.length) {
      out.push(`${path}: AWS answers ${published.length} items; we gave ${actual.length}`);
    }
    published.forEach((item, index) => {
      compare(item, actual[index], path === '' ? String(index) : `${path}.${index}`, rules, out);
    });
    return;
  }
  if (isObject(published)) {
    if (!isObject(actual)) {
      out.push(`${path || '(answer)'}: AWS answers an object; we gave ${describe(actual)}`);
      return;
    }
    for (const [key, value] of Object.entries(published)) {
      compare(value, actual[key], path === '' ? key : `${path}.${key}`, rules, out);
    }
    return;
  }
  if (published !== actual)
    out.push(`${path}: AWS answers ${describe(published)}; we gave ${describe(actual)}`);
}

function valuesAt(value: unknown, segments: readonly string[], path: string): Array<[string, unknown]> {
  const [head, ...rest] = segments;
  if (head === undefined) return [[path, value]];
  const join = (key: string): string => (path === '' ? key : `${path}.${key}`);
  if (Array.isArray(value)) {
    const indexes = head === '*' ? value.map((_, index) => index) : [Number(head)];
    return indexes.flatMap((index) => valuesAt(value[index], rest, join(String(index))));
  }
  if (isObject(value)) {
    const keys = head === '*' ? Object.keys(value) : [head];
    return keys.flatMap((key) => valuesAt(value[key], rest, join(key)));
  }
  return [];
}

/** What differs between the published answer and ours; empty when ours matches. */
export function mismatches(published: unknown, actual: unknown, rules: MatchRules): string[] {
  const out: string[] = [];
  compare(published, actual, '', rules, out);
  for (const pattern of rules.absent) {
    for (const [path, value] of valuesAt(actual, pattern.split('.'), '')) {
      if (value !== undefined) out.push(`${path}: AWS leaves this out; we gave ${describe(value)}`);
    }
  }
  return out;
}
