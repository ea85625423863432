import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
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
}

/**
 * A DynamoDB table of manifests (manifest-table.ts). A look first reads only (sk, version); when
 * that differs from the last snapshot, it reads the items and then the versions again, and starts
 * over if they moved: a Query of several pages is not one moment. `file` is the item's sk.
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
    const { doc, table, onRead } = this.#options;
    const before = versionsDigest(await queryVersions(doc, table, signal));
    if (this.#last !== undefined && before === this.#last.digest) return this.#last;
    const items = await queryItems(doc, table, signal);
    await onRead?.(items);
    const digest = versionsDigest(items);
    if (digest !== versionsDigest(await queryVersions(doc, table, signal))) {
      throw new ChangedDuringRead(`${this.describe()} changed while it was read`);
    }
    const inputs = items.map((item) => ({ file: item.sk, content: item.content }));
    this.#last = { digest, inputs, empty: inputs.length === 0 };
    return this.#last;
  }
}

function versionsDigest(versions: readonly ManifestVersion[]): string {
  return pairsDigest(versions.map(({ sk, version }) => [sk, String(version)] as const));
}
