import { anyElement, type FieldPath, formatPath, isSelectKey, parsePath } from './field-path.ts';
import { covers, overlaps } from './path-match.ts';

/**
 * How to compare the list at a path: as a set of objects keyed by one or more members
 * (`{ key: 'name' }`), as a set of whole values, order ignored (`'set'`), or element by element
 * (`'ordered'`, the default for lists the spec does not name).
 */
export type ListRule = { readonly key: string | readonly string[] } | 'set' | 'ordered';

/** List rules by schema path (`containerDefinitions[].environment`). */
export type ListKeys = Readonly<Record<string, ListRule>>;

/**
 * Paths here are schema paths: member names with `[]` (or `[*]`) for "any element",
 * e.g. `containerDefinitions[].environment`; `''` is the root.
 */
export interface ComparisonSpec {
  readonly lists?: ListKeys;
  /** Objects whose members absent from desired are not managed here (e.g. target group `attributes`). */
  readonly compareOnlyDesiredKeys?: readonly string[];
  /** Where an empty list or object equals an absent one; `true` for everywhere. Default: nowhere. */
  readonly emptyEqualsAbsent?: boolean | readonly string[];
  /**
   * Field paths left out of the comparison (`ignoreDifferences`), selectors and `[*]` allowed.
   * Unlike filtering the entries afterwards, this also takes ignored fields out of a subtree that
   * is reported whole, so `tags.Owner` ignored and `tags: {Owner: x}` missing is no drift.
   */
  readonly ignore?: readonly (string | FieldPath)[];
}

export interface CompiledSpec {
  listRule(schemaPath: string): ListRule;
  comparesOnlyDesiredKeys(schemaPath: string): boolean;
  emptyEqualsAbsent(schemaPath: string): boolean;
  /** Whether an ignore pattern covers `path`. */
  ignored(path: FieldPath): boolean;
  /** Whether an ignore pattern names something strictly below `path`. */
  ignoresBelow(path: FieldPath): boolean;
}

/** `containerDefinitions[name=app].image` -> `containerDefinitions[*].image`: the key a spec is looked up by. */
export function schemaKey(path: FieldPath): string {
  return formatPath(path.map((segment) => (segment.kind === 'member' ? segment : anyElement)));
}

export function compileSpec(spec: ComparisonSpec): CompiledSpec {
  const lists = new Map<string, ListRule>();
  for (const [pattern, rule] of Object.entries(spec.lists ?? {})) {
    lists.set(schemaPatternKey(pattern), checkRule(pattern, rule));
  }
  const onlyDesired = new Set((spec.compareOnlyDesiredKeys ?? []).map(schemaPatternKey));
  const empty = spec.emptyEqualsAbsent ?? false;
  const emptyPaths = typeof empty === 'boolean' ? new Set<string>() : new Set(empty.map(schemaPatternKey));
  const ignore = (spec.ignore ?? []).map((pattern) =>
    typeof pattern === 'string' ? parsePath(pattern) : pattern,
  );
  return {
    ignored: (path) => ignore.some((pattern) => covers(pattern, path)),
    ignoresBelow: (path) => ignore.some((pattern) => pattern.length > path.length && overlaps(pattern, path)),
    listRule: (path) => lists.get(path) ?? 'ordered',
    comparesOnlyDesiredKeys: (path) => onlyDesired.has(path),
    emptyEqualsAbsent: (path) => empty === true || emptyPaths.has(path),
  };
}

function schemaPatternKey(pattern: string): string {
  const path = parsePath(pattern);
  if (path.some((segment) => segment.kind !== 'member' && segment.kind !== 'any')) {
    throw new TypeError(
      `Expected comparison spec path "${pattern}" to use only member names and [], not indexes or selectors`,
    );
  }
  return schemaKey(path);
}

function checkRule(pattern: string, rule: ListRule): ListRule {
  if (rule === 'set' || rule === 'ordered') return rule;
  const keys = typeof rule.key === 'string' ? [rule.key] : rule.key;
  if (keys.length === 0 || !keys.every(isSelectKey)) {
    throw new TypeError(
      `Expected the list key of "${pattern}" to be member names, got ${JSON.stringify(rule.key)}`,
    );
  }
  return rule;
}
