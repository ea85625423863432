import { KINDS, type Kind } from '../manifest/kinds.ts';
import type { LoadedManifest } from '../manifest/manifest.ts';
import { ReadMemo } from '../providers/read-memo.ts';
import type { ProviderRegistry } from '../providers/registry.ts';
import type { TagCache } from '../providers/tag-cache.ts';
import type {
  IdResolver,
  ObservedResource,
  PeerView,
  ProviderContext,
  ProviderContextBase,
  ResourceIds,
} from '../providers/types.ts';
import { fingerprintOf } from './fingerprint.ts';

/** One resource as the cache holds it. */
export interface CachedResource {
  readonly resource: ObservedResource;
  /** When the read that saw it began (the cache's clock). */
  readonly observedAt: number;
  /** Shipshape wrote it since, or knows it only from a write's answer: the next reconcile reads it again. */
  readonly stale: boolean;
  readonly fingerprint: string;
}

export interface LiveCacheOptions {
  readonly providers: ProviderRegistry;
  readonly base: ProviderContextBase;
  readonly tags: TagCache;
  /** Milliseconds; the operator's clock. Default Date.now. */
  readonly now?: () => number;
  /** How old a kind's entries may grow before a reconcile reads the resource again. Default: never too old. */
  readonly maxAgeMs?: (kind: Kind) => number;
}

const kindOf = (identity: string): Kind => identity.slice(0, identity.indexOf('/')) as Kind;

/**
 * Live state per kind, an informer in Kubernetes words: a full listing of every kind (one read
 * serves observation, pruning and, by the same provider code, import), a cheap batched re-read of
 * the scanned kinds between listings, and one targeted read when an entry is too old or was just
 * written. A write updates its entry from the API's answer; a read that began before a write
 * never overwrites what the write made stale.
 */
export class LiveCache implements IdResolver, PeerView {
  readonly #providers: ProviderRegistry;
  readonly #base: ProviderContextBase;
  readonly #tags: TagCache;
  readonly #now: () => number;
  readonly #maxAgeMs: (kind: Kind) => number;
  readonly #entries = new Map<string, CachedResource>();
  /** When Shipshape last wrote (or deleted) each identity. */
  readonly #writtenAt = new Map<string, number>();
  /** When a read last found an identity absent. */
  readonly #absentAt = new Map<string, number>();
  readonly #listedAt = new Map<Kind, number>();
  #synced = false;

  constructor(options: LiveCacheOptions) {
    this.#providers = options.providers;
    this.#base = options.base;
    this.#tags = options.tags;
    this.#now = options.now ?? Date.now;
    this.#maxAgeMs = options.maxAgeMs ?? (() => Number.POSITIVE_INFINITY);
  }

  /** A full listing of every kind has completed since the cache was made or reset. */
  get synced(): boolean {
    return this.#synced;
  }

  get size(): number {
    return this.#entries.size;
  }

  /** A provider context whose references resolve from the cache and whose peers are its entries. */
  context(memo?: ReadMemo): ProviderContext {
    return {
      ...this.#base,
      resolver: this,
      tags: this.#tags,
      peers: this,
      ...(memo === undefined ? {} : { memo }),
    };
  }

  idsOf(identity: string): ResourceIds | undefined {
    return this.#entries.get(identity)?.resource.ids;
  }

  of(kind: Kind): readonly ObservedResource[] | undefined {
    if (!this.#listedAt.has(kind)) return undefined;
    return this.entries(kind).map((entry) => entry.resource);
  }

  get(identity: string): CachedResource | undefined {
    return this.#entries.get(identity);
  }

  /** Every entry, or those of one kind. */
  entries(kind?: Kind): CachedResource[] {
    const all = [...this.#entries.values()];
    return kind === undefined ? all : all.filter((entry) => kindOf(entry.resource.identity) === kind);
  }

  /**
   * Lists every kind in dependency order, each read finding the manifests' resources and every
   * owned one. Returns the identities whose live state changed, appeared or went.
   */
  async list(manifests: readonly LoadedManifest[]): Promise<string[]> {
    const memo = new ReadMemo();
    const context = this.context(memo);
    const changed: string[] = [];
    for (const kind of KINDS) {
      if (!this.#providers.has(kind)) continue;
      const ofKind = manifests.filter((manifest) => manifest.kind === kind);
      const startedAt = this.#now();
      const fresh = new Set(
        this.entries(kind)
          .filter((entry) => this.#fresh(entry, kind))
          .map((e) => e.resource.identity),
      );
      const found = await this.#providers
        .get(kind)
        .read({ manifests: ofKind, everyOwned: true, fresh }, context);
      const scope = new Set([...found.keys(), ...ofKind.map((m) => m.identity)]);
      for (const entry of this.entries(kind)) scope.add(entry.resource.identity);
      changed.push(...this.#apply(found, scope, startedAt));
      this.#listedAt.set(kind, startedAt);
    }
    this.#synced = true;
    return changed;
  }

  /**
   * Re-reads the manifests' resources of the scanned kinds, batched. `onChanged` hears of changes
   * batch by batch, before the scan ends; the whole list of changed identities is returned.
   */
  async scan(
    manifests: readonly LoadedManifest[],
    onChanged?: (identities: string[]) => void,
  ): Promise<string[]> {
    const changed: string[] = [];
    const context = this.context(new ReadMemo());
    for (const kind of KINDS) {
      if (!this.#providers.has(kind) || this.#providers.get(kind).scanned !== true) continue;
      const ofKind = manifests.filter((manifest) => manifest.kind === kind);
      if (ofKind.length === 0) continue;
      const startedAt = this.#now();
      const onBatch = (batch: ReadonlyMap<string, ObservedResource>) => {
        const found = this.#apply(batch, new Set(batch.keys()), startedAt);
        changed.push(...found);
        if (found.length > 0) onChanged?.(found);
      };
      const all = await this.#providers
        .get(kind)
        .read({ manifests: ofKind, everyOwned: false, onBatch }, context);
      const gone = this.#apply(all, new Set(ofKind.map((m) => m.identity)), startedAt);
      changed.push(...gone);
      if (gone.length > 0) onChanged?.(gone);
    }
    return [...new Set(changed)];
  }

  /** Reads the manifests' resources of every kind, batched, without listing owned ones (plan without prune). */
  async observe(manifests: readonly LoadedManifest[]): Promise<string[]> {
    const context = this.context(new ReadMemo());
    const changed: string[] = [];
    for (const kind of KINDS) {
      if (!this.#providers.has(kind)) continue;
      const ofKind = manifests.filter((manifest) => manifest.kind === kind);
      if (ofKind.length === 0) continue;
      const startedAt = this.#now();
      const found = await this.#providers.get(kind).read({ manifests: ofKind, everyOwned: false }, context);
      changed.push(...this.#apply(found, new Set(ofKind.map((m) => m.identity)), startedAt));
    }
    return changed;
  }

  #fresh(entry: CachedResource, kind: Kind): boolean {
    return !entry.stale && this.#now() - entry.observedAt <= this.#maxAgeMs(kind);
  }

  /** Whether a reconcile of `identity` must read it first: never read, too old, or written since. */
  needsRead(identity: string): boolean {
    const kind = kindOf(identity);
    const maxAge = this.#maxAgeMs(kind);
    const now = this.#now();
    const entry = this.#entries.get(identity);
    if (entry !== undefined) return entry.stale || now - entry.observedAt > maxAge;
    // Only a read that looked for this identity proves it absent: a listing finds what Shipshape
    // owns and the manifests of its moment, so a manifest added since could name something unowned.
    const absentSince = this.#absentAt.get(identity) ?? -1;
    if (absentSince < 0 || now - absentSince > maxAge) return true;
    return (this.#writtenAt.get(identity) ?? -1) >= absentSince;
  }

  /** One targeted read of a manifest's resource; returns what is live now. */
  async read(manifest: LoadedManifest): Promise<ObservedResource | undefined> {
    const startedAt = this.#now();
    const found = await this.#providers
      .get(manifest.kind)
      .read({ manifests: [manifest], everyOwned: false }, this.context());
    this.#apply(found, new Set([manifest.identity]), startedAt, true);
    return this.#entries.get(manifest.identity)?.resource;
  }

  /** A create answered with these ids: dependents may use them; the resource is read again before it is judged. */
  created(identity: string, ids: ResourceIds): void {
    const resource: ObservedResource = {
      identity,
      ids,
      owned: true,
      state: {},
      health: { health: 'Progressing', message: 'just created' },
    };
    this.#writtenAt.set(identity, this.#now());
    this.#entries.set(identity, { resource, observedAt: this.#now(), stale: true, fingerprint: '' });
  }

  /** Shipshape changed the resource: what the cache holds is stale. */
  written(identity: string): void {
    this.#writtenAt.set(identity, this.#now());
    const entry = this.#entries.get(identity);
    if (entry !== undefined) this.#entries.set(identity, { ...entry, stale: true });
  }

  /** Shipshape deleted the resource, or released it. */
  removed(identity: string): void {
    this.#writtenAt.set(identity, this.#now());
    this.#entries.delete(identity);
    this.#absentAt.set(identity, this.#now());
  }

  /** Forgets everything (leadership lost): a later leader starts from a full listing. */
  reset(): void {
    this.#entries.clear();
    this.#writtenAt.clear();
    this.#absentAt.clear();
    this.#listedAt.clear();
    this.#synced = false;
  }

  /**
   * Takes in what a read found for the identities in `scope`; `found` may also hold owned
   * resources beyond the scope (a listing's orphans). A read that began before Shipshape's last
   * write of an identity, or before a newer read of it, leaves that identity alone, unless
   * `mine` (a targeted read made for the reconcile that will act on it).
   */
  #apply(
    found: ReadonlyMap<string, ObservedResource>,
    scope: ReadonlySet<string>,
    startedAt: number,
    mine = false,
  ): string[] {
    const changed: string[] = [];
    for (const identity of scope) {
      const existing = this.#entries.get(identity);
      const outdated =
        (this.#writtenAt.get(identity) ?? -1) > startedAt ||
        (existing !== undefined && existing.observedAt > startedAt);
      if (outdated && !mine) continue;
      const resource = found.get(identity);
      if (resource === undefined) {
        this.#absentAt.set(identity, startedAt);
        if (existing !== undefined) {
          this.#entries.delete(identity);
          changed.push(identity);
        }
        continue;
      }
      // Taken from this cache by a listing that found it still there: nothing new was read.
      if (existing !== undefined && existing.resource === resource) continue;
      const fingerprint = fingerprintOf(resource);
      if (existing === undefined || existing.stale || existing.fingerprint !== fingerprint)
        changed.push(identity);
      this.#entries.set(identity, { resource, observedAt: startedAt, stale: false, fingerprint });
      this.#absentAt.delete(identity);
    }
    return changed;
  }
}
