import type { S3Client } from '@aws-sdk/client-s3';
import type { Diagnostic } from '../manifest/diagnostic.ts';
import { DEFAULT_READ_LIMITS, type ReadLimits, sizeGate } from '../manifest/limits.ts';
import type { ManifestInput } from '../manifest/parse.ts';
import type { Scheduler } from '../reconcile/scheduler.ts';
import { DEFAULT_IGNORE, manifestFilter } from './ignore.ts';
import { mapLimit } from './map-limit.ts';
import { pairsDigest } from './pairs-digest.ts';
import { allOf, pollEvery } from './polling.ts';
import { type FetchedObject, fetchObject } from './s3-fetch.ts';
import { type ListedObject, listManifestObjects, sameListing } from './s3-listing.ts';
import { ChangedDuringRead } from './source-error.ts';
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
}

/**
 * An S3 prefix, GitOps style. A snapshot lists the prefix, fetches only objects whose ETag is not
 * cached, checks every body against the listed ETag and lists again; if anything moved, the whole
 * read starts over. `file` is the object key.
 */
export class S3Source implements ManifestSource {
  readonly #options: S3SourceOptions;
  readonly #wanted: (path: string) => boolean;
  /** By key: the content of the version last read. */
  #cache = new Map<string, FetchedObject>();

  constructor(options: S3SourceOptions) {
    if (options.prefix !== '' && !options.prefix.endsWith('/')) {
      throw new Error(`S3 source prefix must be empty or end in "/", got "${options.prefix}"`);
    }
    this.#options = options;
    this.#wanted = manifestFilter(options.ignore ?? DEFAULT_IGNORE);
  }

  describe(): string {
    return `s3://${this.#options.bucket}/${this.#options.prefix}`;
  }

  snapshot(signal?: AbortSignal): Promise<SourceSnapshot> {
    return readWhole(
      this.describe(),
      this.#options.attempts ?? DEFAULT_READ_ATTEMPTS,
      () => this.#read(signal),
      signal,
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
    return notifier === undefined ? polling : allOf([polling, notifier.subscribe(onChange)]);
  }

  #list(signal: AbortSignal | undefined): Promise<ListedObject[]> {
    const { client, bucket, prefix, listPageSize } = this.#options;
    return listManifestObjects(client, bucket, prefix, this.#wanted, signal, listPageSize);
  }

  async #read(signal: AbortSignal | undefined): Promise<SourceSnapshot> {
    const { client, bucket, onListed, limits = DEFAULT_READ_LIMITS } = this.#options;
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
