import type { LoadedManifest } from '../../manifest/manifest.ts';
import type { TagMap } from '../tags.ts';
import type { ProviderContext, ReadScope } from '../types.ts';
import { NAMES_BATCH } from './describe-by-name.ts';
import { tagsOf } from './resource-tags.ts';

/** A kind whose resources have names unique in the region: target groups, load balancers. */
export interface NamedKind<T> {
  /** What identities of the kind start with: `TargetGroup/`. */
  readonly prefix: string;
  arnOf(item: T): string;
  nameOf(item: T): string;
  /** Describes by name, 20 a call, unknown names left out. */
  describe(names: readonly string[], context: ProviderContext): Promise<T[]>;
  /** Every resource of the kind, paged. */
  listAll(context: ProviderContext): Promise<T[]>;
}

export interface FoundNamed<T> {
  readonly identity: string;
  /** The manifest it was found for; undefined for an owned resource no manifest names. */
  readonly manifest?: LoadedManifest;
  readonly item: T;
  readonly tags: TagMap;
  readonly owned: boolean;
}

/**
 * The live resources of a read's scope. A few manifests are described by name; many, or a read
 * of every owned one, take one paged listing that the manifests are matched in. A manifest whose
 * name changed still finds the resource it made by its ownership tag (to replace it, not to
 * leave it behind), which needs the listing too.
 */
export async function findNamed<T>(
  kind: NamedKind<T>,
  { manifests, everyOwned }: ReadScope,
  nameOfManifest: (manifest: LoadedManifest) => string,
  context: ProviderContext,
): Promise<FoundNamed<T>[]> {
  const byName = new Map(manifests.map((manifest) => [nameOfManifest(manifest), manifest]));
  const listed = everyOwned || byName.size > NAMES_BATCH;
  let items = listed ? await kind.listAll(context) : await kind.describe([...byName.keys()], context);
  const named = items.filter((item) => byName.has(kind.nameOf(item)));
  const tags = await tagsOf((everyOwned ? items : named).map(kind.arnOf), context);
  const tagsOfItem = (item: T): TagMap => tags.get(kind.arnOf(item)) ?? {};
  const ownerOf = (item: T) => context.ownership.identityOf(tagsOfItem(item));

  const found: FoundNamed<T>[] = [];
  const foundFor = (manifest: LoadedManifest, item: T): FoundNamed<T> => ({
    identity: manifest.identity,
    manifest,
    item,
    tags: tagsOfItem(item),
    owned: ownerOf(item) === manifest.identity,
  });
  for (const item of named) {
    const manifest = byName.get(kind.nameOf(item));
    if (manifest !== undefined) found.push(foundFor(manifest, item));
  }
  const matched = new Set(found.map((entry) => entry.manifest));
  const missing = manifests.filter((manifest) => !matched.has(manifest));
  if (missing.length > 0) {
    if (!listed) items = await kind.listAll(context);
    for (const [arn, itemTags] of await tagsOf(items.map(kind.arnOf), context)) tags.set(arn, itemTags);
    for (const manifest of missing) {
      const made = items.find((item) => ownerOf(item) === manifest.identity);
      if (made !== undefined) found.push(foundFor(manifest, made));
    }
  }
  if (!everyOwned) return found;

  const used = new Set(found.map((entry) => entry.item));
  const identities = new Set(found.map((entry) => entry.identity));
  for (const item of items) {
    const owner = ownerOf(item);
    if (used.has(item) || owner === undefined || !owner.startsWith(kind.prefix) || identities.has(owner))
      continue;
    identities.add(owner);
    found.push({ identity: owner, item, tags: tagsOfItem(item), owned: true });
  }
  return found;
}
