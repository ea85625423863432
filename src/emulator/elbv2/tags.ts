import type { RequestContext } from '../core/context.ts';
import type { JsonObject } from '../core/json.ts';
import { resourceKind } from './arns.ts';
import { elbError, validationError } from './errors.ts';
import { reader, readTags } from './read.ts';
import { ELBV2_STATE, type Elbv2State } from './state.ts';

const MAX_TAGS = 50;

const NOT_FOUND: Readonly<Record<string, [string, string]>> = {
  loadbalancer: ['LoadBalancerNotFound', 'Load balancer'],
  targetgroup: ['TargetGroupNotFound', 'Target group'],
  listener: ['ListenerNotFound', 'Listener'],
  'listener-rule': ['RuleNotFound', 'Rule'],
};

function exists(state: Elbv2State, arn: string): boolean {
  switch (resourceKind(arn)) {
    case 'loadbalancer':
      return state.loadBalancers.has(arn);
    case 'targetgroup':
      return state.targetGroups.has(arn);
    case 'listener':
      return state.listeners.has(arn);
    case 'listener-rule':
      return state.rules.has(arn);
    default:
      return false;
  }
}

function tagsOf(state: Elbv2State, arn: string): Map<string, string> {
  if (!exists(state, arn)) {
    const [code, noun] = NOT_FOUND[resourceKind(arn)] ?? ['ValidationError', 'Resource'];
    if (code === 'ValidationError') throw validationError(`'${arn}' is not a valid resource ARN`);
    throw elbError(code, `${noun} '${arn}' not found`);
  }
  let tags = state.tags.get(arn);
  if (tags === undefined) {
    tags = new Map();
    state.tags.set(arn, tags);
  }
  return tags;
}

/** Adds or overwrites tags, refusing to go past 50 per resource. */
export function putTags(state: Elbv2State, arn: string, tags: ReadonlyArray<[string, string]>): void {
  const current = tagsOf(state, arn);
  const keys = new Set([...current.keys(), ...tags.map(([key]) => key)]);
  if (keys.size > MAX_TAGS)
    throw elbError('TooManyTags', `Resource '${arn}' cannot have more than ${MAX_TAGS} tags`);
  for (const [key, value] of tags) current.set(key, value);
}

/** Tags given on create: checked before the resource exists, stored after. */
export function checkCreateTags(tags: ReadonlyArray<[string, string]>): void {
  if (tags.length > MAX_TAGS)
    throw elbError('TooManyTags', `A resource cannot have more than ${MAX_TAGS} tags`);
}

export function tagList(state: Elbv2State, arn: string): JsonObject[] {
  return [...(state.tags.get(arn) ?? new Map<string, string>()).entries()].map(([Key, Value]) => ({
    Key,
    Value,
  }));
}

function resourceArns(input: ReturnType<typeof reader>, max?: number): string[] {
  const arns = input.stringArray('ResourceArns') ?? [];
  if (arns.length === 0) throw validationError('ResourceArns is required');
  if (max !== undefined && arns.length > max) {
    throw validationError(`Member must have length less than or equal to ${max}`);
  }
  return arns;
}

export function addTags(raw: JsonObject, context: RequestContext): JsonObject {
  const input = reader(raw);
  const state = context.world.get(ELBV2_STATE);
  const arns = resourceArns(input);
  const tags = readTags(input);
  for (const arn of arns) tagsOf(state, arn);
  for (const arn of arns) putTags(state, arn, tags);
  return {};
}

export function removeTags(raw: JsonObject, context: RequestContext): JsonObject {
  const input = reader(raw);
  const state = context.world.get(ELBV2_STATE);
  const arns = resourceArns(input);
  const keys = input.stringArray('TagKeys') ?? [];
  if (keys.length === 0) throw validationError('TagKeys is required');
  for (const arn of arns) tagsOf(state, arn);
  for (const arn of arns) {
    const tags = tagsOf(state, arn);
    for (const key of keys) tags.delete(key);
  }
  return {};
}

export function describeTags(raw: JsonObject, context: RequestContext): JsonObject {
  const input = reader(raw);
  const state = context.world.get(ELBV2_STATE);
  const arns = resourceArns(input, 20);
  return {
    TagDescriptions: arns.map((arn) => {
      tagsOf(state, arn);
      return { ResourceArn: arn, Tags: tagList(state, arn) };
    }),
  };
}
