import { setTimeout as sleep } from 'node:timers/promises';
import type { OutboxEntry } from '../state/outbox-store.ts';
import { digest, type Message, single } from './message.ts';
import type { Attempt, Transport } from './transport.ts';

export interface Pacing {
  /** The rate limit's window: a minute, shorter in tests. */
  readonly windowMs: number;
  /** The delay after the first failed attempt; it doubles per attempt, up to `backoffCapMs`. */
  readonly backoffBaseMs: number;
  readonly backoffCapMs: number;
}

export const DEFAULT_PACING: Pacing = { windowMs: 60_000, backoffBaseMs: 1_000, backoffCapMs: 60_000 };

export interface ReceiverWorkerOptions {
  readonly name: string;
  readonly transport: Transport;
  readonly maxPerMinute: number;
  readonly maxAttempts: number;
  readonly pacing: Pacing;
  /** Checked before every attempt: only the leader sends. */
  readonly leading: () => boolean;
  /** The message reached its end (delivered, or failed for good). */
  readonly settled: (message: Message, attempt: Attempt, attempts: number) => void;
  readonly now?: () => number;
  readonly random?: () => number;
}

/**
 * One receiver's queue, sent by its own loop: sending never holds up whoever adds to it. At most
 * `maxPerMinute` messages a window; past that, what comes waits for the window's end and goes
 * as one digest.
 */
export class ReceiverWorker {
  readonly #options: ReceiverWorkerOptions;
  readonly #now: () => number;
  #queue: OutboxEntry[] = [];
  #wake: (() => void) | undefined;
  #controller: AbortController | undefined;
  #running: Promise<void> | undefined;
  #windowStart = Number.NEGATIVE_INFINITY;
  #sentInWindow = 0;

  constructor(options: ReceiverWorkerOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
  }

  get name(): string {
    return this.#options.name;
  }

  add(entry: OutboxEntry): void {
    this.#queue.push(entry);
    this.#wake?.();
  }

  start(): void {
    if (this.#controller !== undefined) return;
    const controller = new AbortController();
    this.#controller = controller;
    this.#running = this.#run(controller.signal);
  }

  /** Stops sending; what was not settled stays in the outbox for the next leader. */
  async stop(): Promise<void> {
    this.#controller?.abort();
    this.#wake?.();
    await this.#running;
    this.#controller = undefined;
    this.#running = undefined;
    this.#queue = [];
    this.#windowStart = Number.NEGATIVE_INFINITY;
    this.#sentInWindow = 0;
  }

  async #run(signal: AbortSignal): Promise<void> {
    const { maxPerMinute, pacing } = this.#options;
    while (!signal.aborted) {
      if (this.#queue.length === 0) {
        await new Promise<void>((resolve) => {
          this.#wake = resolve;
        });
        this.#wake = undefined;
        continue;
      }
      if (this.#now() - this.#windowStart >= pacing.windowMs) {
        this.#windowStart = this.#now();
        this.#sentInWindow = 0;
      }
      let message: Message;
      if (this.#sentInWindow < maxPerMinute) {
        message = single(this.#queue.shift() as OutboxEntry);
      } else {
        if (!(await pause(this.#windowStart + pacing.windowMs - this.#now(), signal))) return;
        const entries = this.#queue.splice(0);
        message = entries.length === 1 ? single(entries[0] as OutboxEntry) : digest(entries);
        this.#windowStart = this.#now();
        this.#sentInWindow = 0;
      }
      this.#sentInWindow += 1;
      await this.#deliver(message, signal);
    }
  }

  async #deliver(message: Message, signal: AbortSignal): Promise<void> {
    const { transport, maxAttempts, pacing, leading, settled } = this.#options;
    const random = this.#options.random ?? Math.random;
    for (let attempts = 1; ; attempts += 1) {
      if (!leading() || signal.aborted) return;
      const attempt = await transport.send(message, signal);
      // Cut off by a stop: left for the next leader, not counted as failed.
      if (!attempt.ok && signal.aborted) return;
      if (attempt.ok || !attempt.retryable || attempts >= maxAttempts) {
        settled(message, attempt, attempts);
        return;
      }
      // Equal jitter: somewhere in [d/2, d], never zero.
      const delay = Math.min(pacing.backoffCapMs, pacing.backoffBaseMs * 2 ** (attempts - 1));
      if (!(await pause(delay / 2 + (random() * delay) / 2, signal))) return;
    }
  }
}

/** False when stopped meanwhile. */
async function pause(ms: number, signal: AbortSignal): Promise<boolean> {
  try {
    await sleep(Math.max(0, ms), undefined, { signal });
    return true;
  } catch {
    return false;
  }
}
