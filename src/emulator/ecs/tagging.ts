import type { RequestContext } from '../core/context.ts';
import type { JsonOperation } from '../protocols/json.ts';
import { parseEcsArn } from './arns.ts';
import { clusterNotFound, invalidParameter, resourceNotFound } from './errors.ts';
import { reader, stateOf } from './input.ts';
import { renderTags } from './render.ts';
import type { Tag } from './state.ts';
import { mergeTags, readTags } from './tags.ts';
import { findTaskDefinition } from './task-definitions.ts';

interface Tagged {
  tags: Tag[];
}

/** The cluster, service, task definition or task an ARN names, as ECS resolves them for tagging. */
function taggedResource(context: RequestContext, arn: string): Tagged {
  const parsed = parseEcsArn(arn);
  if (parsed === undefined || parsed.region !== context.region) {
    throw invalidParameter('The ARN provided is invalid.');
  }
  const state = stateOf(context);
  const [first = '', second] = parsed.parts;
  switch (parsed.resourceType) {
    case 'cluster': {
      const cluster = state.clusters.get(first);
      if (cluster === undefined || cluster.status !== 'ACTIVE') throw clusterNotFound();
      return cluster;
    }
    case 'service': {
      if (second === undefined) throw invalidParameter('Long arn format must be used for tagging operations');
      const cluster = state.clusters.get(first);
      if (cluster === undefined || cluster.status !== 'ACTIVE') throw clusterNotFound();
      const service = cluster.services.get(second);
      if (service === undefined || service.status === 'INACTIVE') throw resourceNotFound();
      return service;
    }
    case 'task-definition': {
      const definition = findTaskDefinition(state, arn);
      if (definition === undefined) throw resourceNotFound();
      return definition;
    }
    case 'task': {
      if (second === undefined) throw invalidParameter('Long arn format must be used for tagging operations');
      const task = state.tasks.get(second);
      if (task === undefined || task.clusterName !== first) throw resourceNotFound();
      return task;
    }
    default:
      throw invalidParameter('The ARN provided is invalid.');
  }
}

const tagResource: JsonOperation = (raw, context) => {
  const input = reader(raw);
  const resource = taggedResource(context, input.requiredString('resourceArn'));
  const tags = readTags(input.array('tags') ?? []);
  if (!input.has('tags')) throw invalidParameter('tags is required');
  resource.tags = mergeTags(resource.tags, tags);
  return {};
};

const untagResource: JsonOperation = (raw, context) => {
  const input = reader(raw);
  const resource = taggedResource(context, input.requiredString('resourceArn'));
  const keys = input.stringArray('tagKeys');
  if (keys === undefined) throw invalidParameter('tagKeys is required');
  const remove = new Set(keys);
  resource.tags = resource.tags.filter((tag) => !remove.has(tag.key));
  return {};
};

const listTagsForResource: JsonOperation = (raw, context) => {
  const input = reader(raw);
  const resource = taggedResource(context, input.requiredString('resourceArn'));
  return { tags: renderTags(resource.tags) };
};

export const taggingOperations: Record<string, JsonOperation> = {
  TagResource: tagResource,
  UntagResource: untagResource,
  ListTagsForResource: listTagsForResource,
};
