import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { redactDeep } from '../../redact/index.ts';
import type { StateEvent } from '../../state/types.ts';
import type { StatusSnapshot } from '../status-snapshot.ts';
import type { StatusSnapshots } from '../status-snapshots.ts';
import { MessageRing } from './message-ring.ts';
import { HEARTBEAT, messageId, sequenceOf, sseMessage } from './sse.ts';
import { statusMessages } from './status-messages.ts';
import { Watcher } from './watcher.ts';

/** Events recorded in this process (StateStore.onEventRecorded). */
export interface RecordedEvents {
  onEventRecorded(listener: (event: StateEvent) => void): () => void;
}

export interface WatchHubOptions {
  readonly snapshots: StatusSnapshots;
  readonly events?: RecordedEvents;
  /** Messages kept to resume from: at most this many (default 10,000) and about this many bytes (default 32 MiB). */
  readonly ringMessages?: number;
  readonly ringBytes?: number;
  /** A watcher with more than this unsent is dropped. Default 1 MiB. */
  readonly maxBufferedBytes?: number;
  /** Default 15 s. */
  readonly heartbeatMs?: number;
  /** With no watcher for this long the hub stops following; ids from before cannot resume. Default 60 s. */
  readonly idleAfterMs?: number;
  /** A message after a quiet spell is written to the watchers this long after it came. Default 50 ms. */
  readonly flushMs?: number;
  /**
   * While messages keep coming, the watchers are written to at most this often: each write costs
   * the loop a system call per watcher, whatever it carries. Default 250 ms.
   */
  readonly burstFlushMs?: number;
  readonly onDropped?: () => void;
}

interface Following {
  readonly stop: () => void;
  readonly ready: Promise<void>;
}

/**
 * GET /watch's messages: each serialised once, kept in a ring for Last-Event-ID, written to every
 * watcher as the same bytes. Follows the snapshots and events only while someone watches.
 */
export class WatchHub {
  /** Names this hub in message ids: an id of another process (or an earlier run) gets a reset. */
  readonly stream = randomBytes(4).toString('hex');
  readonly #options: WatchHubOptions;
  readonly #maxBufferedBytes: number;
  readonly #ring: MessageRing;
  readonly #watchers = new Set<Watcher>();
  #sequence = 0;
  /** The last sequence written to the watchers; those after it wait in `#pending`. */
  #sent = 0;
  #pending: Buffer[] = [];
  #flushedAt = Number.NEGATIVE_INFINITY;
  #baseline: StatusSnapshot | undefined;
  #following: Following | undefined;
  #idle: NodeJS.Timeout | undefined;

  constructor(options: WatchHubOptions) {
    this.#options = options;
    this.#maxBufferedBytes = options.maxBufferedBytes ?? 1 << 20;
    this.#ring = new MessageRing(options.ringMessages ?? 10_000, options.ringBytes ?? 32 << 20, 0);
  }

  get watchers(): number {
    return this.#watchers.size;
  }

  /** Resolves once status changes are followed (a baseline snapshot is read), so none is missed. */
  ready(): Promise<void> {
    clearTimeout(this.#idle);
    return (this.#following ?? this.#follow()).ready;
  }

  /**
   * Streams to `response` (headers sent): after `lastEventId` from the ring when it still holds all
   * that followed, else a `reset`; without one, a `hello` naming where the stream is.
   */
  watch(response: ServerResponse, lastEventId: string | undefined): void {
    clearTimeout(this.#idle);
    if (response.destroyed) {
      if (this.#watchers.size === 0) this.#idleLater();
      return;
    }
    const watcher = new Watcher(response, this.#maxBufferedBytes, (gone, dropped) => {
      this.#watchers.delete(gone);
      if (dropped) this.#options.onDropped?.();
      if (this.#watchers.size === 0) this.#idleLater();
    });
    this.#watchers.add(watcher);
    const latest = messageId(this.stream, this.#sent);
    if (lastEventId === undefined) {
      watcher.send(sseMessage(latest, 'hello', JSON.stringify({ id: latest })));
      return;
    }
    const seen = sequenceOf(this.stream, lastEventId);
    const backlog = seen === undefined ? undefined : this.#ring.after(seen, this.#sent);
    if (backlog === undefined) {
      const reason = seen === undefined ? 'unknown-id' : 'too-old';
      watcher.send(sseMessage(latest, 'reset', JSON.stringify({ reason })));
      return;
    }
    for (const message of backlog) {
      if (message.sequence > this.#sent) return;
      if (!watcher.send(message.bytes)) return;
    }
  }

  close(): void {
    for (const watcher of this.#watchers) watcher.end();
    this.#watchers.clear();
    this.#unfollow();
  }

  #publish(event: string, data: string): void {
    this.#sequence += 1;
    const bytes = sseMessage(messageId(this.stream, this.#sequence), event, data);
    this.#ring.push({ sequence: this.#sequence, bytes });
    // A burst goes out as one write per watcher, not one per message per watcher.
    if (this.#pending.length === 0) {
      const sinceFlush = performance.now() - this.#flushedAt;
      const wait = Math.max(this.#options.flushMs ?? 50, (this.#options.burstFlushMs ?? 250) - sinceFlush);
      setTimeout(() => this.#flush(), wait);
    }
    this.#pending.push(bytes);
  }

  #flush(): void {
    const chunk = this.#pending.length === 1 ? this.#pending[0] : Buffer.concat(this.#pending);
    this.#pending = [];
    this.#sent = this.#sequence;
    this.#flushedAt = performance.now();
    if (chunk === undefined) return;
    for (const watcher of this.#watchers) watcher.send(chunk);
  }

  #follow(): Following {
    // Whatever happened while nobody followed is not in the ring: ids until now cannot resume.
    this.#sequence += 1;
    this.#sent = this.#sequence;
    this.#ring.cut(this.#sequence);
    const { snapshots, events } = this.#options;
    const unfollow = snapshots.follow((snapshot) => this.#onSnapshot(snapshot));
    const unlisten =
      events?.onEventRecorded((event) => this.#publish('event', JSON.stringify(redactDeep(event)))) ??
      (() => undefined);
    const heartbeat = setInterval(() => {
      for (const watcher of this.#watchers) watcher.send(HEARTBEAT);
    }, this.#options.heartbeatMs ?? 15_000).unref();
    const stop = () => {
      unfollow();
      unlisten();
      clearInterval(heartbeat);
    };
    const ready = snapshots.current().then(
      (snapshot) => {
        if (this.#following === following) this.#baseline ??= snapshot;
      },
      (error: unknown) => {
        if (this.#following === following) this.#unfollow();
        throw error;
      },
    );
    const following: Following = { stop, ready };
    this.#following = following;
    return following;
  }

  #onSnapshot(snapshot: StatusSnapshot): void {
    const previous = this.#baseline;
    this.#baseline = snapshot;
    if (previous === undefined) return;
    for (const message of statusMessages(previous, snapshot)) this.#publish(message.event, message.data);
  }

  #idleLater(): void {
    clearTimeout(this.#idle);
    this.#idle = setTimeout(() => {
      if (this.#watchers.size === 0) this.#unfollow();
    }, this.#options.idleAfterMs ?? 60_000).unref();
  }

  #unfollow(): void {
    clearTimeout(this.#idle);
    this.#following?.stop();
    this.#following = undefined;
    this.#baseline = undefined;
  }
}
