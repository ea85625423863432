import type { LoadedManifest } from '../manifest/manifest.ts';
import type { Ownership } from './types.ts';

export type TagMap = Record<string, string>;

/** The tags a resource should carry: the manifest's own plus Shipshape's ownership tags. */
export function desiredTags(manifest: LoadedManifest, ownership: Ownership): TagMap {
  const own = manifest.spec.tags;
  const declared: TagMap = {};
  if (typeof own === 'object' && own !== null && !Array.isArray(own)) {
    for (const [key, value] of Object.entries(own)) if (typeof value === 'string') declared[key] = value;
  }
  return sortKeys({ ...declared, ...ownership.tagsFor(manifest.identity) });
}

export function sortKeys(tags: TagMap): TagMap {
  return Object.fromEntries(Object.entries(tags).sort(([a], [b]) => a.localeCompare(b)));
}

/** ECS's `[{key, value}]`. */
export function toLowerTagList(tags: TagMap): Array<{ key: string; value: string }> {
  return Object.entries(tags).map(([key, value]) => ({ key, value }));
}

export function fromLowerTagList(
  list: ReadonlyArray<{ key?: string | undefined; value?: string | undefined }> | undefined,
): TagMap {
  const tags: TagMap = {};
  for (const tag of list ?? []) if (tag.key !== undefined) tags[tag.key] = tag.value ?? '';
  return sortKeys(tags);
}

/** ELBv2, EFS and Cloud Map's `[{Key, Value}]`. */
export function toUpperTagList(tags: TagMap): Array<{ Key: string; Value: string }> {
  return Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
}

export function fromUpperTagList(
  list: ReadonlyArray<{ Key?: string | undefined; Value?: string | undefined }> | undefined,
): TagMap {
  const tags: TagMap = {};
  for (const tag of list ?? []) if (tag.Key !== undefined) tags[tag.Key] = tag.Value ?? '';
  return sortKeys(tags);
}

/** What to add and what to remove to go from `actual` to `desired`. */
export function tagChanges(desired: TagMap, actual: TagMap): { add: TagMap; remove: string[] } {
  const add: TagMap = {};
  for (const [key, value] of Object.entries(desired)) if (actual[key] !== value) add[key] = value;
  const remove = Object.keys(actual).filter((key) => !(key in desired) && !key.startsWith('aws:'));
  return { add, remove };
}
