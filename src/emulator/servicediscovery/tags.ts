import type { RequestContext } from '../core/context.ts';
import { InputReader } from '../core/input.ts';
import { isJsonObject, type JsonObject, type JsonValue } from '../core/json.ts';
import { CloudMapError, invalidInput } from './errors.ts';
import { CLOUD_MAP, type CloudMapState } from './state.ts';

const MAX_TAGS = 50;

/** Reads a `[{Key, Value}]` tag list member. */
export function readTags(reader: InputReader, member: string): Array<[string, string]> {
  return (reader.array(member, { max: 200 }) ?? []).map((raw) => {
    if (!isJsonObject(raw)) throw invalidInput(`${member} must be a list of tags`);
    const tag = new InputReader(raw, invalidInput);
    return [tag.requiredString('Key', { min: 1, max: 128 }), tag.requiredString('Value', { max: 256 })];
  });
}

export function applyTags(state: CloudMapState, arn: string, tags: Array<[string, string]>): void {
  const current = state.tags.get(arn) ?? new Map<string, string>();
  const merged = new Map([...current, ...tags]);
  if (merged.size > MAX_TAGS) {
    throw new CloudMapError('TooManyTagsException', `A resource can have at most ${MAX_TAGS} tags`, {
      ResourceName: arn,
    });
  }
  state.tags.set(arn, merged);
}

function taggable(state: CloudMapState, arn: string): Map<string, string> {
  const tags = state.tags.get(arn);
  if (tags === undefined) {
    throw new CloudMapError('ResourceNotFoundException', `Resource not found: ${arn}`);
  }
  return tags;
}

export function tagResource(input: JsonObject, context: RequestContext): JsonValue {
  const reader = new InputReader(input, invalidInput);
  const arn = reader.requiredString('ResourceARN', { min: 1, max: 1011 });
  if (!reader.has('Tags')) throw invalidInput('Tags is required');
  const state = context.world.get(CLOUD_MAP);
  taggable(state, arn);
  applyTags(state, arn, readTags(reader, 'Tags'));
  return {};
}

export function untagResource(input: JsonObject, context: RequestContext): JsonValue {
  const reader = new InputReader(input, invalidInput);
  const arn = reader.requiredString('ResourceARN', { min: 1, max: 1011 });
  const keys = reader.stringArray('TagKeys', { max: 200 });
  if (keys === undefined) throw invalidInput('TagKeys is required');
  const tags = taggable(context.world.get(CLOUD_MAP), arn);
  for (const key of keys) tags.delete(key);
  return {};
}

export function listTagsForResource(input: JsonObject, context: RequestContext): JsonValue {
  const reader = new InputReader(input, invalidInput);
  const arn = reader.requiredString('ResourceARN', { min: 1, max: 1011 });
  const tags = taggable(context.world.get(CLOUD_MAP), arn);
  return { Tags: [...tags].map(([Key, Value]) => ({ Key, Value })) };
}
