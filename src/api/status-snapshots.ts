import type { StatusReader } from './deps.ts';
import { buildSnapshot, type StatusSnapshot } from './status-snapshot.ts';

/** Tells of status and operator writes made in this process (StateStore.onStatusChange). */
export interface StatusChanges {
  onStatusChange(listener: () => void): () => void;
}

export interface StatusSnapshotsOptions {
  /** Where statuses come from; put redaction here, so it runs once per read. */
  readonly reader: StatusReader;
  /** Writes in this process: after one, the next request waits for a fresh read. */
  readonly changes?: StatusChanges;
  /**
   * Writes elsewhere (another replica leads) are seen within about this long: an older snapshot
   * is still served while a new read runs behind it. Default 1 s.
   */
  readonly maxAgeMs?: number;
  /**
   * True while `changes` tells of every write there is (this replica holds the lease, so no other
   * writes): the table is then read again only after a change, not every `maxAgeMs`.
   */
  readonly onlyWriter?: () => boolean;
  readonly now?: () => number;
}

/**
 * The current StatusSnapshot, read again when this process wrote a status (the next request
 * waits for it) or, unless this process is the only writer, when it is older than `maxAgeMs`
 * (the request does not wait).
 */
export class StatusSnapshots {
  readonly #reader: StatusReader;
  readonly #maxAgeMs: number;
  readonly #now: () => number;
  readonly #onlyWriter: () => boolean;
  #wasOnlyWriter = false;
  readonly #unsubscribe: () => void;
  #current: StatusSnapshot | undefined;
  #readAt = 0;
  /** Bumped by every change; a snapshot read since the latest bump is current. */
  #generation = 0;
  #currentGeneration = -1;
  #reading: { readonly generation: number; readonly done: Promise<StatusSnapshot> } | undefined;

  constructor(options: StatusSnapshotsOptions) {
    this.#reader = options.reader;
    this.#maxAgeMs = options.maxAgeMs ?? 1_000;
    this.#now = options.now ?? Date.now;
    this.#onlyWriter = options.onlyWriter ?? (() => false);
    this.#unsubscribe = options.changes?.onStatusChange(() => this.invalidate()) ?? (() => undefined);
  }

  /** Something changed: the next request waits for a fresh read. */
  invalidate(): void {
    this.#generation += 1;
  }

  async current(): Promise<StatusSnapshot> {
    const onlyWriter = this.#onlyWriter();
    // Just took the lease: what the last leader wrote since the last read is read once more.
    if (onlyWriter && !this.#wasOnlyWriter) this.invalidate();
    this.#wasOnlyWriter = onlyWriter;
    const current = this.#current;
    if (current === undefined || this.#currentGeneration < this.#generation) return this.#read();
    if (!onlyWriter && this.#now() - this.#readAt >= this.#maxAgeMs) {
      // A failed read in the background makes the next request wait for one (and see its error).
      this.#read().catch(() => this.invalidate());
    }
    return current;
  }

  close(): void {
    this.#unsubscribe();
  }

  #read(): Promise<StatusSnapshot> {
    const generation = this.#generation;
    if (this.#reading !== undefined && this.#reading.generation === generation) return this.#reading.done;
    const startedAt = this.#now();
    const done = (async () => {
      const [statuses, operator] = await Promise.all([
        this.#reader.listStatuses(),
        this.#reader.getOperator(),
      ]);
      const snapshot = buildSnapshot(statuses, operator, this.#current);
      if (generation >= this.#currentGeneration) {
        this.#current = snapshot;
        this.#currentGeneration = generation;
        this.#readAt = startedAt;
      }
      return snapshot;
    })();
    const reading = { generation, done };
    this.#reading = reading;
    const forget = () => {
      if (this.#reading === reading) this.#reading = undefined;
    };
    done.then(forget, forget);
    return done;
  }
}
