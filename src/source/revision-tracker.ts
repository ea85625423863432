import { type Diagnostic, diagnostic } from '../manifest/diagnostic.ts';
import { placeAtOrigins } from '../manifest/overlay/load-rendered.ts';
import { ParseCache } from '../manifest/parse-cache.ts';
import { type LoadOptions, loadRevision, type Revision, type RevisionResult } from '../manifest/revision.ts';
import type { CommitInfo } from './commit-record.ts';
import type { RevisionHistory, RevisionHistoryEntry } from './revision-history.ts';
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
  /** Who committed it, where the source keeps commit records. */
  readonly commit?: CommitInfo;
}

export interface RejectedRevision {
  /** The source digest (an invalid revision has no canonical document digest). */
  readonly id: string;
  readonly digest: string;
  readonly at: string;
  readonly errors: readonly Diagnostic[];
  readonly warnings: readonly Diagnostic[];
  /** Who pushed it, where the source keeps commit records. */
  readonly commit?: CommitInfo;
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
  /** What the reconciler last made of each revision, and the last entry written to the history. */
  readonly #results = new Map<string, 'applied' | 'held-back'>();
  #lastRecorded: string | undefined;
  /** The last rejection sent to the history, and whether the history took it (a follower's does not). */
  #rejectionWrite: { readonly id: string; readonly written: Promise<boolean> } | undefined;
  #historyWrites: Promise<unknown> = Promise.resolve();
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
    this.#results.set(tracked.revision.id, result);
    // Every transition is recorded, and nothing else: the same outcome twice in a row is one.
    if (this.#lastRecorded === `${tracked.revision.id}:${result}`) return;
    this.#lastRecorded = `${tracked.revision.id}:${result}`;
    await this.#record({
      id: tracked.revision.id,
      digest: tracked.digest,
      at: this.#now(),
      source: this.#source.describe(),
      result,
      errorCount: 0,
      ...commitOf(tracked),
    });
  }

  /**
   * One history write at a time, in the order they were asked for: the operator item's source
   * errors are set by a rejection and cleared by an application, so two in flight could land the
   * wrong way round. `stillDue` is asked when the write's turn comes.
   */
  #record(entry: RevisionHistoryEntry, stillDue: () => boolean = () => true): Promise<boolean> {
    const write = this.#historyWrites.then(async () => {
      if (!stillDue()) return true;
      return (await this.#options.history?.record(entry)) ?? true;
    });
    this.#historyWrites = write.catch(() => undefined);
    return write;
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
    const outcome = await this.#process(snapshot);
    // Only now: a look that threw before this point leaves the digest to be processed again.
    this.#lastDigest = snapshot.digest;
    return outcome;
  }

  async #process(snapshot: SourceSnapshot): Promise<SyncOutcome> {
    const result = this.#load(snapshot);
    const at = this.#now();
    if (!result.ok) {
      const rejected = {
        id: snapshot.digest,
        digest: snapshot.digest,
        at,
        errors: result.errors,
        warnings: result.warnings,
        ...commitOf(snapshot),
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
      ...commitOf(snapshot),
    };
    const same = this.#current?.revision.id === tracked.revision.id;
    const afterRejection = this.#rejected !== undefined;
    this.#current = tracked;
    this.#rejected = undefined;
    // Files renamed or reformatted, the same documents: nothing new to converge to.
    if (same && !afterRejection) return { kind: 'unchanged' };
    for (const listener of this.#listeners) {
      try {
        await listener(tracked);
      } catch {
        // A failing listener must not stop the others nor the tracker; it reports its own errors.
      }
    }
    // Back to the revision in force after a rejection: a transition of its own in the history.
    if (same) await this.report(tracked, this.#results.get(tracked.revision.id) ?? 'applied');
    return { kind: 'accepted', tracked };
  }

  /** The snapshot validated; whatever loading throws rejects the revision instead of escaping the look. */
  #load(snapshot: SourceSnapshot): RevisionResult {
    try {
      const inForce = this.#current?.revision;
      const result = loadRevision(snapshot.inputs, {
        ...this.#options.load,
        parseCache: this.#parses,
        readProblems: snapshot.problems,
        ...(inForce === undefined ? {} : { inForce }),
      });
      // An overlay's rendering: errors point at the base or overlay file the value came from.
      const rendered = snapshot.rendered;
      return rendered === undefined ? result : placeAtOrigins(result, rendered.origins, snapshot.problems);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      const failed = diagnostic('LOAD_FAILED', {
        place: { file: '.', line: 1, column: 1 },
        params: { reason },
      });
      return { ok: false, errors: [failed], warnings: [] };
    }
  }

  /**
   * Writes the rejection in force to the history if the history did not take it when it was made:
   * a replica that did not lead yet (at start) records it once it does.
   */
  async recordStandingRejection(): Promise<void> {
    const rejected = this.#rejected;
    if (rejected === undefined) return;
    const earlier = this.#rejectionWrite;
    if (earlier?.id === rejected.id && (await earlier.written)) return;
    if (this.#rejected === rejected) await this.#recordRejection(rejected, true);
  }

  /** `standing`: written late (this replica began to lead), so only while it is still the rejection in force. */
  async #recordRejection(rejected: RejectedRevision, standing = false): Promise<void> {
    this.#lastRecorded = `${rejected.id}:rejected`;
    const written = this.#writeRejection(rejected, standing);
    this.#rejectionWrite = { id: rejected.id, written };
    await written;
  }

  async #writeRejection(rejected: RejectedRevision, standing: boolean): Promise<boolean> {
    try {
      return await this.#record(
        {
          id: rejected.id,
          digest: rejected.digest,
          at: rejected.at,
          source: this.#source.describe(),
          result: 'rejected',
          errorCount: rejected.errors.length,
          errors: rejected.errors,
          ...commitOf(rejected),
        },
        () => !standing || this.#rejected === rejected,
      );
    } catch {
      // The history is a record, not the decision: the rejection stands even if it cannot be written.
      return false;
    }
  }

  #now(): string {
    return (this.#options.now?.() ?? new Date()).toISOString();
  }
}

function commitOf(from: { readonly commit?: CommitInfo }): { readonly commit?: CommitInfo } {
  return from.commit === undefined ? {} : { commit: from.commit };
}
