import type { Diagnostic } from '../manifest/diagnostic.ts';
import { ParseCache } from '../manifest/parse-cache.ts';
import { type LoadOptions, loadRevision, type Revision } from '../manifest/revision.ts';
import type { RevisionHistory } from './revision-history.ts';
import type { ManifestSource, SourceSnapshot, Watch } from './types.ts';

/** A revision read whole from the source and valid: what the reconciler should converge to. */
export interface TrackedRevision {
  readonly revision: Revision;
  /** The source digest it was read at. */
  readonly digest: string;
  /** No manifest at all: the prune guard should hold it back rather than delete everything. */
  readonly empty: boolean;
  /** ISO 8601, when it was accepted. */
  readonly at: string;
}

export interface RejectedRevision {
  /** The source digest (an invalid revision has no canonical document digest). */
  readonly id: string;
  readonly digest: string;
  readonly at: string;
  readonly errors: readonly Diagnostic[];
  readonly warnings: readonly Diagnostic[];
}

export type SyncOutcome =
  | { readonly kind: 'unchanged' }
  | { readonly kind: 'accepted'; readonly tracked: TrackedRevision }
  | { readonly kind: 'rejected'; readonly rejected: RejectedRevision }
  | { readonly kind: 'read-error'; readonly error: unknown };

export interface RevisionTrackerOptions {
  readonly history?: RevisionHistory;
  /** Default `() => new Date()`. */
  readonly now?: () => Date;
  readonly load?: LoadOptions;
}

export type RevisionListener = (tracked: TrackedRevision) => unknown;

/**
 * Turns a source's snapshots into revisions, whole: an invalid revision is rejected (kept with its
 * errors, recorded in the history) and the last good one stays in force; a digest already seen is
 * not processed again; a read error keeps the last good revision and is counted. Looks never
 * overlap: a look asked for during one runs once after it.
 */
export class RevisionTracker {
  readonly #source: ManifestSource;
  readonly #options: RevisionTrackerOptions;
  readonly #listeners = new Set<RevisionListener>();
  #current: TrackedRevision | undefined;
  #rejected: RejectedRevision | undefined;
  #lastDigest: string | undefined;
  #readErrors = 0;
  #lastReadError: unknown;
  #running: Promise<SyncOutcome> | undefined;
  #queued: Promise<SyncOutcome> | undefined;
  #watch: Watch | undefined;
  /** A revision that changed one file re-parses that file only. */
  readonly #parses = new ParseCache();

  constructor(source: ManifestSource, options: RevisionTrackerOptions = {}) {
    this.#source = source;
    this.#options = options;
  }

  get source(): ManifestSource {
    return this.#source;
  }

  /** The last good revision, in force until a valid one replaces it. */
  current(): TrackedRevision | undefined {
    return this.#current;
  }

  /** The last rejected revision, until a valid revision is accepted. */
  lastRejected(): RejectedRevision | undefined {
    return this.#rejected;
  }

  /** Failed reads so far, and the last one's error. */
  readErrors(): { readonly count: number; readonly last: unknown } {
    return { count: this.#readErrors, last: this.#lastReadError };
  }

  /** Called with each newly accepted revision; returns the unsubscribe. */
  onRevision(listener: RevisionListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Looks at the source now (POST /sync); resolves with what the look found. */
  sync(): Promise<SyncOutcome> {
    if (this.#running === undefined) return this.#start();
    this.#queued ??= this.#running.then(() => {
      this.#queued = undefined;
      return this.#start();
    });
    return this.#queued;
  }

  /** Looks now, then whenever the source's watch says so. */
  start(): Promise<SyncOutcome> {
    this.#watch ??= this.#source.watch(() => this.sync());
    return this.sync();
  }

  async stop(): Promise<void> {
    await this.#watch?.stop();
    this.#watch = undefined;
    await this.#queued;
    await this.#running;
  }

  /** Records what the reconciler did with an accepted revision (applied, or held back by the prune guard). */
  async report(tracked: TrackedRevision, result: 'applied' | 'held-back'): Promise<void> {
    await this.#options.history?.record({
      id: tracked.revision.id,
      digest: tracked.digest,
      at: this.#now(),
      source: this.#source.describe(),
      result,
      errorCount: 0,
    });
  }

  #start(): Promise<SyncOutcome> {
    const running = this.#look().finally(() => {
      if (this.#running === running) this.#running = undefined;
    });
    this.#running = running;
    return running;
  }

  async #look(): Promise<SyncOutcome> {
    let snapshot: SourceSnapshot;
    try {
      snapshot = await this.#source.snapshot();
    } catch (error) {
      this.#readErrors++;
      this.#lastReadError = error;
      return { kind: 'read-error', error };
    }
    if (snapshot.digest === this.#lastDigest) return { kind: 'unchanged' };
    this.#lastDigest = snapshot.digest;
    const result = loadRevision(snapshot.inputs, { ...this.#options.load, parseCache: this.#parses });
    const at = this.#now();
    if (!result.ok) {
      const rejected = {
        id: snapshot.digest,
        digest: snapshot.digest,
        at,
        errors: result.errors,
        warnings: result.warnings,
      };
      this.#rejected = rejected;
      await this.#recordRejection(rejected);
      return { kind: 'rejected', rejected };
    }
    const tracked: TrackedRevision = {
      revision: result.revision,
      digest: snapshot.digest,
      // Files with no document in them are as empty as no files, for the prune guard.
      empty: snapshot.empty || result.revision.documents.length === 0,
      at,
    };
    const same = this.#current?.revision.id === tracked.revision.id;
    this.#current = tracked;
    this.#rejected = undefined;
    // Files renamed or reformatted, the same documents: nothing new to converge to.
    if (same) return { kind: 'unchanged' };
    for (const listener of this.#listeners) {
      try {
        await listener(tracked);
      } catch {
        // A failing listener must not stop the others nor the tracker; it reports its own errors.
      }
    }
    return { kind: 'accepted', tracked };
  }

  async #recordRejection(rejected: RejectedRevision): Promise<void> {
    try {
      await this.#options.history?.record({
        id: rejected.id,
        digest: rejected.digest,
        at: rejected.at,
        source: this.#source.describe(),
        result: 'rejected',
        errorCount: rejected.errors.length,
        errors: rejected.errors,
      });
    } catch {
      // The history is a record, not the decision: the rejection stands even if it cannot be written.
    }
  }

  #now(): string {
    return (this.#options.now?.() ?? new Date()).toISOString();
  }
}
