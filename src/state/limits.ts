import { redactDrift, redactText } from '../redact/index.ts';
import type { DriftEntry } from './types.ts';

/** DynamoDB items are at most 400 KB; the drift list gets half of it, other fields are small. */
export const DRIFT_BUDGET_BYTES = 200_000;
/** A single drift value larger than this is cut to a JSON preview. */
export const DRIFT_VALUE_BYTES = 8_000;
export const MESSAGE_CHARS = 4_000;

export interface BoundedDrift {
  readonly entries: DriftEntry[];
  readonly truncated: boolean;
  readonly count: number;
}

/**
 * Keeps the drift list within the item budget, in order, flagging what was cut; secret-looking
 * values are redacted first, so that no cut leaves half a secret unrecognised.
 */
export function boundDrift(drift: readonly DriftEntry[]): BoundedDrift {
  const entries: DriftEntry[] = [];
  let used = 2;
  let truncated = false;
  for (const entry of redactDrift(drift)) {
    const bounded = boundEntry(entry);
    truncated ||= bounded !== entry;
    const size = Buffer.byteLength(JSON.stringify(bounded)) + 1;
    if (used + size > DRIFT_BUDGET_BYTES) {
      truncated = true;
      break;
    }
    used += size;
    entries.push(bounded);
  }
  return { entries, truncated, count: drift.length };
}

function boundEntry(entry: DriftEntry): DriftEntry {
  const desired = boundValue(entry.desired);
  const actual = boundValue(entry.actual);
  if (desired === entry.desired && actual === entry.actual) return entry;
  return { path: entry.path, desired, actual, truncated: true };
}

function boundValue(value: unknown): unknown {
  const json = JSON.stringify(value) ?? 'null';
  if (Buffer.byteLength(json) <= DRIFT_VALUE_BYTES) return value;
  return `${json.slice(0, DRIFT_VALUE_BYTES / 4)}…`;
}

/** A message as it is stored: secrets cut out (before the cut, for the same reason), at most MESSAGE_CHARS. */
export function boundMessage(message: string): string {
  const redacted = redactText(message);
  return redacted.length <= MESSAGE_CHARS ? redacted : `${redacted.slice(0, MESSAGE_CHARS)}…`;
}
