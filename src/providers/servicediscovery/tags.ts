import {
  ListTagsForResourceCommand,
  TagResourceCommand,
  UntagResourceCommand,
} from '@aws-sdk/client-servicediscovery';
import type { DriftEntry } from '../../diff/index.ts';
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

/**
 * Cloud Map lists carry no tags: a namespace's or service's tags come from the tag cache, and
 * ListTagsForResource is called only when it first appears or its entry has expired.
 */
export async function cloudMapTags(arn: string, context: ProviderContext): Promise<TagMap> {
  const cached = context.tags.get(arn);
  if (cached !== undefined) return cached;
  const answer = await context.aws.servicediscovery.send(
    new ListTagsForResourceCommand({ ResourceARN: arn }),
  );
  const tags = fromUpperTagList(answer.Tags);
  context.tags.set(arn, tags);
  return tags;
}

/** A resource was just made with these tags: the next read needs no ListTagsForResource for it. */
export function createdWithTags(arn: string, tags: TagMap, context: ProviderContext): void {
  if (arn !== '') context.tags.set(arn, tags);
}

/** Cloud Map's tag calls; its lists carry no tags, so the tag cache holds them. */
const CLOUD_MAP_TAGS: TagApi = {
  cached: true,
  add: (ResourceARN, tags, context) =>
    context.aws.servicediscovery.send(new TagResourceCommand({ ResourceARN, Tags: toUpperTagList(tags) })),
  remove: (ResourceARN, keys, context) =>
    context.aws.servicediscovery.send(new UntagResourceCommand({ ResourceARN, TagKeys: [...keys] })),
};

/** Adds and removes the tags the delta says differ, and keeps the tag cache to what the resource now carries. */
export function convergeCloudMapTags(
  arn: string,
  desired: TagMap,
  actual: TagMap,
  delta: readonly DriftEntry[],
  context: ProviderContext,
): Promise<void> {
  return writeTags(CLOUD_MAP_TAGS, arn, desired, actual, delta, context);
}

/** Takes Shipshape's marks off a namespace or service (deletionPolicy Retain); the user's tags stay. */
export function releaseCloudMapTags(live: ObservedResource, context: ProviderContext): Promise<void> {
  return releaseOwnership(CLOUD_MAP_TAGS, live.ids.arn ?? '', context, tagMapOf(live.state.tags));
}
