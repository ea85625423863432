import type { ReceiverConfig } from '../config/index.ts';
import type { FencedState, StateStore } from '../state/index.ts';
import type { DeliveryRecord, EventTap, OutboxEntry } from '../state/outbox-store.ts';
import { wants } from './filter.ts';
import { entriesOf, type Message } from './message.ts';
import { type NotificationReason, ReasonMap } from './reasons.ts';
import { DEFAULT_PACING, type Pacing, ReceiverWorker } from './receiver-worker.ts';
import type { Attempt, Transport } from './transport.ts';

const DEFAULT_MAX_PER_MINUTE = 20;
const DEFAULT_MAX_ATTEMPTS = 8;

export interface NotifierLog {
  warn(fields: object, message: string): void;
}

export interface NotifierOptions {
  readonly receivers: readonly ReceiverConfig[];
  readonly transportFor: (receiver: ReceiverConfig) => Transport;
  readonly store: StateStore;
  readonly fenced: FencedState;
  readonly log?: NotifierLog;
  readonly pacing?: Partial<Pacing>;
  readonly now?: () => number;
  /** Each message settled, for metrics: delivered or given up, after how many attempts. */
  readonly onSettled?: (receiver: string, outcome: 'delivered' | 'failed', attempts: number) => void;
}

/**
 * Notifications of events and revisions to the configured receivers (docs/NOTIFICATIONS.md).
 * Each one goes into the outbox in the state table with the event; the leader's receiver workers
 * send it in the background and take it out of the outbox once delivered, so a new leader
 * resumes what is left and sends nothing already delivered.
 */
export class Notifier {
  readonly #options: NotifierOptions;
  readonly #now: () => number;
  readonly #reasons = new ReasonMap();
  readonly #workers = new Map<string, ReceiverWorker>();
  readonly #transports: Transport[] = [];
  /** Receivers each outbox entry of this leadership still waits for. */
  readonly #pending = new Map<string, Set<string>>();
  #settled = new Map<string, readonly string[]>();
  #records: DeliveryRecord[] = [];
  #flushing: Promise<void> = Promise.resolve();
  #flushQueued = false;
  #term = 0;

  constructor(options: NotifierOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
    const pacing = { ...DEFAULT_PACING, ...options.pacing };
    for (const receiver of options.receivers) {
      const transport = options.transportFor(receiver);
      this.#transports.push(transport);
      this.#workers.set(
        receiver.name,
        new ReceiverWorker({
          name: receiver.name,
          transport,
          maxPerMinute: receiver.maxPerMinute ?? DEFAULT_MAX_PER_MINUTE,
          maxAttempts: receiver.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
          pacing,
          leading: () => options.fenced.leading,
          settled: (message, attempt, attempts) => this.#settle(receiver.name, message, attempt, attempts),
          now: this.#now,
        }),
      );
    }
  }

  /** What the state store calls for each event it records (StateStore.tapEvents). */
  readonly tap: EventTap = {
    entryFor: (event, id) =>
      this.#entry(
        id,
        event.identity,
        event.at,
        event.type,
        this.#reasons.ofEvent(event.identity, event.reason),
        event.message,
      ),
    recorded: (entry) => this.#enqueue(entry),
  };

  /** Leadership taken: resume what the outbox holds, then send what comes. */
  async startLeading(): Promise<void> {
    const term = ++this.#term;
    for (const worker of this.#workers.values()) worker.start();
    let left: OutboxEntry[];
    try {
      left = await this.#options.store.listOutbox();
    } catch (error) {
      this.#options.log?.warn(
        { error: errorText(error) },
        'notifications: could not read the outbox; resumed at the next leadership',
      );
      return;
    }
    if (term !== this.#term) return;
    for (const entry of left) this.#enqueue(entry);
  }

  /** Leadership lost: sending stops, and what was not delivered is the next leader's. */
  async stopLeading(): Promise<void> {
    this.#term += 1;
    await Promise.all([...this.#workers.values()].map((worker) => worker.stop()));
    this.#pending.clear();
    this.#reasons.clear();
  }

  /** Stops, and waits for the delivery log and outbox writes in flight. */
  async close(): Promise<void> {
    await this.stopLeading();
    await this.#flushing;
    for (const transport of this.#transports) transport.close();
  }

  #entry(
    id: string,
    identity: string,
    at: string,
    type: OutboxEntry['type'],
    reason: NotificationReason | undefined,
    message: string,
  ): OutboxEntry | undefined {
    if (reason === undefined) return undefined;
    const pending = this.#options.receivers
      .filter((receiver) => wants(receiver, identity, reason))
      .map((r) => r.name);
    return pending.length === 0 ? undefined : { id, identity, at, type, reason, message, pending };
  }

  #enqueue(entry: OutboxEntry): void {
    if (!this.#options.fenced.leading || this.#pending.has(entry.id)) return;
    const pending = new Set(entry.pending.filter((name) => this.#workers.has(name)));
    this.#pending.set(entry.id, pending);
    for (const name of pending) this.#workers.get(name)?.add(entry);
    if (pending.size === 0) {
      // Only for receivers no longer configured: nobody will deliver it.
      this.#settled.set(entry.id, []);
      this.#flush();
    }
  }

  #settle(receiver: string, message: Message, attempt: Attempt, attempts: number): void {
    const eventIds: string[] = [];
    for (const entry of entriesOf(message)) {
      eventIds.push(entry.id);
      const pending = this.#pending.get(entry.id);
      if (pending === undefined) continue;
      pending.delete(receiver);
      this.#settled.set(entry.id, [...pending]);
      // The id stays known (empty) for this leadership: a resume read before it settled skips it.
    }
    this.#options.onSettled?.(receiver, attempt.ok ? 'delivered' : 'failed', attempts);
    this.#records.push({
      receiver,
      deliveryId: message.id,
      at: new Date(this.#now()).toISOString(),
      outcome: attempt.ok ? 'delivered' : 'failed',
      attempts,
      eventIds,
      ...(attempt.status === undefined ? {} : { status: attempt.status }),
      ...(attempt.ok ? {} : { error: attempt.error }),
    });
    if (!attempt.ok) {
      this.#options.log?.warn(
        { receiver, delivery: message.id, attempts, error: attempt.error },
        'notification not delivered: given up',
      );
    }
    this.#flush();
  }

  /** One write at a time, taking everything settled meanwhile. */
  #flush(): void {
    if (this.#flushQueued) return;
    this.#flushQueued = true;
    this.#flushing = this.#flushing.then(async () => {
      this.#flushQueued = false;
      const settled = this.#settled;
      const records = this.#records;
      this.#settled = new Map();
      this.#records = [];
      try {
        await this.#options.fenced.write((token) =>
          this.#options.store.settleDeliveries(settled, records, token),
        );
      } catch (error) {
        this.#options.log?.warn({ error: errorText(error) }, 'notifications: could not record deliveries');
      }
    });
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
