import { describe, expect, it } from 'vitest';
import { ManualScheduler, settle } from '../../src/reconcile/manual-scheduler.ts';
import { every } from '../../src/reconcile/ticker.ts';

describe('every', () => {
  it('runs every period, first after one period unless immediate', async () => {
    const scheduler = new ManualScheduler();
    const runs: number[] = [];
    const eager: number[] = [];
    const ticker = every(60_000, () => runs.push(scheduler.now()), { scheduler });
    const immediate = every(15_000, () => eager.push(scheduler.now()), { scheduler, immediate: true });
    await scheduler.advance(180_000);
    expect(runs).toEqual([60_000, 120_000, 180_000]);
    expect(eager.slice(0, 3)).toEqual([0, 15_000, 30_000]);
    expect(eager).toHaveLength(13);
    await ticker.stop();
    await immediate.stop();
    await scheduler.advance(180_000);
    expect(runs).toHaveLength(3);
    expect(scheduler.pending).toBe(0);
  });

  it('never overlaps runs: an overrun is followed at once, periods count from each start', async () => {
    const scheduler = new ManualScheduler();
    const starts: number[] = [];
    let active = 0;
    let overlapped = false;
    const ticker = every(
      100,
      async () => {
        starts.push(scheduler.now());
        active += 1;
        if (active > 1) overlapped = true;
        const length = starts.length === 1 ? 250 : 30;
        await new Promise<void>((resolve) => scheduler.setTimeout(resolve, length));
        active -= 1;
      },
      { scheduler },
    );
    await scheduler.advance(500);
    expect(overlapped).toBe(false);
    expect(starts).toEqual([100, 350, 450]);
    await ticker.stop();
  });

  it('carries on after fn throws, reporting to onError', async () => {
    const scheduler = new ManualScheduler();
    const errors: unknown[] = [];
    let runs = 0;
    const ticker = every(
      10,
      () => {
        runs += 1;
        if (runs === 1) throw new Error('first');
        if (runs === 2) return Promise.reject(new Error('second'));
        return undefined;
      },
      {
        scheduler,
        onError: (error) => {
          errors.push(error);
          throw new Error('hook broke too');
        },
      },
    );
    await scheduler.advance(30);
    expect(runs).toBe(3);
    expect(errors.map(String)).toEqual(['Error: first', 'Error: second']);
    await ticker.stop();
  });

  it('stop waits for a run in progress and cancels the next', async () => {
    const scheduler = new ManualScheduler();
    let release: () => void = () => {};
    let runs = 0;
    const ticker = every(
      10,
      () => {
        runs += 1;
        return new Promise<void>((resolve) => {
          release = resolve;
        });
      },
      { scheduler },
    );
    await scheduler.advance(10);
    let stopped = false;
    const stopping = ticker.stop().then(() => {
      stopped = true;
    });
    await settle();
    expect(stopped).toBe(false);
    release();
    await stopping;
    await scheduler.advance(100);
    expect(runs).toBe(1);
  });

  it('rejects a period that is not positive', () => {
    expect(() => every(0, () => undefined)).toThrow('Expected `ms` to be a finite number > 0, got 0');
  });
});
