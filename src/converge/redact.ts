import type { DriftEntry, JsonValue } from '../diff/index.ts';
import { secretReason } from '../manifest/checks/plaintext-secrets.ts';

export const REDACTED = '(redacted)';

const VARIABLE = /environment\[name=([^\]]+)\]/;

/** Replaces values that look like secrets: a variable named like one, or a URL with a password. */
function redact(value: JsonValue | undefined, variable: string | undefined): JsonValue | undefined {
  if (typeof value === 'string') {
    return secretReason(variable ?? '', value) === undefined ? value : REDACTED;
  }
  if (Array.isArray(value)) return value.map((item) => redact(item, variable) ?? null);
  if (value !== null && typeof value === 'object') {
    const name = typeof value.name === 'string' ? value.name : variable;
    return Object.fromEntries(
      Object.entries(value).map(([key, member]) => [key, key === 'name' ? member : redact(member, name)]),
    );
  }
  return value;
}

/** Drift entries safe to log, store and serve: secret-looking values replaced. */
export function redactDrift(entries: readonly DriftEntry[]): DriftEntry[] {
  return entries.map((entry) => {
    const variable = VARIABLE.exec(entry.path)?.[1];
    return {
      path: entry.path,
      desired: redact(entry.desired, variable),
      actual: redact(entry.actual, variable),
    };
  });
}
