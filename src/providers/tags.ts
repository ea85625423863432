import { type DriftEntry, differentAt, member } from '../diff/index.ts';
import { controlsOf } from '../manifest/controls.ts';
import type { LoadedManifest } from '../manifest/manifest.ts';
import { ownValue } from '../own.ts';
import { DELETION_POLICY_TAG, OWNERSHIP_TAG_KEYS } from './ownership.ts';
import type { Ownership, ProviderContext } from './types.ts';

export type TagMap = Record<string, string>;

/**
 * The tags a resource should carry: the manifest's own, Shipshape's ownership tags, and the
 * deletion policy when it is Retain (so that it outlives the manifest).
 */
export function desiredTags(manifest: LoadedManifest, ownership: Ownership): TagMap {
  return sortKeys({ ...tagMapOf(manifest.spec.tags), ...ownershipTags(manifest, ownership) });
}

/** Shipshape's own marks for a manifest's resource: ownership, and the deletion policy when it is Retain. */
export function ownershipTags(manifest: LoadedManifest, ownership: Ownership): TagMap {
  const retain = controlsOf(manifest).deletionPolicy === 'Retain' ? { [DELETION_POLICY_TAG]: 'Retain' } : {};
  return { ...ownership.tagsFor(manifest.identity), ...retain };
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
  return sortKeys(
    Object.fromEntries(
      (list ?? []).flatMap((tag) => (tag.key === undefined ? [] : [[tag.key, tag.value ?? '']])),
    ),
  );
}

/** ELBv2, EFS and Cloud Map's `[{Key, Value}]`. */
export function toUpperTagList(tags: TagMap): Array<{ Key: string; Value: string }> {
  return Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
}

export function fromUpperTagList(
  list: ReadonlyArray<{ Key?: string | undefined; Value?: string | undefined }> | undefined,
): TagMap {
  return sortKeys(
    Object.fromEntries(
      (list ?? []).flatMap((tag) => (tag.Key === undefined ? [] : [[tag.Key, tag.Value ?? '']])),
    ),
  );
}

/** What to add and what to remove to go from `actual` to `desired`. */
export function tagChanges(desired: TagMap, actual: TagMap): { add: TagMap; remove: string[] } {
  const add = Object.fromEntries(
    Object.entries(desired).filter(([key, value]) => ownValue(actual, key) !== value),
  );
  const remove = Object.keys(actual).filter((key) => !Object.hasOwn(desired, key) && !key.startsWith('aws:'));
  return { add, remove };
}

/**
 * The tag writes a delta asks for: keys it names as different are added or removed, nothing
 * else (AWS's own `aws:` tags, and tags the user ignores, stay). `after` is what the resource
 * then carries; undefined when there is nothing to write.
 */
export function tagWrites(
  desired: TagMap,
  actual: TagMap,
  delta: readonly DriftEntry[],
): { readonly add: TagMap; readonly remove: string[]; readonly after: TagMap } | undefined {
  if (!differentAt(delta, 'tags')) return undefined;
  const differs = (key: string) => differentAt(delta, [member('tags'), member(key)]);
  const { add, remove } = tagChanges(desired, actual);
  const adding = Object.fromEntries(Object.entries(add).filter(([key]) => differs(key)));
  const removing = remove.filter(differs);
  if (Object.keys(adding).length === 0 && removing.length === 0) return undefined;
  return { add: adding, remove: removing, after: sortKeys({ ...withoutKeys(actual, removing), ...adding }) };
}

/** The tags without these keys. */
export function withoutKeys(tags: TagMap, keys: readonly string[]): TagMap {
  return Object.fromEntries(Object.entries(tags).filter(([key]) => !keys.includes(key)));
}

/** One service's tag calls, by resource ARN or id. */
export interface TagApi {
  add(id: string, tags: TagMap, context: ProviderContext): Promise<unknown>;
  remove(id: string, keys: readonly string[], context: ProviderContext): Promise<unknown>;
  /** The service's describes carry no tags: the tag cache holds them, and is kept to every write. */
  readonly cached: boolean;
}

/** Writes the tag changes the delta asks for through the service's calls (see `tagWrites`). */
export async function writeTags(
  api: TagApi,
  id: string,
  desired: TagMap,
  actual: TagMap,
  delta: readonly DriftEntry[],
  context: ProviderContext,
): Promise<void> {
  const writes = tagWrites(desired, actual, delta);
  if (writes === undefined || id === '') return;
  if (Object.keys(writes.add).length > 0) await api.add(id, writes.add, context);
  if (writes.remove.length > 0) await api.remove(id, writes.remove, context);
  if (api.cached) context.tags.set(id, writes.after);
}

/** Takes Shipshape's marks off a resource (deletionPolicy Retain); the user's tags stay. */
export async function releaseOwnership(
  api: TagApi,
  id: string,
  context: ProviderContext,
  known?: TagMap,
): Promise<void> {
  if (id === '') return;
  await api.remove(id, OWNERSHIP_TAG_KEYS, context);
  if (!api.cached) return;
  const before = context.tags.get(id) ?? known;
  if (before === undefined) context.tags.forget(id);
  else context.tags.set(id, withoutKeys(before, OWNERSHIP_TAG_KEYS));
}

/** The string members of a value that should be a tag map (a normalised state's `tags`). */
export function tagMapOf(value: unknown): TagMap {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return {};
  return Object.fromEntries(
    Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );
}
