import {
  AddTagsCommand,
  DescribeTagsCommand,
  RemoveTagsCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { chunks } from '../batch.ts';
import { fromUpperTagList, type TagMap, tagChanges, toUpperTagList } from '../tags.ts';
import type { ProviderContext } from '../types.ts';

/** DescribeTags takes up to 20 resource ARNs a call. */
const TAGS_BATCH = 20;

export function sendOptions(context: ProviderContext): { abortSignal?: AbortSignal } {
  return context.signal === undefined ? {} : { abortSignal: context.signal };
}

/** The tags of every ARN, 20 ARNs a call. */
export async function tagsOf(
  arns: readonly string[],
  context: ProviderContext,
): Promise<Map<string, TagMap>> {
  const tags = new Map<string, TagMap>();
  for (const batch of chunks([...new Set(arns)], TAGS_BATCH)) {
    const answer = await context.aws.elbv2.send(
      new DescribeTagsCommand({ ResourceArns: batch }),
      sendOptions(context),
    );
    for (const description of answer.TagDescriptions ?? []) {
      if (description.ResourceArn !== undefined)
        tags.set(description.ResourceArn, fromUpperTagList(description.Tags));
    }
  }
  return tags;
}

/** Adds and removes tags so that the resource carries exactly `desired` (AWS's own `aws:` tags stay). */
export async function putTags(
  arn: string,
  desired: TagMap,
  actual: TagMap,
  context: ProviderContext,
): Promise<void> {
  const { add, remove } = tagChanges(desired, actual);
  if (Object.keys(add).length > 0) {
    await context.aws.elbv2.send(new AddTagsCommand({ ResourceArns: [arn], Tags: toUpperTagList(add) }));
  }
  if (remove.length > 0)
    await context.aws.elbv2.send(new RemoveTagsCommand({ ResourceArns: [arn], TagKeys: remove }));
}

export function tagMapOf(value: unknown): TagMap {
  const tags: TagMap = {};
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return tags;
  for (const [key, member] of Object.entries(value)) if (typeof member === 'string') tags[key] = member;
  return tags;
}
