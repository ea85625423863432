import { describe, expect, it } from 'vitest';
import { ManualScheduler } from '../../src/reconcile/manual-scheduler.ts';
import { PendingRetry } from '../../src/source/pending-retry.ts';
import { CommitPendingError, SourceReadError } from '../../src/source/source-error.ts';

const notReady = () =>
  Promise.reject(new CommitPendingError('s3://b/p/', 's3://b/p/x.yaml', 'abc123', 'found no object'));

describe('PendingRetry', () => {
  it('looks again after 1 s, 2 s, 4 s ... capped at the poll interval, and resets on any other end', async () => {
    const scheduler = new ManualScheduler();
    const retry = new PendingRetry(5_000, scheduler);
    let looks = 0;
    const watch = retry.watch(() => {
      looks++;
    });
    const waits: number[] = [];
    for (let i = 0; i < 5; i++) {
      await retry.follow(notReady()).catch(() => undefined);
      const wait = (scheduler.nextAt ?? Number.NaN) - scheduler.now();
      waits.push(wait);
      await scheduler.advance(wait);
    }
    expect(waits).toEqual([1_000, 2_000, 4_000, 5_000, 5_000]);
    expect(looks).toBe(5);

    // Another kind of failure is for polling to retry: no retry scheduled, and the backoff starts over.
    await retry.follow(Promise.reject(new SourceReadError('s3://b/p/', 'timed out'))).catch(() => undefined);
    expect(scheduler.pending).toBe(0);
    await retry.follow(notReady()).catch(() => undefined);
    expect(scheduler.nextAt).toBe(scheduler.now() + 1_000);
    // A look that succeeds cancels the retry.
    expect(await retry.follow(Promise.resolve('ok'))).toBe('ok');
    expect(scheduler.pending).toBe(0);

    await watch.stop();
    await retry.follow(notReady()).catch(() => undefined);
    expect(scheduler.pending).toBe(0);
  });

  it('schedules one retry at a time however many looks find the commit not ready', async () => {
    const scheduler = new ManualScheduler();
    const retry = new PendingRetry(10_000, scheduler);
    retry.watch(() => undefined);
    await retry.follow(notReady()).catch(() => undefined);
    await retry.follow(notReady()).catch(() => undefined);
    expect(scheduler.pending).toBe(1);
    expect(scheduler.nextAt).toBe(1_000);
  });
});
