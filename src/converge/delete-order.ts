import type { CachedResource } from '../cache/live-cache.ts';
import type { JsonValue } from '../diff/index.ts';
import type { Revision } from '../manifest/index.ts';

/** The ids by which a resource is known to others; every other id it carries names something it uses. */
const OWN_IDS = new Set(['arn', 'id']);

function collectStrings(value: JsonValue | undefined, into: Set<string>): void {
  if (typeof value === 'string') into.add(value);
  else if (Array.isArray(value)) for (const item of value) collectStrings(item, into);
  else if (value !== null && typeof value === 'object')
    for (const member of Object.values(value)) collectStrings(member, into);
}

/**
 * The order of deletes, edge by edge: a delete waits only for the deletes of the resources that
 * depend on it. Edges come from the revisions a resource was in (references and depends-on
 * annotations, kept after its manifest goes) and from its live state (a service's target group
 * ARN, a listener's load balancer), which also covers resources whose manifests went before a
 * restart.
 */
export class DeleteOrder {
  readonly #remembered = new Map<string, ReadonlySet<string>>();
  readonly #liveDeps = new Map<
    string,
    { readonly fingerprint: string; readonly deps: ReadonlySet<string> }
  >();

  /** Keeps each resource's dependencies as this revision declares them. */
  remember(revision: Revision): void {
    for (const manifest of revision.documents) {
      this.#remembered.set(manifest.identity, new Set(revision.graph.dependenciesOf(manifest.identity)));
    }
  }

  /** Forgets a resource that is gone. */
  forget(identity: string): void {
    this.#remembered.delete(identity);
    this.#liveDeps.delete(identity);
  }

  /** The pending deletions that depend on `identity`: its delete waits for them. */
  blockers(identity: string, pending: readonly CachedResource[], all: readonly CachedResource[]): string[] {
    let index: Map<string, string[]> | undefined;
    const blocking: string[] = [];
    for (const other of pending) {
      const id = other.resource.identity;
      if (id === identity) continue;
      if (this.#remembered.get(id)?.has(identity) === true) {
        blocking.push(id);
        continue;
      }
      index ??= indexOwnIds(all);
      if (this.#depsOf(other, index).has(identity)) blocking.push(id);
    }
    return blocking.sort();
  }

  /** What a resource depends on: its remembered references and the resources its live state names. */
  dependenciesOf(entry: CachedResource, all: readonly CachedResource[]): string[] {
    const identity = entry.resource.identity;
    const deps = new Set([
      ...(this.#remembered.get(identity) ?? []),
      ...this.#depsOf(entry, indexOwnIds(all)),
    ]);
    return [...deps].sort();
  }

  #depsOf(entry: CachedResource, index: ReadonlyMap<string, string[]>): ReadonlySet<string> {
    const identity = entry.resource.identity;
    const known = this.#liveDeps.get(identity);
    if (known !== undefined && known.fingerprint === entry.fingerprint) return known.deps;
    const values = new Set<string>();
    collectStrings(entry.resource.state, values);
    for (const [key, value] of Object.entries(entry.resource.ids)) if (!OWN_IDS.has(key)) values.add(value);
    const deps = new Set<string>();
    for (const value of values) {
      for (const owner of index.get(value) ?? []) if (owner !== identity) deps.add(owner);
    }
    this.#liveDeps.set(identity, { fingerprint: entry.fingerprint, deps });
    return deps;
  }
}

/** Each own id (ARN or id) of every cached resource, to the identities that carry it. */
function indexOwnIds(all: readonly CachedResource[]): Map<string, string[]> {
  const index = new Map<string, string[]>();
  for (const entry of all) {
    for (const [key, value] of Object.entries(entry.resource.ids)) {
      if (!OWN_IDS.has(key) || value === '') continue;
      const owners = index.get(value) ?? [];
      owners.push(entry.resource.identity);
      index.set(value, owners);
    }
  }
  return index;
}
