import {
  ListClustersCommand,
  ListServicesCommand,
  TagResourceCommand,
  UntagResourceCommand,
} from '@aws-sdk/client-ecs';
import type { DriftEntry } from '../../diff/index.ts';
import { paged } from '../batch.ts';
import { releaseOwnership, type TagApi, type TagMap, toLowerTagList, writeTags } from '../tags.ts';
import type { ProviderContext } from '../types.ts';

/** Every cluster ARN of the account and region (ListClusters, 100 a page), listed once per look. */
export function clusterArns(context: ProviderContext): Promise<string[]> {
  const list = () =>
    paged(async (nextToken) => {
      const page = await context.aws.ecs.send(new ListClustersCommand({ maxResults: 100, nextToken }));
      return { items: page.clusterArns ?? [], next: page.nextToken };
    });
  return context.memo === undefined ? list() : context.memo.once('ecs:ListClusters', list);
}

/** Every service ARN of a cluster (ListServices, 100 a page). */
export function serviceArns(cluster: string, context: ProviderContext): Promise<string[]> {
  return paged(async (nextToken) => {
    const page = await context.aws.ecs.send(new ListServicesCommand({ cluster, maxResults: 100, nextToken }));
    return { items: page.serviceArns ?? [], next: page.nextToken };
  });
}

/** `arn:...:service/cluster/name` or `arn:...:cluster/name` -> `name`. */
export function lastSegment(arn: string): string {
  return arn.split('/').pop() ?? arn;
}

/** ECS's tag calls (its describes carry the tags: nothing is cached). */
const ECS_TAGS: TagApi = {
  cached: false,
  add: (resourceArn, tags, context) =>
    context.aws.ecs.send(new TagResourceCommand({ resourceArn, tags: toLowerTagList(tags) })),
  remove: (resourceArn, keys, context) =>
    context.aws.ecs.send(new UntagResourceCommand({ resourceArn, tagKeys: [...keys] })),
};

/** Takes Shipshape's marks off an ECS resource (deletionPolicy Retain). */
export function untagOwnership(resourceArn: string, context: ProviderContext): Promise<void> {
  return releaseOwnership(ECS_TAGS, resourceArn, context);
}

/** The tag cache's key for what a service's tags said the last time it was described. */
export function serviceTagKey(arn: string): string {
  return `ecs:service/${arn}`;
}

/** Adds and removes the tags of an ECS resource that the delta says differ. */
export function putEcsTags(
  resourceArn: string,
  desired: TagMap,
  actual: TagMap,
  delta: readonly DriftEntry[],
  context: ProviderContext,
): Promise<void> {
  return writeTags(ECS_TAGS, resourceArn, desired, actual, delta, context);
}
