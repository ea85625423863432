import { describe, expect, it } from 'vitest';
import { Controller, type ControllerOptions } from '../../src/reconcile/controller.ts';
import { ManualScheduler, settle } from '../../src/reconcile/manual-scheduler.ts';
import { done, type Outcome, type Result, requeueAfter } from '../../src/reconcile/result.ts';
import { WorkQueue } from '../../src/reconcile/work-queue.ts';

type Record = { key: string; durationMs: number; outcome: Outcome; error: unknown };

function setup(
  reconcile: ControllerOptions<string>['reconcile'],
  extra: Partial<ControllerOptions<string>> = {},
) {
  const scheduler = new ManualScheduler();
  const queue = new WorkQueue<string>({ scheduler, backoff: { jitter: 'none' } });
  const records: Record[] = [];
  const terminal: Array<[string, unknown]> = [];
  const controller = new Controller<string>({
    queue,
    reconcile,
    scheduler,
    onReconcile: (key, durationMs, outcome, error) => records.push({ key, durationMs, outcome, error }),
    onTerminal: (key, error) => terminal.push([key, error]),
    ...extra,
  });
  return { scheduler, queue, controller, records, terminal };
}

function deferred() {
  let resolve!: (result: Result) => void;
  const promise = new Promise<Result>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

class Tagged extends Error {
  constructor(readonly disposition: 'terminal' | 'retry' | number) {
    super(`failed (${disposition})`);
  }
}

const classify = (error: unknown) => {
  if (!(error instanceof Tagged)) return 'retry' as const;
  return typeof error.disposition === 'number' ? { retryAfterMs: error.disposition } : error.disposition;
};

describe('Controller workers', () => {
  it('runs at most N reconciles at once and never two for one key', async () => {
    const running = new Map<string, number>();
    let peak = 0;
    let overlap = false;
    const gates: Array<() => void> = [];
    const { controller, queue } = setup(
      async (key) => {
        running.set(key, (running.get(key) ?? 0) + 1);
        if ((running.get(key) ?? 0) > 1) overlap = true;
        peak = Math.max(
          peak,
          [...running.values()].reduce((a, b) => a + b, 0),
        );
        await new Promise<void>((resolve) => gates.push(resolve));
        running.set(key, (running.get(key) ?? 1) - 1);
        return done;
      },
      { workers: 3 },
    );
    controller.start();
    for (const key of ['a', 'b', 'c', 'd', 'e']) queue.add(key);
    await settle();
    expect(controller.inFlight).toBe(3);
    expect(controller.queueDepth).toBe(2);
    queue.add('a'); // while a is in flight
    for (let round = 0; round < 10 && (gates.length > 0 || queue.length > 0); round += 1) {
      for (const open of gates.splice(0)) open();
      await settle();
    }
    expect(peak).toBe(3);
    expect(overlap).toBe(false);
    expect(controller.inFlight).toBe(0);
    await controller.stop();
  });

  it('passes a signal that stop() aborts, and stop waits for in-flight work', async () => {
    let seen: AbortSignal | undefined;
    const gate = deferred();
    const { controller, queue, records } = setup((_key, signal) => {
      seen = signal;
      return gate.promise;
    });
    controller.start();
    queue.add('a');
    await settle();
    let stopped = false;
    const stopping = controller.stop().then(() => {
      stopped = true;
    });
    await settle();
    expect(seen?.aborted).toBe(true);
    expect(stopped).toBe(false);
    gate.resolve(done);
    await stopping;
    expect(records.map((r) => r.outcome)).toEqual(['done']);
    queue.add('b');
    await settle();
    expect(records).toHaveLength(1);
  });

  it('stop({ abortInFlight: false }) leaves the signal alone', async () => {
    let seen: AbortSignal | undefined;
    const gate = deferred();
    const { controller, queue } = setup((_key, signal) => {
      seen = signal;
      return gate.promise;
    });
    controller.start();
    queue.add('a');
    await settle();
    const stopping = controller.stop({ abortInFlight: false });
    await settle();
    expect(seen?.aborted).toBe(false);
    gate.resolve(done);
    await stopping;
  });

  it('aborts the signal of a reconcile that outlives timeoutMs', async () => {
    let seen: AbortSignal | undefined;
    const gate = deferred();
    const { controller, queue, scheduler } = setup(
      (_key, signal) => {
        seen = signal;
        signal.addEventListener('abort', () => gate.resolve(done));
        return gate.promise;
      },
      { timeoutMs: 5000 },
    );
    controller.start();
    queue.add('a');
    await scheduler.advance(4999);
    expect(seen?.aborted).toBe(false);
    await scheduler.advance(1);
    expect(seen?.aborted).toBe(true);
    expect(String(seen?.reason)).toContain('timed out after 5000 ms');
    await controller.stop();
  });

  it('refuses a second start and bad worker counts', async () => {
    const { controller } = setup(async () => done);
    controller.start();
    expect(() => controller.start()).toThrow('already started');
    await controller.stop();
    expect(() => controller.start()).toThrow('was stopped');
    expect(() => setup(async () => done, { workers: 0 })).toThrow(
      'Expected `workers` to be an integer >= 1, got 0',
    );
  });
});

describe('Controller results and errors', () => {
  it('done forgets the backoff; requeueAfter looks again after ms', async () => {
    let calls = 0;
    const { controller, queue, scheduler, records } = setup(async () => {
      calls += 1;
      return calls === 1 ? requeueAfter(30_000) : done;
    });
    queue.addRateLimited('a');
    expect(queue.failures('a')).toBe(1);
    controller.start();
    await scheduler.advance(1000);
    expect(calls).toBe(1);
    expect(queue.failures('a')).toBe(0);
    expect(queue.delayed).toBe(1);
    await scheduler.advance(29_999);
    expect(calls).toBe(1);
    await scheduler.advance(1);
    expect(calls).toBe(2);
    expect(records.map((r) => r.outcome)).toEqual(['requeueAfter', 'done']);
    expect(queue.delayed).toBe(0);
    await controller.stop();
  });

  it('retries retryable errors with growing backoff, then forgets on success', async () => {
    let calls = 0;
    const { controller, queue, scheduler, records } = setup(
      async () => {
        calls += 1;
        if (calls <= 3) throw new Tagged('retry');
        return done;
      },
      { classify },
    );
    controller.start();
    queue.add('a');
    await settle();
    expect(calls).toBe(1);
    await scheduler.advance(999);
    expect(calls).toBe(1);
    await scheduler.advance(1);
    expect(calls).toBe(2);
    await scheduler.advance(2000);
    expect(calls).toBe(3);
    await scheduler.advance(3999);
    expect(calls).toBe(3);
    await scheduler.advance(1);
    expect(calls).toBe(4);
    expect(records.map((r) => r.outcome)).toEqual(['retry', 'retry', 'retry', 'done']);
    expect(records[0]?.error).toBeInstanceOf(Tagged);
    expect(queue.failures('a')).toBe(0);
    await controller.stop();
  });

  it('reports terminal errors and does not retry them', async () => {
    const error = new Tagged('terminal');
    const { controller, queue, scheduler, records, terminal } = setup(
      async () => {
        throw error;
      },
      { classify },
    );
    controller.start();
    queue.add('a');
    await scheduler.advance(600_000);
    expect(terminal).toEqual([['a', error]]);
    expect(records.map((r) => r.outcome)).toEqual(['terminal']);
    expect(queue.delayed).toBe(0);
    expect(scheduler.pending).toBe(0);
    await controller.stop();
  });

  it('waits the time an error names for retryAfter', async () => {
    let calls = 0;
    const { controller, queue, scheduler, records } = setup(
      async () => {
        calls += 1;
        if (calls === 1) throw new Tagged(7000);
        return done;
      },
      { classify },
    );
    controller.start();
    queue.add('a');
    await scheduler.advance(6999);
    expect(calls).toBe(1);
    await scheduler.advance(1);
    expect(calls).toBe(2);
    expect(records.map((r) => r.outcome)).toEqual(['retryAfter', 'done']);
    await controller.stop();
  });

  it('survives a reconciler that throws synchronously, and a classify or hook that throws', async () => {
    const internal: string[] = [];
    const handled: string[] = [];
    const { controller, queue, scheduler } = setup(
      (key) => {
        if (key === 'bad') throw new Error('boom');
        handled.push(key);
        return Promise.resolve(done);
      },
      {
        workers: 1,
        classify: () => {
          throw new Error('classify broke');
        },
        onReconcile: () => {
          throw new Error('metrics broke');
        },
        onInternalError: (_error, where) => internal.push(where),
      },
    );
    controller.start();
    queue.add('bad');
    queue.add('good');
    await settle();
    expect(handled).toEqual(['good']);
    expect(internal).toEqual(['classify', 'onReconcile', 'onReconcile']);
    expect(queue.failures('bad')).toBe(1); // classify failing means retry
    await scheduler.advance(1000);
    expect(queue.failures('bad')).toBe(2);
    await controller.stop();
  });

  it('classifies every error as retry by default and measures duration on the injected clock', async () => {
    const { controller, queue, scheduler, records } = setup(async () => {
      await new Promise<void>((resolve) => scheduler.setTimeout(resolve, 250));
      throw new Error('transient');
    });
    controller.start();
    queue.add('a');
    await scheduler.advance(250);
    expect(records).toEqual([{ key: 'a', durationMs: 250, outcome: 'retry', error: new Error('transient') }]);
    expect(queue.failures('a')).toBe(1);
    await controller.stop();
  });
});
