import {
  type ComparisonSpec,
  type DriftEntry,
  diff,
  differentAt,
  filterIgnored,
  type JsonObject,
} from '../diff/index.ts';
import { redactDrift } from '../redact/index.ts';

/**
 * The drift of one resource, split into what counts and what `ignoreDifferences` leaves out;
 * secret-looking values redacted, since drift is logged, stored and served.
 */
export function computeDrift(
  desired: JsonObject,
  actual: JsonObject,
  compare: ComparisonSpec,
  ignoreDifferences: readonly string[],
): { effective: DriftEntry[]; ignored: DriftEntry[] } {
  const all = diff(desired, actual, compare);
  const effective = filterIgnored(all, ignoreDifferences);
  const kept = new Set(effective);
  // The whole documents give a command's arguments their neighbours (`-u` before `user:password`).
  const sides = { desired, actual };
  return {
    effective: redactDrift(effective, sides),
    ignored: redactDrift(
      all.filter((entry) => !kept.has(entry)),
      sides,
    ),
  };
}

/** Whether any entry differs at or below one of `paths` (fields that force a replacement). */
export function touchesAny(entries: readonly DriftEntry[], paths: readonly string[]): boolean {
  return paths.some((path) => differentAt(entries, path));
}
