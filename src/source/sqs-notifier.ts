import {
  DeleteMessageBatchCommand,
  type Message,
  ReceiveMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { realScheduler, type Scheduler } from '../reconcile/scheduler.ts';
import { eventConcerns } from './s3-event.ts';
import type { ChangeNotifier } from './s3-source.ts';
import type { ChangeListener, Watch } from './types.ts';

export interface SqsNotifierOptions {
  readonly client: SQSClient;
  /** A queue that S3 event notifications of the bucket are sent to; this notifier deletes what it reads. */
  readonly queueUrl: string;
  readonly bucket: string;
  readonly prefix: string;
  /** Long-poll wait per ReceiveMessage, 0-20 s; default 20. */
  readonly waitTimeSeconds?: number;
  /** Pause after a failed receive before the next; default 5 s. */
  readonly retryDelayMs?: number;
  readonly scheduler?: Scheduler;
  /** A receive or delete failed; the notifier carries on (polling covers the gap). */
  readonly onError?: (error: unknown) => void;
}

/**
 * "Look now" on S3 event notifications delivered to SQS: long-polls the queue, calls the listener
 * once per batch that concerns the prefix, then deletes the batch. Only a trigger: the look reads
 * the whole prefix, and polling keeps going beside it, so a lost message only delays a change.
 */
export class SqsNotifier implements ChangeNotifier {
  readonly #options: SqsNotifierOptions;

  constructor(options: SqsNotifierOptions) {
    this.#options = options;
  }

  subscribe(onChange: ChangeListener): Watch {
    const controller = new AbortController();
    const loop = this.#receiveUntil(controller.signal, onChange);
    let stopping: Promise<void> | undefined;
    return {
      stop: () => {
        controller.abort();
        stopping ??= loop;
        return stopping;
      },
    };
  }

  async #receiveUntil(signal: AbortSignal, onChange: ChangeListener): Promise<void> {
    while (!signal.aborted) {
      try {
        const messages = await this.#receive(signal);
        const { bucket, prefix } = this.#options;
        if (messages.some((m) => eventConcerns(m.Body ?? '', bucket, prefix))) await onChange();
        await this.#delete(messages);
      } catch (error) {
        if (signal.aborted) return;
        this.#report(error);
        await this.#pause(signal);
      }
    }
  }

  async #receive(signal: AbortSignal): Promise<Message[]> {
    const { client, queueUrl, waitTimeSeconds } = this.#options;
    const response = await client.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: waitTimeSeconds ?? 20,
      }),
      { abortSignal: signal },
    );
    return response.Messages ?? [];
  }

  /** Not aborted by stop(): a batch that was looked at is deleted before the loop ends. */
  async #delete(messages: readonly Message[]): Promise<void> {
    const entries = messages.flatMap((m, i) =>
      m.ReceiptHandle === undefined ? [] : [{ Id: String(i), ReceiptHandle: m.ReceiptHandle }],
    );
    if (entries.length === 0) return;
    const { client, queueUrl } = this.#options;
    const response = await client.send(
      new DeleteMessageBatchCommand({ QueueUrl: queueUrl, Entries: entries }),
    );
    // An undeleted message comes back after its visibility timeout: one more look, no harm.
    if ((response.Failed ?? []).length > 0) {
      this.#report(new Error(`SQS kept ${response.Failed?.length} message(s) of ${this.#options.queueUrl}`));
    }
  }

  #pause(signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const timer = (this.#options.scheduler ?? realScheduler).setTimeout(
        done,
        this.#options.retryDelayMs ?? 5_000,
      );
      function done(): void {
        signal.removeEventListener('abort', done);
        timer.cancel();
        resolve();
      }
      signal.addEventListener('abort', done, { once: true });
    });
  }

  #report(error: unknown): void {
    try {
      this.#options.onError?.(error);
    } catch {
      // A failing error hook must not stop the notifier.
    }
  }
}
