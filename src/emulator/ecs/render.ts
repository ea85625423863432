import type { JsonObject, JsonValue } from '../core/json.ts';
import type { Tag } from './state.ts';

/** awsJson timestamps: epoch seconds as a number. */
export function epoch(ms: number): number {
  return ms / 1000;
}

/** Leaves out members whose value is undefined, so the wire JSON has no nulls. */
export function compact(members: Record<string, JsonValue | undefined>): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(members)) if (value !== undefined) out[key] = value;
  return out;
}

export function renderTags(tags: readonly Tag[]): JsonObject[] {
  return tags.map((tag) => ({ key: tag.key, value: tag.value }));
}

export function wantsInclude(include: readonly string[] | undefined, what: string): boolean {
  return include?.includes(what) ?? false;
}
