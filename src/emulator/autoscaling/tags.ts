import type { RequestContext } from '../core/context.ts';
import { InputReader } from '../core/input.ts';
import type { JsonObject, JsonValue } from '../core/json.ts';
import { AutoScalingError, validation } from './errors.ts';
import { AUTO_SCALING, type ScalableTarget } from './state.ts';

const ARN = /^arn:.+:application-autoscaling:.+:[0-9]+:scalable-target\/[a-zA-Z0-9-]+$/;
const MAX_TAGS = 50;

/** Reads a `{key: value}` Tags member. */
export function readTagMap(reader: InputReader): Array<[string, string]> {
  const raw = reader.object('Tags');
  if (raw === undefined) return [];
  return Object.entries(raw).map(([key, value]) => {
    if (typeof value !== 'string') throw validation(`Tag ${key} must have a string value`);
    if (key.length < 1 || key.length > 128 || value.length > 256) throw validation(`Tag ${key} is too long`);
    return [key, value];
  });
}

function targetOf(reader: InputReader, context: RequestContext): ScalableTarget {
  const arn = reader.requiredString('ResourceARN', { min: 1, max: 1011, pattern: ARN });
  const state = context.world.get(AUTO_SCALING);
  const target = state.targets.get(state.byArn.get(arn) ?? '');
  if (target === undefined) {
    throw new AutoScalingError('ResourceNotFoundException', `No scalable target found for ARN ${arn}`, {
      ResourceName: arn,
    });
  }
  return target;
}

export function tagResource(input: JsonObject, context: RequestContext): JsonValue {
  const reader = new InputReader(input, validation);
  const target = targetOf(reader, context);
  if (!reader.has('Tags')) throw validation('Tags is required');
  const tags = readTagMap(reader);
  if (new Set([...target.tags.keys(), ...tags.map(([key]) => key)]).size > MAX_TAGS) {
    throw new AutoScalingError('TooManyTagsException', `A resource can have at most ${MAX_TAGS} tags`, {
      ResourceName: target.arn,
    });
  }
  for (const [key, value] of tags) target.tags.set(key, value);
  return {};
}

export function untagResource(input: JsonObject, context: RequestContext): JsonValue {
  const reader = new InputReader(input, validation);
  const target = targetOf(reader, context);
  const keys = reader.stringArray('TagKeys', { max: 200 });
  if (keys === undefined) throw validation('TagKeys is required');
  for (const key of keys) target.tags.delete(key);
  return {};
}

export function listTagsForResource(input: JsonObject, context: RequestContext): JsonValue {
  const target = targetOf(new InputReader(input, validation), context);
  return { Tags: Object.fromEntries(target.tags) };
}
