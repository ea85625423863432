import {
  ListTagsForResourceCommand,
  TagResourceCommand,
  UntagResourceCommand,
} from '@aws-sdk/client-application-auto-scaling';
import { shortDigest } from '../idempotency.ts';
import { sortKeys, type TagMap, tagChanges } from '../tags.ts';
import type { ProviderContext } from '../types.ts';

/**
 * Scaling policies cannot carry tags, so a policy's ownership is recorded on its
 * scalable target: a tag `shipshape.dev/policy.<digest of the policy name>`
 * whose value is the policy's manifest identity. The ScalableTarget provider
 * leaves these tags out of its own state.
 */
const POLICY_TAG_PREFIX = 'shipshape.dev/policy.';

export function policyTagKey(policyName: string): string {
  return `${POLICY_TAG_PREFIX}${shortDigest(policyName)}`;
}

export function isPolicyTag(key: string): boolean {
  return key.startsWith(POLICY_TAG_PREFIX);
}

export async function targetTags(arn: string, context: ProviderContext): Promise<TagMap> {
  const answer = await context.aws.autoscaling.send(new ListTagsForResourceCommand({ ResourceARN: arn }));
  const tags: TagMap = {};
  for (const [key, value] of Object.entries(answer.Tags ?? {})) tags[key] = value;
  return sortKeys(tags);
}

/** The target's own tags, without the policies' ownership marks. */
export function ownTags(tags: TagMap): TagMap {
  return Object.fromEntries(Object.entries(tags).filter(([key]) => !isPolicyTag(key)));
}

export async function convergeTargetTags(
  arn: string,
  desired: TagMap,
  actual: TagMap,
  context: ProviderContext,
): Promise<void> {
  const { add, remove } = tagChanges(desired, actual);
  const removable = remove.filter((key) => !isPolicyTag(key));
  if (Object.keys(add).length > 0)
    await context.aws.autoscaling.send(new TagResourceCommand({ ResourceARN: arn, Tags: add }));
  if (removable.length > 0) {
    await context.aws.autoscaling.send(new UntagResourceCommand({ ResourceARN: arn, TagKeys: removable }));
  }
}
