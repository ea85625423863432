import type { LoadedManifest } from '../../manifest/manifest.ts';
import type { TagMap } from '../tags.ts';
import type { ProviderContext } from '../types.ts';
import { byParent, matchLive } from './parent-arn.ts';
import { tagsOf } from './resource-tags.ts';

/** A kind that lives on a parent and is listed per parent: listeners on a load balancer, rules on a listener. */
export interface ChildKind<T> {
  /** What identities of the kind start with: `Listener/`. */
  readonly prefix: string;
  arnOf(item: T): string;
  /** The natural key within the parent (port, priority), for the manifest and the live side. */
  keyOfManifest(manifest: LoadedManifest): string;
  keyOfLive(item: T): string;
  parentOf(manifest: LoadedManifest, context: ProviderContext): string | undefined;
  /** Every child of one parent, none when the parent has gone. */
  listOn(parentArn: string, context: ProviderContext): Promise<T[]>;
}

export interface FoundChild<T> {
  readonly identity: string;
  /** The manifest it was found for; undefined for an owned resource no manifest names. */
  readonly manifest?: LoadedManifest;
  readonly item: T;
  readonly parentArn: string;
  readonly tags: TagMap;
  readonly owned: boolean;
}

/**
 * The live children of the manifests' parents, matched to the manifests, and with `ownedParents`
 * (a read of every owned one) also the owned children of those parents that no manifest has.
 * Tags come from the cache, DescribeTags only for those it does not hold.
 */
export async function findChildren<T>(
  kind: ChildKind<T>,
  manifests: readonly LoadedManifest[],
  ownedParents: readonly string[] | undefined,
  context: ProviderContext,
): Promise<FoundChild<T>[]> {
  const groups = byParent(manifests, (manifest) => kind.parentOf(manifest, context));
  const parents = [...new Set([...groups.keys(), ...(ownedParents ?? [])])];
  const listings: Array<{ parentArn: string; items: T[] }> = [];
  for (const parentArn of parents) listings.push({ parentArn, items: await kind.listOn(parentArn, context) });
  const tags = await tagsOf(
    listings.flatMap(({ items }) => items.map((item) => kind.arnOf(item))),
    context,
  );
  const tagsOfItem = (item: T): TagMap => tags.get(kind.arnOf(item)) ?? {};
  const ownerOf = (item: T) => context.ownership.identityOf(tagsOfItem(item));

  const found: FoundChild<T>[] = [];
  const used = new Set<T>();
  for (const { parentArn, items } of listings) {
    const group = groups.get(parentArn) ?? [];
    for (const [manifest, item] of matchLive(group, items, kind.keyOfManifest, kind.keyOfLive, ownerOf)) {
      used.add(item);
      const owned = ownerOf(item) === manifest.identity;
      found.push({ identity: manifest.identity, manifest, item, parentArn, tags: tagsOfItem(item), owned });
    }
  }
  if (ownedParents === undefined) return found;

  // Only after every manifest is matched: a manifest's own resource is never taken for an orphan.
  const identities = new Set(found.map((entry) => entry.identity));
  for (const { parentArn, items } of listings) {
    for (const item of items) {
      const owner = ownerOf(item);
      if (used.has(item) || owner === undefined || !owner.startsWith(kind.prefix) || identities.has(owner))
        continue;
      identities.add(owner);
      found.push({ identity: owner, item, parentArn, tags: tagsOfItem(item), owned: true });
    }
  }
  return found;
}
