import { checkNonNegative, checkPositiveInteger } from './check.ts';
import type { ErrorClass, Outcome, Result } from './result.ts';
import { realScheduler, type Scheduler, type TimerHandle } from './scheduler.ts';
import type { WorkQueue } from './work-queue.ts';

export type Reconcile<K extends string> = (key: K, signal: AbortSignal) => Promise<Result>;

export interface ControllerOptions<K extends string> {
  readonly queue: WorkQueue<K>;
  readonly reconcile: Reconcile<K>;
  /** How to treat a thrown error. Default: everything is retried with backoff. */
  readonly classify?: (error: unknown) => ErrorClass;
  /** Concurrent reconciles, never two for one key. Default 4. */
  readonly workers?: number;
  /** A reconcile running longer than this has its signal aborted. Default: no limit. */
  readonly timeoutMs?: number;
  readonly scheduler?: Scheduler;
  /** A terminal error: the key is not retried until it is added again. */
  readonly onTerminal?: (key: K, error: unknown) => void;
  /** After every reconcile, for metrics. */
  readonly onReconcile?: (key: K, durationMs: number, outcome: Outcome, error?: unknown) => void;
  /** A hook or `classify` threw; the worker carries on. Default: ignored. */
  readonly onInternalError?: (error: unknown, where: 'classify' | 'onTerminal' | 'onReconcile') => void;
}

export interface StopOptions {
  /** Abort the signal of the reconciles in flight before waiting for them. Default true. */
  readonly abortInFlight?: boolean;
}

/**
 * Workers that take keys from the queue and reconcile them, controller-runtime style: the result
 * or the error's class decides when the key is looked at again; a throwing reconcile never stops
 * a worker.
 */
export class Controller<K extends string> {
  readonly #options: ControllerOptions<K>;
  readonly #workers: number;
  readonly #scheduler: Scheduler;
  readonly #stopping = new AbortController();
  #running: Promise<void>[] = [];
  #inFlight = 0;
  #stopped = false;

  constructor(options: ControllerOptions<K>) {
    this.#options = options;
    this.#workers = checkPositiveInteger('workers', options.workers ?? 4);
    if (options.timeoutMs !== undefined) checkNonNegative('timeoutMs', options.timeoutMs);
    this.#scheduler = options.scheduler ?? realScheduler;
  }

  /** Keys waiting for a worker. */
  get queueDepth(): number {
    return this.#options.queue.length;
  }

  get inFlight(): number {
    return this.#inFlight;
  }

  start(): void {
    if (this.#stopped) throw new Error('Controller was stopped; make a new one');
    if (this.#running.length > 0) throw new Error('Controller already started');
    for (let i = 0; i < this.#workers; i += 1) this.#running.push(this.#work());
  }

  /** Shuts the queue down and resolves when every worker has finished its current reconcile. */
  async stop(options: StopOptions = {}): Promise<void> {
    this.#stopped = true;
    const drained = this.#options.queue.shutDown();
    if (options.abortInFlight ?? true) this.#stopping.abort(new Error('controller stopping'));
    await Promise.all(this.#running);
    await drained;
  }

  async #work(): Promise<void> {
    const { queue } = this.#options;
    for (let key = await queue.get(); key !== undefined; key = await queue.get()) {
      this.#inFlight += 1;
      try {
        await this.#reconcileOnce(key);
      } finally {
        this.#inFlight -= 1;
        queue.done(key);
      }
    }
  }

  async #reconcileOnce(key: K): Promise<void> {
    const started = this.#scheduler.now();
    const run = new AbortController();
    const onStop = () => run.abort(this.#stopping.signal.reason);
    if (this.#stopping.signal.aborted) onStop();
    else this.#stopping.signal.addEventListener('abort', onStop, { once: true });
    const timeout = this.#startTimeout(run);
    let outcome: Outcome;
    let failure: unknown;
    try {
      const result = await this.#options.reconcile(key, run.signal);
      outcome = this.#onResult(key, result);
    } catch (error) {
      failure = error;
      outcome = this.#onError(key, error);
    } finally {
      timeout?.cancel();
      this.#stopping.signal.removeEventListener('abort', onStop);
    }
    this.#hook('onReconcile', () =>
      this.#options.onReconcile?.(key, this.#scheduler.now() - started, outcome, failure),
    );
  }

  #startTimeout(run: AbortController): TimerHandle | undefined {
    const { timeoutMs } = this.#options;
    if (timeoutMs === undefined) return undefined;
    return this.#scheduler.setTimeout(
      () => run.abort(new Error(`reconcile timed out after ${timeoutMs} ms`)),
      timeoutMs,
    );
  }

  #onResult(key: K, result: Result): Outcome {
    const { queue } = this.#options;
    queue.forget(key);
    if (result.kind === 'done') return 'done';
    queue.addAfter(key, Number.isFinite(result.ms) && result.ms >= 0 ? result.ms : 0);
    return 'requeueAfter';
  }

  #onError(key: K, error: unknown): Outcome {
    const { queue } = this.#options;
    const errorClass = this.#classify(error);
    if (errorClass === 'terminal') {
      queue.forget(key);
      this.#hook('onTerminal', () => this.#options.onTerminal?.(key, error));
      return 'terminal';
    }
    if (errorClass === 'retry') {
      queue.addRateLimited(key);
      return 'retry';
    }
    const ms = errorClass.retryAfterMs;
    if (Number.isFinite(ms) && ms >= 0) queue.addAfter(key, ms);
    else queue.addRateLimited(key);
    return 'retryAfter';
  }

  #classify(error: unknown): ErrorClass {
    try {
      return this.#options.classify?.(error) ?? 'retry';
    } catch (classifyError) {
      this.#reportInternal(classifyError, 'classify');
      return 'retry';
    }
  }

  #hook(where: 'onTerminal' | 'onReconcile', call: () => void): void {
    try {
      call();
    } catch (error) {
      this.#reportInternal(error, where);
    }
  }

  #reportInternal(error: unknown, where: 'classify' | 'onTerminal' | 'onReconcile'): void {
    try {
      this.#options.onInternalError?.(error, where);
    } catch {
      // The last line of defence: a worker must survive its own reporting.
    }
  }
}
