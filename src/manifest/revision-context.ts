import type { LoadedManifest } from './manifest.ts';
import type { ParsedDocument } from './parse.ts';
import type { Problem } from './schema-problem.ts';

/** A manifest with the parsed document it came from (for placing problems). */
export interface Entry {
  readonly parsed: ParsedDocument;
  readonly manifest: LoadedManifest;
}

/** A problem found by a check, with the document it belongs to. */
export interface Finding {
  readonly entry: Entry;
  readonly problem: Problem;
}

/** Every manifest of a revision, findable by identity. */
export class RevisionContext {
  readonly entries: readonly Entry[];
  readonly #byIdentity = new Map<string, Entry>();
  readonly #kindsByName = new Map<string, string[]>();

  constructor(entries: readonly Entry[]) {
    this.entries = entries;
    for (const entry of entries) {
      const { identity, kind, metadata } = entry.manifest;
      if (!this.#byIdentity.has(identity)) this.#byIdentity.set(identity, entry);
      const key = `${metadata.namespace}/${metadata.name}`;
      const kinds = this.#kindsByName.get(key) ?? [];
      if (!kinds.includes(kind)) kinds.push(kind);
      this.#kindsByName.set(key, kinds);
    }
  }

  get(identity: string): Entry | undefined {
    return this.#byIdentity.get(identity);
  }

  /** The kinds that have a manifest called `namespace/name`. */
  kindsNamed(namespace: string, name: string): readonly string[] {
    return this.#kindsByName.get(`${namespace}/${name}`) ?? [];
  }
}
