import { InputReader } from '../core/input.ts';
import { isJsonObject, type JsonValue } from '../core/json.ts';
import { badRequest } from './errors.ts';

const KEY = /^(?![aA][wW][sS]:)([\p{L}\p{Z}\p{N}_.:/=+\-@]+)$/u;
const VALUE = /^([\p{L}\p{Z}\p{N}_.:/=+\-@]*)$/u;
export const MAX_TAGS = 50;

/** Reads a `[{Key, Value}]` member as EFS checks it. */
export function readTags(reader: InputReader, member: string): Array<[string, string]> {
  return (reader.array(member) ?? []).map((raw) => {
    if (!isJsonObject(raw)) throw badRequest(`${member} must be a list of tags`);
    const tag = new InputReader(raw, badRequest);
    return [
      tag.requiredString('Key', { min: 1, max: 128, pattern: KEY }),
      tag.requiredString('Value', { max: 256, pattern: VALUE }),
    ];
  });
}

export function mergeTags(tags: Map<string, string>, added: Array<[string, string]>): void {
  const merged = new Map([...tags, ...added]);
  if (merged.size > MAX_TAGS) throw badRequest(`A resource can have at most ${MAX_TAGS} tags`);
  for (const [key, value] of added) tags.set(key, value);
}

export function renderTags(tags: Map<string, string>): JsonValue[] {
  return [...tags].map(([Key, Value]) => ({ Key, Value }));
}
