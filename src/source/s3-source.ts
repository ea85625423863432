import type { S3Client } from '@aws-sdk/client-s3';
import type { Diagnostic } from '../manifest/diagnostic.ts';
import { DEFAULT_READ_LIMITS, type ReadLimits, sizeGate } from '../manifest/limits.ts';
import type { ManifestInput } from '../manifest/parse.ts';
import type { Scheduler } from '../reconcile/scheduler.ts';
import { COMMIT_RECORD_KEY, type CommitObject, commitInfoOf } from './commit-record.ts';
import { commitDigest, noRecordNotice } from './commit-snapshot.ts';
import { DEFAULT_IGNORE, manifestFilter } from './ignore.ts';
import { mapLimit } from './map-limit.ts';
import { pairsDigest } from './pairs-digest.ts';
import { PendingRetry } from './pending-retry.ts';
import { allOf, DEFAULT_POLL_INTERVAL_MS, pollEvery } from './polling.ts';
import { type CommittedRead, type HeadRecord, readCommitted, readHeadRecord } from './s3-commit-read.ts';
import { type FetchedObject, fetchObject } from './s3-fetch.ts';
import { type ListedObject, listManifestObjects, sameListing } from './s3-listing.ts';
import { ChangedDuringRead, CommitPendingError } from './source-error.ts';
import type { ChangeListener, ManifestSource, SourceSnapshot, Watch } from './types.ts';
import { DEFAULT_READ_ATTEMPTS, readWhole } from './whole-read.ts';

/** GetObject calls in flight during one read. */
const FETCH_CONCURRENCY = 8;

/** Something that says "look now" besides polling, e.g. S3 event notifications delivered to SQS. */
export interface ChangeNotifier {
  subscribe(onChange: ChangeListener): Watch;
}

export interface S3SourceOptions {
  readonly client: S3Client;
  readonly bucket: string;
  /** `''` or ending in `/`, as parseSourceUrl gives it. */
  readonly prefix: string;
  /** Patterns over the key after the prefix (see ignore.ts); default dotfiles and `_*`. */
  readonly ignore?: readonly string[];
  /** Whole reads tried before giving up with a SourceReadError; default 3. */
  readonly attempts?: number;
  /** Keys a ListObjectsV2 page; default S3's (1000). */
  readonly listPageSize?: number;
  readonly pollIntervalMs?: number;
  readonly scheduler?: Scheduler;
  readonly notifier?: ChangeNotifier;
  /** Called after each listing, before any object is fetched: lets tests change the bucket mid-read. */
  readonly onListed?: (listed: readonly ListedObject[]) => unknown;
  /** Checked against the listed sizes before any object is fetched; default DEFAULT_READ_LIMITS. */
  readonly limits?: ReadLimits;
  /**
   * Told once, the first time a look finds no commit record: commits are then not atomic (a read
   * between two uploads sees half of one). `serve` logs it as a warning.
   */
  readonly onNotice?: (message: string) => void;
}

/**
 * An S3 prefix, GitOps style. A look first asks for the commit record (`shipshape push` writes it
 * last; a conditional GET, so an unchanged record costs one call and no more). With a record, the
 * snapshot is exactly the objects it names, each checked against its sha256; one that does not
 * match yet (an upload in progress) fails the look with CommitPendingError and the source looks
 * again with backoff. Without a record, a snapshot lists the prefix, fetches only objects whose
 * ETag is not cached, checks every body against the listed ETag and lists again; if anything
 * moved, the whole read starts over. `file` is the object key.
 */
export class S3Source implements ManifestSource {
  readonly #options: S3SourceOptions;
  readonly #wanted: (path: string) => boolean;
  /** By key: the content of the version last read. */
  #cache = new Map<string, FetchedObject>();
  /** The commit record last read, and the snapshot made of it once every object matched. */
  #head: HeadRecord | undefined;
  #committed: { readonly head: HeadRecord; readonly snapshot: SourceSnapshot } | undefined;
  readonly #retry: PendingRetry;
  #noticed = false;

  constructor(options: S3SourceOptions) {
    if (options.prefix !== '' && !options.prefix.endsWith('/')) {
      throw new Error(`S3 source prefix must be empty or end in "/", got "${options.prefix}"`);
    }
    this.#options = options;
    this.#wanted = manifestFilter(options.ignore ?? DEFAULT_IGNORE);
    this.#retry = new PendingRetry(options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS, options.scheduler);
  }

  describe(): string {
    return `s3://${this.#options.bucket}/${this.#options.prefix}`;
  }

  snapshot(signal?: AbortSignal): Promise<SourceSnapshot> {
    return this.#retry.follow(
      readWhole(
        this.describe(),
        this.#options.attempts ?? DEFAULT_READ_ATTEMPTS,
        () => this.#read(signal),
        signal,
      ),
    );
  }

  watch(onChange: ChangeListener): Watch {
    const { pollIntervalMs, scheduler, notifier } = this.#options;
    const polling = pollEvery(
      {
        ...(pollIntervalMs === undefined ? {} : { intervalMs: pollIntervalMs }),
        ...(scheduler === undefined ? {} : { scheduler }),
      },
      onChange,
    );
    const retry = this.#retry.watch(onChange);
    return allOf(notifier === undefined ? [polling, retry] : [polling, retry, notifier.subscribe(onChange)]);
  }

  #list(signal: AbortSignal | undefined): Promise<ListedObject[]> {
    const { client, bucket, prefix, listPageSize } = this.#options;
    return listManifestObjects(client, bucket, prefix, this.#wanted, signal, listPageSize);
  }

  async #read(signal: AbortSignal | undefined): Promise<SourceSnapshot> {
    const head = await this.#readHead(signal);
    if (head === undefined) {
      if (!this.#noticed) {
        this.#noticed = true;
        this.#options.onNotice?.(noRecordNotice(this.describe(), COMMIT_RECORD_KEY));
      }
      return this.#readListing(signal);
    }
    if (this.#committed?.head === head) return this.#committed.snapshot;
    const snapshot = await this.#readCommit(head, signal);
    this.#committed = { head, snapshot };
    return snapshot;
  }

  /** The commit record in force (the one cached when S3 answers 304), or undefined when there is none. */
  async #readHead(signal: AbortSignal | undefined): Promise<HeadRecord | undefined> {
    const { client, bucket, prefix } = this.#options;
    const found = await readHeadRecord(
      client,
      bucket,
      prefix + COMMIT_RECORD_KEY,
      this.#head,
      this.describe(),
      signal,
    );
    if (found !== 'unchanged') this.#head = found === 'absent' ? undefined : found;
    return this.#head;
  }

  /** Exactly the objects the record names (and the source wants), each at the content it names. */
  async #readCommit(head: HeadRecord, signal: AbortSignal | undefined): Promise<SourceSnapshot> {
    const { client, bucket, prefix, limits = DEFAULT_READ_LIMITS } = this.#options;
    const { record } = head;
    const named = record.objects
      .filter(({ key }) => this.#wanted(key))
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    const verdict = sizeGate(
      named.map(({ key, size }) => ({ file: prefix + key, size })),
      limits,
    );
    const admitted = new Set(verdict.admitted.map(({ file }) => file));
    const wanted = named.filter(({ key }) => admitted.has(prefix + key));
    const reads = await mapLimit(wanted, FETCH_CONCURRENCY, async (object): Promise<CommittedRead> => {
      const key = prefix + object.key;
      const cached = this.#cache.get(key);
      if (cached?.sha256 === object.sha256 && cached.size === object.size)
        return { ready: true, object: cached };
      const read = await readCommitted(client, bucket, key, object, cached, signal);
      const seen = read.ready ? read.object : read.seen;
      if (seen !== undefined) this.#cache.set(key, seen);
      return read;
    });
    const notReady = wanted.flatMap((object, i) => {
      const read = reads[i];
      return read === undefined || read.ready ? [] : [{ object, found: read.found }];
    });
    const [first] = notReady;
    if (first !== undefined) {
      // A newer commit may have replaced these objects already: then read that one instead.
      if ((await this.#readHead(signal)) !== head) {
        throw new ChangedDuringRead(`${this.describe()}: the commit record changed while it was read`);
      }
      throw this.#pending(record.id, first.object, first.found, notReady.length);
    }
    const next = new Map<string, FetchedObject>();
    const inputs: ManifestInput[] = [];
    const problems: Diagnostic[] = [...verdict.problems];
    for (const [i, { key }] of wanted.entries()) {
      const read = reads[i];
      if (read?.ready !== true) continue;
      next.set(prefix + key, read.object);
      if (read.object.decoded.ok) inputs.push({ file: prefix + key, content: read.object.decoded.content });
      else problems.push(read.object.decoded.problem);
    }
    this.#cache = next;
    return {
      digest: commitDigest(
        record.id,
        named.map(({ key, sha256 }) => [prefix + key, sha256] as const),
      ),
      inputs,
      problems,
      empty: named.length === 0,
      commit: commitInfoOf(record),
    };
  }

  #pending(commit: string, object: CommitObject, found: string, count: number): CommitPendingError {
    const { bucket, prefix } = this.#options;
    const more = count > 1 ? `; ${count - 1} more object(s) not ready either` : '';
    return new CommitPendingError(
      this.describe(),
      `s3://${bucket}/${prefix}${object.key}`,
      commit,
      `found ${found}; the commit names sha256 ${object.sha256}, ${object.size} bytes${more}`,
    );
  }

  /** No commit record: whatever consistent listing the prefix gives. */
  async #readListing(signal: AbortSignal | undefined): Promise<SourceSnapshot> {
    const { client, bucket, onListed, limits = DEFAULT_READ_LIMITS } = this.#options;
    this.#committed = undefined;
    const listed = await this.#list(signal);
    await onListed?.(listed);
    // Sizes from the listing: an object over a cap is never fetched.
    const verdict = sizeGate(
      listed.map(({ key, size }) => ({ file: key, size })),
      limits,
    );
    const admitted = new Set(verdict.admitted.map(({ file }) => file));
    const wanted = listed.filter(({ key }) => admitted.has(key));
    const changed = wanted.filter(({ key, etag }) => this.#cache.get(key)?.etag !== etag);
    await mapLimit(changed, FETCH_CONCURRENCY, async ({ key, etag }) => {
      const cached = this.#cache.get(key);
      const result = await fetchObject(client, bucket, key, cached, limits.fileBytes, signal);
      const object = result === 'unchanged' ? cached : result;
      if (object?.etag !== etag) throw new ChangedDuringRead(`${key} changed while the prefix was read`);
      // Kept even if this attempt fails later: a retry need not fetch it again.
      this.#cache.set(key, object);
    });
    const next = new Map<string, FetchedObject>();
    for (const { key } of wanted) {
      const object = this.#cache.get(key);
      if (object !== undefined) next.set(key, object);
    }
    // Objects taken from the cache are the listed versions; a fetch takes time, so look again.
    if (changed.length > 0 && !sameListing(listed, await this.#list(signal))) {
      throw new ChangedDuringRead(`${this.describe()} changed while it was read`);
    }
    this.#cache = next;
    const inputs: ManifestInput[] = [];
    const problems: Diagnostic[] = [...verdict.problems];
    for (const { key } of wanted) {
      const decoded = next.get(key)?.decoded;
      if (decoded?.ok === false) problems.push(decoded.problem);
      else inputs.push({ file: key, content: decoded?.content ?? '' });
    }
    return {
      digest: pairsDigest(listed.map(({ key, etag }) => [key, etag] as const)),
      inputs,
      problems,
      empty: listed.length === 0,
    };
  }
}
