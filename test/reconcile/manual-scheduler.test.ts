import { describe, expect, it } from 'vitest';
import { ManualScheduler } from '../../src/reconcile/manual-scheduler.ts';

describe('ManualScheduler', () => {
  it('fires due timers in time order, then insertion order, and moves the clock', async () => {
    const scheduler = new ManualScheduler(100);
    const fired: string[] = [];
    scheduler.setTimeout(() => fired.push(`b@${scheduler.now()}`), 20);
    scheduler.setTimeout(() => fired.push(`a@${scheduler.now()}`), 10);
    scheduler.setTimeout(() => fired.push(`c@${scheduler.now()}`), 20);
    scheduler.setTimeout(() => fired.push('late'), 31);
    await scheduler.advance(30);
    expect(fired).toEqual(['a@110', 'b@120', 'c@120']);
    expect(scheduler.now()).toBe(130);
    expect(scheduler.pending).toBe(1);
    expect(scheduler.nextAt).toBe(131);
  });

  it('fires timers set by timers within the same advance, and never cancelled ones', async () => {
    const scheduler = new ManualScheduler();
    const fired: number[] = [];
    scheduler.setTimeout(() => scheduler.setTimeout(() => fired.push(scheduler.now()), 5), 5);
    scheduler.setTimeout(() => fired.push(-1), 7).cancel();
    await scheduler.advance(10);
    expect(fired).toEqual([10]);
  });

  it('lets promise chains started by a timer settle before the next one', async () => {
    const scheduler = new ManualScheduler();
    const log: string[] = [];
    scheduler.setTimeout(() => {
      void Promise.resolve()
        .then(() => Promise.resolve())
        .then(() => log.push('chain'));
    }, 1);
    scheduler.setTimeout(() => log.push('second'), 2);
    await scheduler.advance(2);
    expect(log).toEqual(['chain', 'second']);
  });

  it('rejects a negative advance', async () => {
    await expect(new ManualScheduler().advance(-1)).rejects.toThrow(
      'Expected `ms` to be a finite number >= 0',
    );
  });
});
