import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DEFAULT_READ_LIMITS, type ReadLimits, sizeGate } from '../manifest/limits.ts';
import type { Scheduler } from '../reconcile/scheduler.ts';
import { type ManifestItem, type ManifestVersion, queryItems, queryVersions } from './manifest-table.ts';
import { pairsDigest } from './pairs-digest.ts';
import { pollEvery } from './polling.ts';
import { ChangedDuringRead } from './source-error.ts';
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
}

/**
 * A DynamoDB table of manifests (manifest-table.ts). A look first reads only (sk, version); when
 * that differs from the last snapshot, it reads the items and then the versions again, and starts
 * over if they moved: a Query of several pages is not one moment. `file` is the item's sk.
 * Contents are DynamoDB strings, always well-formed UTF-8: they are taken as they are.
 */
export class DynamoDbSource implements ManifestSource {
  readonly #options: DynamoDbSourceOptions;
  #last: SourceSnapshot | undefined;

  constructor(options: DynamoDbSourceOptions) {
    this.#options = options;
  }

  describe(): string {
    return `dynamodb://${this.#options.table}`;
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
    const { pollIntervalMs, scheduler } = this.#options;
    return pollEvery(
      {
        ...(pollIntervalMs === undefined ? {} : { intervalMs: pollIntervalMs }),
        ...(scheduler === undefined ? {} : { scheduler }),
      },
      onChange,
    );
  }

  async #read(signal: AbortSignal | undefined): Promise<SourceSnapshot> {
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
