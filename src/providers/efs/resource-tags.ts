import { TagResourceCommand, UntagResourceCommand } from '@aws-sdk/client-efs';
import type { DriftEntry } from '../../diff/index.ts';
import { releaseOwnership, type TagApi, type TagMap, toUpperTagList, writeTags } from '../tags.ts';
import type { ProviderContext } from '../types.ts';

/** EFS's tag calls (its describes carry the tags: nothing is cached). */
const EFS_TAGS: TagApi = {
  cached: false,
  add: (ResourceId, tags, context) =>
    context.aws.efs.send(new TagResourceCommand({ ResourceId, Tags: toUpperTagList(tags) })),
  remove: (ResourceId, keys, context) =>
    context.aws.efs.send(new UntagResourceCommand({ ResourceId, TagKeys: [...keys] })),
};

/** Adds and removes the tags of a file system or access point that the delta says differ. */
export function putEfsTags(
  resourceId: string,
  desired: TagMap,
  actual: TagMap,
  delta: readonly DriftEntry[],
  context: ProviderContext,
): Promise<void> {
  return writeTags(EFS_TAGS, resourceId, desired, actual, delta, context);
}

/** Takes Shipshape's marks off a file system or access point (deletionPolicy Retain); the user's tags stay. */
export function releaseEfsTags(resourceId: string, context: ProviderContext): Promise<void> {
  return releaseOwnership(EFS_TAGS, resourceId, context);
}
