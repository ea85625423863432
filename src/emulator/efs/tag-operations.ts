import type { RequestContext } from '../core/context.ts';
import { InputReader } from '../core/input.ts';
import type { JsonObject, JsonValue } from '../core/json.ts';
import { pageOf } from '../core/pages.ts';
import { findAccessPoint } from './access-points.ts';
import { badRequest } from './errors.ts';
import { findFileSystem } from './file-systems.ts';
import { idOf } from './ids.ts';
import { EFS, type EfsState } from './state.ts';
import { mergeTags, readTags, renderTags } from './tags.ts';

const RESOURCE_ID =
  /^(arn:aws[-a-z]*:elasticfilesystem:[0-9a-z-:]+:(access-point\/fsap|file-system\/fs)-[0-9a-f]{8,40}|fs(ap)?-[0-9a-f]{8,40})$/;

/** The tags of a file system or an access point, by id or ARN. */
function tagsOf(state: EfsState, resourceId: string): Map<string, string> {
  return idOf(resourceId).startsWith('fsap-')
    ? findAccessPoint(state, resourceId).tags
    : findFileSystem(state, resourceId).tags;
}

function requireTags(reader: InputReader): Array<[string, string]> {
  if (!reader.has('Tags')) throw badRequest('Tags is required');
  return readTags(reader, 'Tags');
}

export function tagResource(input: JsonObject, context: RequestContext): JsonValue {
  const reader = new InputReader(input, badRequest);
  const tags = tagsOf(
    context.world.get(EFS),
    reader.requiredString('ResourceId', { max: 128, pattern: RESOURCE_ID }),
  );
  mergeTags(tags, requireTags(reader));
  return {};
}

export function untagResource(input: JsonObject, context: RequestContext): JsonValue {
  const reader = new InputReader(input, badRequest);
  const tags = tagsOf(
    context.world.get(EFS),
    reader.requiredString('ResourceId', { max: 128, pattern: RESOURCE_ID }),
  );
  const keys = reader.stringArray('TagKeys', { min: 1, max: 50 });
  if (keys === undefined) throw badRequest('TagKeys is required');
  for (const key of keys) tags.delete(key);
  return {};
}

export function listTagsForResource(input: JsonObject, context: RequestContext): JsonValue {
  const reader = new InputReader(input, badRequest);
  const tags = tagsOf(
    context.world.get(EFS),
    reader.requiredString('ResourceId', { max: 128, pattern: RESOURCE_ID }),
  );
  const max = reader.number('MaxResults', { min: 1 }) ?? 100;
  const page = pageOf(
    renderTags(tags),
    reader.string('NextToken', { min: 1, max: 128 }),
    Math.min(max, 100),
    badRequest,
  );
  return { Tags: page.items, ...(page.nextToken === undefined ? {} : { NextToken: page.nextToken }) };
}

/** The older file-system-only tag calls. */
export function createTags(input: JsonObject, context: RequestContext): JsonValue | undefined {
  const reader = new InputReader(input, badRequest);
  const fileSystem = findFileSystem(
    context.world.get(EFS),
    reader.requiredString('FileSystemId', { max: 128 }),
  );
  mergeTags(fileSystem.tags, requireTags(reader));
  return undefined;
}

export function deleteTags(input: JsonObject, context: RequestContext): JsonValue | undefined {
  const reader = new InputReader(input, badRequest);
  const fileSystem = findFileSystem(
    context.world.get(EFS),
    reader.requiredString('FileSystemId', { max: 128 }),
  );
  const keys = reader.stringArray('TagKeys', { min: 1, max: 50 });
  if (keys === undefined) throw badRequest('TagKeys is required');
  for (const key of keys) fileSystem.tags.delete(key);
  return undefined;
}

export function describeTags(input: JsonObject, context: RequestContext): JsonValue {
  const reader = new InputReader(input, badRequest);
  const fileSystem = findFileSystem(
    context.world.get(EFS),
    reader.requiredString('FileSystemId', { max: 128 }),
  );
  const max = reader.number('MaxItems', { min: 1 }) ?? 100;
  const marker = reader.string('Marker', { min: 1, max: 128 });
  const page = pageOf(renderTags(fileSystem.tags), marker, Math.min(max, 100), badRequest);
  return {
    ...(marker === undefined ? {} : { Marker: marker }),
    Tags: page.items,
    ...(page.nextToken === undefined ? {} : { NextMarker: page.nextToken }),
  };
}
