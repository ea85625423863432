import { listOf } from './describe-value.ts';
import { isRecord } from './field-path.ts';
import { API_VERSION, isKind, KINDS } from './kinds.ts';
import type { Problem } from './schema-problem.ts';

/** apiVersion and kind decide which schema applies, so they are checked first, on their own. */
export function checkEnvelope(data: unknown): Problem | undefined {
  if (!isRecord(data)) {
    return {
      name: 'NOT_A_MAPPING',
      segments: [],
      target: 'value',
      params: { actual: Array.isArray(data) ? 'a list' : describe(data) },
    };
  }
  if (data.apiVersion === undefined) return missing('apiVersion');
  if (data.apiVersion !== API_VERSION) {
    return {
      name: 'UNKNOWN_API_VERSION',
      segments: ['apiVersion'],
      target: 'value',
      params: { actual: String(data.apiVersion), expected: API_VERSION },
    };
  }
  if (data.kind === undefined) return missing('kind');
  if (!isKind(data.kind)) {
    return {
      name: 'UNKNOWN_KIND',
      segments: ['kind'],
      target: 'value',
      params: { actual: String(data.kind), expected: listOf(KINDS) },
    };
  }
  return undefined;
}

function missing(field: string): Problem {
  return { name: 'MISSING_REQUIRED', segments: [field], target: 'key', params: { field: `"${field}"` } };
}

function describe(value: unknown): string {
  return value === null ? 'null' : `a ${typeof value}`;
}
