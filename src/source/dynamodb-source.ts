import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DEFAULT_READ_LIMITS, type ReadLimits, sizeGate } from '../manifest/limits.ts';
import type { Scheduler } from '../reconcile/scheduler.ts';
import { CommitRecordError, commitInfoOf, sha256Hex } from './commit-record.ts';
import { commitDigest, noRecordNotice } from './commit-snapshot.ts';
import { type ManifestItem, type ManifestVersion, queryItems, queryVersions } from './manifest-table.ts';
import { pairsDigest } from './pairs-digest.ts';
import { PendingRetry } from './pending-retry.ts';
import { allOf, DEFAULT_POLL_INTERVAL_MS, pollEvery } from './polling.ts';
import { ChangedDuringRead, CommitPendingError, SourceReadError } from './source-error.ts';
import { COMMIT_HEAD, COMMIT_PARTITION, readTableHead, type TableHead } from './table-commit.ts';
import type { ChangeListener, ManifestSource, SourceSnapshot, Watch } from './types.ts';
import { DEFAULT_READ_ATTEMPTS, readWhole } from './whole-read.ts';

export interface DynamoDbSourceOptions {
  readonly doc: DynamoDBDocumentClient;
  readonly table: string;
  readonly attempts?: number;
  readonly pollIntervalMs?: number;
  readonly scheduler?: Scheduler;
  /** Called after the items are read, before they are checked: lets tests change the table mid-read. */
  readonly onRead?: (items: readonly ManifestItem[]) => unknown;
  /** Items come whole with the Query (400 KB each at most), but count toward the revision's caps. */
  readonly limits?: ReadLimits;
  /** Told once, the first time a look finds no commit record: commits are then not atomic. */
  readonly onNotice?: (message: string) => void;
}

/**
 * A DynamoDB table of manifests (manifest-table.ts). A look first reads the commit record
 * (table-commit.ts, written last by put-manifests): the same record as last time is the same
 * snapshot, one GetItem. With a new record, the snapshot is exactly the items it names, each
 * checked against its sha256; one that does not match yet fails the look with CommitPendingError
 * and the source looks again with backoff.
 * Without a record, a look first reads only (sk, version); when
 * that differs from the last snapshot, it reads the items and then the versions again, and starts
 * over if they moved: a Query of several pages is not one moment. `file` is the item's sk.
 * Contents are DynamoDB strings, always well-formed UTF-8: they are taken as they are.
 */
export class DynamoDbSource implements ManifestSource {
  readonly #options: DynamoDbSourceOptions;
  #last: SourceSnapshot | undefined;
  #committed: { readonly text: string; readonly snapshot: SourceSnapshot } | undefined;
  readonly #retry: PendingRetry;
  #noticed = false;

  constructor(options: DynamoDbSourceOptions) {
    this.#options = options;
    this.#retry = new PendingRetry(options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS, options.scheduler);
  }

  describe(): string {
    return `dynamodb://${this.#options.table}`;
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
    const { pollIntervalMs, scheduler } = this.#options;
    const polling = pollEvery(
      {
        ...(pollIntervalMs === undefined ? {} : { intervalMs: pollIntervalMs }),
        ...(scheduler === undefined ? {} : { scheduler }),
      },
      onChange,
    );
    return allOf([polling, this.#retry.watch(onChange)]);
  }

  async #read(signal: AbortSignal | undefined): Promise<SourceSnapshot> {
    const head = await this.#readHead(signal);
    if (head === undefined) {
      this.#committed = undefined;
      if (!this.#noticed) {
        this.#noticed = true;
        const record = `the item pk "${COMMIT_PARTITION}", sk "${COMMIT_HEAD}"`;
        this.#options.onNotice?.(noRecordNotice(this.describe(), record));
      }
      return this.#readAll(signal);
    }
    if (this.#committed?.text === head.text) return this.#committed.snapshot;
    const snapshot = await this.#readCommit(head, signal);
    this.#committed = { text: head.text, snapshot };
    return snapshot;
  }

  async #readHead(signal: AbortSignal | undefined): Promise<TableHead | undefined> {
    try {
      return await readTableHead(this.#options.doc, this.#options.table, signal);
    } catch (error) {
      // A bad record will not mend within a look: no retry at once.
      if (error instanceof CommitRecordError) throw new SourceReadError(this.describe(), error.message);
      throw error;
    }
  }

  /** Exactly the items the record names, each with the content it names. */
  async #readCommit(head: TableHead, signal: AbortSignal | undefined): Promise<SourceSnapshot> {
    const { doc, table, onRead, limits = DEFAULT_READ_LIMITS } = this.#options;
    const { record } = head;
    const items = await queryItems(doc, table, signal);
    await onRead?.(items);
    const bySk = new Map(items.map((item) => [item.sk, item]));
    const named = [...record.objects].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    const inputs: { file: string; content: string }[] = [];
    for (const object of named) {
      const item = bySk.get(object.key);
      const content = item?.content;
      const sha256 = content === undefined ? undefined : sha256Hex(content);
      if (content !== undefined && sha256 === object.sha256) {
        inputs.push({ file: object.key, content });
        continue;
      }
      // A newer commit may have replaced the items already: then read that one instead.
      if ((await this.#readHead(signal))?.text !== head.text) {
        throw new ChangedDuringRead(`${this.describe()}: the commit record changed while it was read`);
      }
      const found =
        content === undefined ? 'no item' : `sha256 ${sha256}, ${Buffer.byteLength(content, 'utf8')} bytes`;
      throw new CommitPendingError(
        this.describe(),
        `${this.describe()} item "${object.key}"`,
        record.id,
        `found ${found}; the commit names sha256 ${object.sha256}, ${object.size} bytes`,
      );
    }
    const verdict = sizeGate(
      inputs.map(({ file, content }) => ({ file, size: Buffer.byteLength(content, 'utf8') })),
      limits,
    );
    const admitted = new Set(verdict.admitted.map(({ file }) => file));
    return {
      digest: commitDigest(
        record.id,
        named.map(({ key, sha256 }) => [key, sha256] as const),
      ),
      inputs: inputs.filter(({ file }) => admitted.has(file)),
      problems: verdict.problems,
      empty: named.length === 0,
      commit: commitInfoOf(record),
    };
  }

  /** No commit record: every item of the manifest partition, read as one moment. */
  async #readAll(signal: AbortSignal | undefined): Promise<SourceSnapshot> {
    const { doc, table, onRead, limits = DEFAULT_READ_LIMITS } = this.#options;
    const before = versionsDigest(await queryVersions(doc, table, signal));
    if (this.#last !== undefined && before === this.#last.digest) return this.#last;
    const items = await queryItems(doc, table, signal);
    await onRead?.(items);
    const digest = versionsDigest(items);
    if (digest !== versionsDigest(await queryVersions(doc, table, signal))) {
      throw new ChangedDuringRead(`${this.describe()} changed while it was read`);
    }
    const verdict = sizeGate(
      items.map((item) => ({ file: item.sk, size: Buffer.byteLength(item.content, 'utf8') })),
      limits,
    );
    const admitted = new Set(verdict.admitted.map(({ file }) => file));
    const inputs = items
      .filter((item) => admitted.has(item.sk))
      .map((item) => ({ file: item.sk, content: item.content }));
    const snapshot = { digest, inputs, problems: verdict.problems, empty: items.length === 0 };
    this.#last = snapshot;
    return snapshot;
  }
}

function versionsDigest(versions: readonly ManifestVersion[]): string {
  return pairsDigest(versions.map(({ sk, version }) => [sk, String(version)] as const));
}
