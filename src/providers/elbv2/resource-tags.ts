import {
  AddTagsCommand,
  DescribeTagsCommand,
  RemoveTagsCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import type { DriftEntry } from '../../diff/index.ts';
import { chunks } from '../batch.ts';
import {
  fromUpperTagList,
  releaseOwnership,
  type TagApi,
  type TagMap,
  tagMapOf,
  toUpperTagList,
  writeTags,
} from '../tags.ts';
import type { ObservedResource, ProviderContext } from '../types.ts';

/** DescribeTags takes up to 20 resource ARNs a call. */
const TAGS_BATCH = 20;

/**
 * The tags of every ARN: from the tag cache, and for those it does not hold (new, or expired:
 * the slow tag resync) DescribeTags, 20 ARNs a call, whose answers the cache then keeps.
 */
export async function tagsOf(
  arns: readonly string[],
  context: ProviderContext,
): Promise<Map<string, TagMap>> {
  const tags = new Map<string, TagMap>();
  const unknown: string[] = [];
  for (const arn of new Set(arns)) {
    if (arn === '') continue;
    const cached = context.tags.get(arn);
    if (cached === undefined) unknown.push(arn);
    else tags.set(arn, cached);
  }
  for (const batch of chunks(unknown, TAGS_BATCH)) {
    const answer = await context.aws.elbv2.send(new DescribeTagsCommand({ ResourceArns: batch }));
    for (const description of answer.TagDescriptions ?? []) {
      if (description.ResourceArn === undefined) continue;
      const read = fromUpperTagList(description.Tags);
      context.tags.set(description.ResourceArn, read);
      tags.set(description.ResourceArn, read);
    }
  }
  return tags;
}

/** Of `items`, those that do not carry this instance's ownership tags. */
export async function unownedOf<T>(
  items: readonly T[],
  arnOf: (item: T) => string | undefined,
  context: ProviderContext,
): Promise<T[]> {
  const tags = await tagsOf(
    items.map((item) => arnOf(item) ?? ''),
    context,
  );
  return items.filter(
    (item) => context.ownership.identityOf(tags.get(arnOf(item) ?? '') ?? {}) === undefined,
  );
}

/** A resource was just made with these tags: the next read needs no DescribeTags for it. */
export function createdWithTags(arn: string, tags: TagMap, context: ProviderContext): void {
  if (arn !== '') context.tags.set(arn, tags);
}

/** ELBv2's tag calls; its describes carry no tags, so the tag cache holds them. */
const ELBV2_TAGS: TagApi = {
  cached: true,
  add: (arn, tags, context) =>
    context.aws.elbv2.send(new AddTagsCommand({ ResourceArns: [arn], Tags: toUpperTagList(tags) })),
  remove: (arn, keys, context) =>
    context.aws.elbv2.send(new RemoveTagsCommand({ ResourceArns: [arn], TagKeys: [...keys] })),
};

/** Adds and removes the tags the delta says differ, and keeps the tag cache to what the resource now carries. */
export function putTags(
  arn: string,
  desired: TagMap,
  actual: TagMap,
  delta: readonly DriftEntry[],
  context: ProviderContext,
): Promise<void> {
  return writeTags(ELBV2_TAGS, arn, desired, actual, delta, context);
}

/** Takes Shipshape's marks off a resource (deletionPolicy Retain); the user's tags stay. */
export function releaseTags(live: ObservedResource, context: ProviderContext): Promise<void> {
  return releaseOwnership(ELBV2_TAGS, live.ids.arn ?? '', context, tagMapOf(live.state.tags));
}
