import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The abort signal of the unit of work an AWS call belongs to (one reconcile, one scan), carried
 * through the async calls below it so that providers need not pass it along by hand.
 */
const scope = new AsyncLocalStorage<AbortSignal>();

/** Runs `work` with `signal` applying to every AWS call made within it. */
export function withCallSignal<T>(signal: AbortSignal, work: () => Promise<T>): Promise<T> {
  return scope.run(signal, work);
}

/** The signal of the enclosing unit of work, if any. */
export function currentCallSignal(): AbortSignal | undefined {
  return scope.getStore();
}
