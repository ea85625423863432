import { type FieldPath, parsePath } from './field-path.ts';
import type { JsonValue } from './json.ts';
import { covers, overlaps } from './path-match.ts';

/** One difference: the field's path and its value on each side (`undefined` = absent there). */
export type DriftEntry = {
  readonly path: string;
  readonly desired: JsonValue | undefined;
  readonly actual: JsonValue | undefined;
};

export type PathInput = string | FieldPath;

const toPath = (input: PathInput): FieldPath => (typeof input === 'string' ? parsePath(input) : input);

/**
 * Leaves out the entries at or below any of `patterns` (`ignoreDifferences`). A pattern below an
 * entry (`containerDefinitions[name=app].image` when the whole container is missing) does not
 * remove it: the entry says more than the pattern ignores.
 */
export function filterIgnored(entries: readonly DriftEntry[], patterns: readonly PathInput[]): DriftEntry[] {
  if (patterns.length === 0) return [...entries];
  const parsed = patterns.map(toPath);
  return entries.filter((entry) => {
    const path = parsePath(entry.path);
    return !parsed.some((pattern) => covers(pattern, path));
  });
}

/** Whether anything at, below or above `path` differs (ACK's `DifferentAt`). */
export function differentAt(entries: readonly DriftEntry[], path: PathInput): boolean {
  const subject = toPath(path);
  return entries.some((entry) => overlaps(subject, parsePath(entry.path)));
}

/** Whether something differs outside all of `paths` (ACK's `DifferentExcept`). */
export function differentExcept(entries: readonly DriftEntry[], paths: readonly PathInput[]): boolean {
  return filterIgnored(entries, paths).length > 0;
}
