import type { Diagnostic } from '../manifest/diagnostic.ts';
import type { CommitInfo } from './commit-record.ts';

export type RevisionOutcome = 'applied' | 'rejected' | 'held-back';

export interface RevisionHistoryEntry {
  /** The revision id (`sha256:` of the documents); for a rejected revision, the source digest. */
  readonly id: string;
  /** The source digest the revision was read at. */
  readonly digest: string;
  /** ISO 8601. */
  readonly at: string;
  /** `describe()` of the source. */
  readonly source: string;
  readonly result: RevisionOutcome;
  readonly errorCount: number;
  readonly errors?: readonly Diagnostic[];
  /** The commit the revision was read at, where the source keeps commit records. */
  readonly commit?: CommitInfo;
}

/** Where revision outcomes are kept; the state store's DynamoDB history plugs in here. */
export interface RevisionHistory {
  /** False when the entry was not written because this replica may not write (it does not lead). */
  record(entry: RevisionHistoryEntry): Promise<boolean>;
}

/** Keeps the newest `keep` entries in memory (dev, tests). */
export class InMemoryRevisionHistory implements RevisionHistory {
  readonly #entries: RevisionHistoryEntry[] = [];
  readonly #keep: number;

  constructor(keep = 20) {
    this.#keep = keep;
  }

  async record(entry: RevisionHistoryEntry): Promise<boolean> {
    this.#entries.unshift(entry);
    this.#entries.splice(this.#keep);
    return true;
  }

  /** Newest first. */
  list(): readonly RevisionHistoryEntry[] {
    return [...this.#entries];
  }
}
