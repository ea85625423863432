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
  /**
   * While followed, writes closer together than this are read once. Default 250 ms; at least
   * 4 times the last read's time, so followed reads take at most about a fifth of the time.
   */
  readonly followGapMs?: number;
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
  readonly #followers = new Set<(snapshot: StatusSnapshot) => void>();
  readonly #followGapMs: number;
  #poll: NodeJS.Timeout | undefined;
  #refreshing = false;
  #refreshAgain = false;
  #lastReadMs = 0;

  constructor(options: StatusSnapshotsOptions) {
    this.#reader = options.reader;
    this.#maxAgeMs = options.maxAgeMs ?? 1_000;
    this.#now = options.now ?? Date.now;
    this.#onlyWriter = options.onlyWriter ?? (() => false);
    this.#followGapMs = options.followGapMs ?? 250;
    this.#unsubscribe = options.changes?.onStatusChange(() => this.invalidate()) ?? (() => undefined);
  }

  /** Something changed: the next request waits for a fresh read. */
  invalidate(): void {
    this.#generation += 1;
    if (this.#followers.size > 0) this.#refresh();
  }

  /**
   * Calls `listener` with each new snapshot. While anyone follows, a change is read again without
   * waiting for a request (once for a burst of writes), and other replicas' writes every `maxAgeMs`.
   * Returns the unfollow.
   */
  follow(listener: (snapshot: StatusSnapshot) => void): () => void {
    this.#followers.add(listener);
    if (this.#poll === undefined) this.#poll = setInterval(() => this.#refresh(), this.#maxAgeMs).unref();
    return () => {
      this.#followers.delete(listener);
      if (this.#followers.size === 0) this.#stopPolling();
    };
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
    this.#followers.clear();
    this.#stopPolling();
  }

  #stopPolling(): void {
    clearInterval(this.#poll);
    this.#poll = undefined;
  }

  #refresh(): void {
    if (this.#refreshing) {
      this.#refreshAgain = true;
      return;
    }
    this.#refreshing = true;
    setTimeout(
      () => {
        this.current()
          .catch(() => undefined)
          .finally(() => {
            this.#refreshing = false;
            if (!this.#refreshAgain || this.#followers.size === 0) return;
            this.#refreshAgain = false;
            this.#refresh();
          });
      },
      Math.max(this.#followGapMs, 4 * this.#lastReadMs),
    ).unref();
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
      this.#lastReadMs = this.#now() - startedAt;
      if (generation >= this.#currentGeneration) {
        const replaced = this.#current !== snapshot;
        this.#current = snapshot;
        this.#currentGeneration = generation;
        this.#readAt = startedAt;
        if (replaced) for (const listener of this.#followers) listener(snapshot);
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
