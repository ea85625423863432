import {
  ListTagsForResourceCommand,
  TagResourceCommand,
  UntagResourceCommand,
} from '@aws-sdk/client-servicediscovery';
import { fromUpperTagList, type TagMap, tagChanges, toUpperTagList } from '../tags.ts';
import type { ProviderContext } from '../types.ts';

/** Cloud Map lists carry no tags: one ListTagsForResource per namespace or service. */
export async function cloudMapTags(arn: string, context: ProviderContext): Promise<TagMap> {
  const answer = await context.aws.servicediscovery.send(
    new ListTagsForResourceCommand({ ResourceARN: arn }),
  );
  return fromUpperTagList(answer.Tags);
}

export async function convergeCloudMapTags(
  arn: string,
  desired: TagMap,
  actual: TagMap,
  context: ProviderContext,
): Promise<void> {
  const { add, remove } = tagChanges(desired, actual);
  if (Object.keys(add).length > 0) {
    await context.aws.servicediscovery.send(
      new TagResourceCommand({ ResourceARN: arn, Tags: toUpperTagList(add) }),
    );
  }
  if (remove.length > 0) {
    await context.aws.servicediscovery.send(new UntagResourceCommand({ ResourceARN: arn, TagKeys: remove }));
  }
}
