import type { StatusChange } from '../state/state-store.ts';
import type { ResourceStatus } from '../state/types.ts';
import type { StatusReader } from './deps.ts';
import { redactedStatus } from './redacting-reader.ts';
import { buildSnapshot, patchSnapshot, type StatusSnapshot, withOperator } from './status-snapshot.ts';

/** Tells what status and operator writes made in this process changed (StateStore.onStatusChange). */
export interface StatusChanges {
  onStatusChange(listener: (change: StatusChange) => void): () => void;
}

export interface StatusSnapshotsOptions {
  /** Where statuses come from; put redaction here, so it runs once per read. */
  readonly reader: StatusReader;
  /**
   * Writes in this process: a status written patches the snapshot (redacted as
   * redactingStatusReader does), without reading the table; an operator write has the next
   * request wait for a read of the operator item.
   */
  readonly changes?: StatusChanges;
  /**
   * Writes elsewhere (another replica leads) are seen within about this long: an older snapshot
   * is still served while a new read runs behind it. Default 1 s.
   */
  readonly maxAgeMs?: number;
  /**
   * True while `changes` tells of every write there is (this replica holds the lease, so no other
   * writes): the table is then read again only every `resyncMs`, not every `maxAgeMs`.
   */
  readonly onlyWriter?: () => boolean;
  /** The only writer reads the whole table again this often all the same (behind the requests). Default 5 min. */
  readonly resyncMs?: number;
  readonly now?: () => number;
  /**
   * While followed, writes of other processes closer together than this are read once. Default
   * 250 ms; at least 4 times the last read's time, so followed reads take at most about a fifth
   * of the time.
   */
  readonly followGapMs?: number;
  /** While followed, a write of this process after a quiet spell is told to the followers this long after it. Default 50 ms. */
  readonly patchGapMs?: number;
  /** While this process keeps writing, its writes are told to the followers together at most this often. Default 250 ms. */
  readonly burstPatchMs?: number;
}

/** One read of the table (or of the operator item alone), and the writes made while it ran. */
interface Reading {
  readonly statusGeneration: number;
  readonly operatorGeneration: number;
  readonly whole: boolean;
  readonly writes: Map<string, ResourceStatus | undefined>;
  readonly done: Promise<StatusSnapshot>;
}

/**
 * The current StatusSnapshot. This process's status writes patch it (only the resources written
 * are serialised again); the table is read again when this process cannot tell what changed (the
 * next request waits for it), and, behind the requests, when the snapshot is older than
 * `maxAgeMs` (another replica may write) or, as the only writer, than `resyncMs`.
 */
export class StatusSnapshots {
  readonly #reader: StatusReader;
  readonly #maxAgeMs: number;
  readonly #resyncMs: number;
  readonly #now: () => number;
  readonly #onlyWriter: () => boolean;
  #wasOnlyWriter = false;
  readonly #unsubscribe: () => void;
  #current: StatusSnapshot | undefined;
  #readAt = 0;
  /** Bumped when the whole table must be read again; the snapshot holds `#statusRead`'s. */
  #statusGeneration = 0;
  #statusRead = -1;
  /** Bumped by an operator write; the snapshot holds `#operatorRead`'s. */
  #operatorGeneration = 0;
  #operatorRead = -1;
  /** Written here since the snapshot was last patched, redacted; `undefined`: deleted. */
  readonly #writes = new Map<string, ResourceStatus | undefined>();
  #reading: Reading | undefined;
  /** Whole reads in flight: each keeps the writes made meanwhile, to lay over what it read. */
  readonly #wholeReads = new Set<Reading>();
  readonly #followers = new Set<(snapshot: StatusSnapshot) => void>();
  readonly #followGapMs: number;
  readonly #patchGapMs: number;
  readonly #burstPatchMs: number;
  #toldAt = Number.NEGATIVE_INFINITY;
  #poll: NodeJS.Timeout | undefined;
  #patchTimer: NodeJS.Timeout | undefined;
  #refreshing = false;
  #refreshAgain = false;
  #lastReadMs = 0;

  constructor(options: StatusSnapshotsOptions) {
    this.#reader = options.reader;
    this.#maxAgeMs = options.maxAgeMs ?? 1_000;
    this.#resyncMs = options.resyncMs ?? 300_000;
    this.#now = options.now ?? Date.now;
    this.#onlyWriter = options.onlyWriter ?? (() => false);
    this.#followGapMs = options.followGapMs ?? 250;
    this.#patchGapMs = options.patchGapMs ?? 50;
    this.#burstPatchMs = options.burstPatchMs ?? 250;
    this.#unsubscribe =
      options.changes?.onStatusChange((change) => this.#changed(change)) ?? (() => undefined);
  }

  /** Something changed that cannot be told: the next request waits for a read of the whole table. */
  invalidate(): void {
    this.#statusGeneration += 1;
    if (this.#followers.size > 0) this.#refresh();
  }

  /**
   * Calls `listener` with each new snapshot. While anyone follows, this process's writes are told
   * within `patchGapMs` (once for a burst), other replicas' writes every `maxAgeMs`.
   * Returns the unfollow.
   */
  follow(listener: (snapshot: StatusSnapshot) => void): () => void {
    this.#followers.add(listener);
    if (this.#poll === undefined) this.#poll = setInterval(() => this.#refresh(), this.#maxAgeMs).unref();
    return () => {
      this.#followers.delete(listener);
      if (this.#followers.size === 0) this.#stopFollowing();
    };
  }

  async current(): Promise<StatusSnapshot> {
    const onlyWriter = this.#onlyWriter();
    // Just took the lease: what the last leader wrote since the last read is read once more.
    if (onlyWriter && !this.#wasOnlyWriter) this.invalidate();
    this.#wasOnlyWriter = onlyWriter;
    const snapshot = this.#current;
    if (snapshot === undefined || this.#statusRead < this.#statusGeneration) return this.#read(true);
    if (this.#operatorRead < this.#operatorGeneration) return this.#read(false);
    const current = this.#patched(snapshot);
    if (this.#now() - this.#readAt >= (onlyWriter ? this.#resyncMs : this.#maxAgeMs)) {
      // A failed read in the background makes the next request wait for one (and see its error).
      this.#read(true).catch(() => this.invalidate());
    }
    return current;
  }

  close(): void {
    this.#unsubscribe();
    this.#followers.clear();
    this.#stopFollowing();
  }

  #changed(change: StatusChange): void {
    if (change.kind === 'unknown') {
      this.invalidate();
      return;
    }
    if (change.kind === 'operator') {
      this.#operatorGeneration += 1;
    } else {
      const status = change.status === undefined ? undefined : redactedStatus(change.status);
      // Before the first read there is nothing to patch: that read sees the write.
      if (this.#current !== undefined) this.#writes.set(change.identity, status);
      for (const reading of this.#wholeReads) reading.writes.set(change.identity, status);
    }
    if (this.#followers.size > 0 && this.#patchTimer === undefined) {
      const sinceTold = performance.now() - this.#toldAt;
      const wait = Math.max(this.#patchGapMs, this.#burstPatchMs - sinceTold);
      this.#patchTimer = setTimeout(() => {
        this.#patchTimer = undefined;
        this.#toldAt = performance.now();
        this.current().catch(() => undefined);
      }, wait).unref();
    }
  }

  /** `current` with the writes made since it was last patched. */
  #patched(current: StatusSnapshot): StatusSnapshot {
    if (this.#writes.size === 0) return current;
    const patched = patchSnapshot(current, this.#writes);
    this.#writes.clear();
    this.#install(patched);
    return patched;
  }

  #install(snapshot: StatusSnapshot): void {
    if (this.#current === snapshot) return;
    this.#current = snapshot;
    for (const listener of this.#followers) listener(snapshot);
  }

  #stopFollowing(): void {
    clearInterval(this.#poll);
    this.#poll = undefined;
    clearTimeout(this.#patchTimer);
    this.#patchTimer = undefined;
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

  /** Reads the whole table (`whole`) or the operator item alone, then gives the snapshot patched. */
  #read(whole: boolean): Promise<StatusSnapshot> {
    const statusGeneration = this.#statusGeneration;
    const operatorGeneration = this.#operatorGeneration;
    const reading = this.#reading;
    if (reading !== undefined && (reading.whole || !whole)) {
      const sameStatus = !whole || reading.statusGeneration === statusGeneration;
      if (sameStatus && reading.operatorGeneration === operatorGeneration) return reading.done;
      // The table is being read already: the operator written meanwhile is read alone after it.
      if (whole && sameStatus) return reading.done.then(() => this.current());
    }
    const writes = new Map<string, ResourceStatus | undefined>();
    const startedAt = this.#now();
    const done = (async () => {
      if (!whole) {
        const operator = await this.#reader.getOperator();
        const current = this.#current;
        if (current === undefined) throw new Error('the operator is read alone only after a whole read');
        if (operatorGeneration >= this.#operatorRead) {
          this.#operatorRead = operatorGeneration;
          this.#install(withOperator(current, operator));
        }
        return this.#patched(this.#current ?? current);
      }
      const [statuses, operator] = await Promise.all([
        this.#reader.listStatuses(),
        this.#reader.getOperator(),
      ]);
      this.#lastReadMs = this.#now() - startedAt;
      const current = this.#current;
      if (current !== undefined && statusGeneration < this.#statusRead) return this.#patched(current);
      // An operator read alone may have come back with a newer operator since this one began.
      const newerOperator = operatorGeneration < this.#operatorRead ? current?.operator : undefined;
      const read = buildSnapshot(statuses, newerOperator ?? operator, current);
      // What this process wrote while the read ran may be missing from it.
      const snapshot = patchSnapshot(read, writes);
      this.#statusRead = statusGeneration;
      this.#operatorRead = Math.max(this.#operatorRead, operatorGeneration);
      this.#readAt = startedAt;
      this.#install(snapshot);
      return this.#patched(snapshot);
    })();
    const started: Reading = { statusGeneration, operatorGeneration, whole, writes, done };
    this.#reading = started;
    if (whole) this.#wholeReads.add(started);
    const forget = () => {
      this.#wholeReads.delete(started);
      if (this.#reading === started) this.#reading = undefined;
    };
    done.then(forget, forget);
    return done;
  }
}
