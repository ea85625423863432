import {
  ListTagsForResourceCommand,
  TagResourceCommand,
  UntagResourceCommand,
} from '@aws-sdk/client-application-auto-scaling';
import { type DriftEntry, differentAt, member } from '../../diff/index.ts';
import { isErrorCode } from '../aws-error.ts';
import { shortDigest } from '../idempotency.ts';
import { sortKeys, type TagMap, tagChanges } from '../tags.ts';
import type { ProviderContext } from '../types.ts';

/**
 * Scaling policies cannot carry tags, so a policy's marks are recorded on its
 * scalable target: a tag `shipshape.dev/policy.<digest of the policy name>`
 * whose value is the policy's manifest identity (ownership), and the same key
 * with `.deletion-policy` appended, set to `Retain` when its manifest says so.
 * The ScalableTarget provider leaves these tags out of its own state.
 */
const POLICY_TAG_PREFIX = 'shipshape.dev/policy.';
const RETAIN_SUFFIX = '.deletion-policy';

export function policyTagKey(policyName: string): string {
  return `${POLICY_TAG_PREFIX}${shortDigest(policyName)}`;
}

export function policyRetainTagKey(policyName: string): string {
  return `${policyTagKey(policyName)}${RETAIN_SUFFIX}`;
}

export function isPolicyTag(key: string): boolean {
  return key.startsWith(POLICY_TAG_PREFIX);
}

/** The target's tags: describes carry none, so they come from the tag cache, else ListTagsForResource. */
export async function tagsOfTarget(arn: string, context: ProviderContext): Promise<TagMap> {
  const known = context.tags.get(arn);
  if (known !== undefined) return known;
  const answer = await context.aws.autoscaling.send(new ListTagsForResourceCommand({ ResourceARN: arn }));
  const tags = sortKeys({ ...answer.Tags });
  context.tags.set(arn, tags);
  return tags;
}

/** The target's own tags, without the policies' marks. */
export function ownTags(tags: TagMap): TagMap {
  return Object.fromEntries(Object.entries(tags).filter(([key]) => !isPolicyTag(key)));
}

/** Keeps the cached tags in step with a write; a target whose tags are not cached is read when next seen. */
function remember(arn: string, context: ProviderContext, change: (known: TagMap) => TagMap): void {
  const known = context.tags.get(arn);
  if (known !== undefined) context.tags.set(arn, sortKeys(change(known)));
}

export async function tagTarget(arn: string, tags: TagMap, context: ProviderContext): Promise<void> {
  if (Object.keys(tags).length === 0) return;
  await context.aws.autoscaling.send(new TagResourceCommand({ ResourceARN: arn, Tags: tags }));
  remember(arn, context, (known) => ({ ...known, ...tags }));
}

export async function untagTarget(
  arn: string,
  keys: readonly string[],
  context: ProviderContext,
): Promise<void> {
  if (keys.length === 0) return;
  await context.aws.autoscaling.send(new UntagResourceCommand({ ResourceARN: arn, TagKeys: [...keys] }));
  remember(arn, context, (known) =>
    Object.fromEntries(Object.entries(known).filter(([k]) => !keys.includes(k))),
  );
}

/** Takes marks off a target, unless it is gone already (deregistering it deleted its policies too). */
export async function untagIfRegistered(
  arn: string,
  keys: readonly string[],
  context: ProviderContext,
): Promise<void> {
  if (arn === '') return;
  try {
    await untagTarget(arn, keys, context);
  } catch (error) {
    if (!isErrorCode(error, 'ResourceNotFoundException')) throw error;
    context.tags.forget(arn);
  }
}

/**
 * Adds and removes the target's own tags where the delta says they differ (a tag the user
 * ignores stays as it is); the policies' marks are never the target's to remove.
 */
export async function convergeTargetTags(
  arn: string,
  desired: TagMap,
  actual: TagMap,
  delta: readonly DriftEntry[],
  context: ProviderContext,
): Promise<void> {
  const drifted = (key: string) => differentAt(delta, [member('tags'), member(key)]);
  const { add, remove } = tagChanges(desired, actual);
  await tagTarget(arn, Object.fromEntries(Object.entries(add).filter(([key]) => drifted(key))), context);
  await untagTarget(
    arn,
    remove.filter((key) => !isPolicyTag(key) && drifted(key)),
    context,
  );
}
