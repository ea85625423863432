import type { JsonValue } from '../core/json.ts';
import { isJsonObject } from '../core/json.ts';
import { invalidParameter } from './errors.ts';
import type { Tag } from './state.ts';

const MAX_TAGS = 50;

/** Reads a `tags` member ([{key, value}]) and checks AWS's tag limits. */
export function readTags(value: JsonValue[] | undefined): Tag[] {
  if (value === undefined) return [];
  const tags: Tag[] = [];
  for (const item of value) {
    if (!isJsonObject(item) || typeof item.key !== 'string') {
      throw invalidParameter('Each tag must have a key.');
    }
    const key = item.key;
    const tagValue = typeof item.value === 'string' ? item.value : '';
    if (key.length < 1 || key.length > 128) throw invalidParameter('Tag keys must be 1-128 characters long.');
    if (tagValue.length > 256) throw invalidParameter('Tag values must be at most 256 characters long.');
    if (key.toLowerCase().startsWith('aws:')) {
      throw invalidParameter('Tag keys cannot start with the reserved prefix "aws:".');
    }
    tags.push({ key, value: tagValue });
  }
  return tags;
}

/** `current` with `added` merged in by key, checked against the 50-tag limit. */
export function mergeTags(current: readonly Tag[], added: readonly Tag[]): Tag[] {
  const byKey = new Map(current.map((tag) => [tag.key, tag.value]));
  for (const tag of added) byKey.set(tag.key, tag.value);
  if (byKey.size > MAX_TAGS) throw invalidParameter(`A resource can have at most ${MAX_TAGS} tags.`);
  return [...byKey].map(([key, value]) => ({ key, value }));
}
