import { describe, expect, it } from 'vitest';
import { PerKeyBackoff } from '../../src/reconcile/backoff.ts';
import { ManualScheduler, settle } from '../../src/reconcile/manual-scheduler.ts';
import { WorkQueue } from '../../src/reconcile/work-queue.ts';

function setup() {
  const scheduler = new ManualScheduler();
  const queue = new WorkQueue<string>({ scheduler, backoff: { jitter: 'none' } });
  return { scheduler, queue };
}

/** Takes every key handed out now, without waiting. */
async function drainNow(queue: WorkQueue<string>): Promise<string[]> {
  const keys: string[] = [];
  while (queue.length > 0) {
    const key = await queue.get();
    if (key !== undefined) keys.push(key);
  }
  return keys;
}

describe('WorkQueue deduplication', () => {
  it('hands keys out first in, first out, each once however often added', async () => {
    const { queue } = setup();
    for (const key of ['a', 'b', 'a', 'c', 'b']) queue.add(key);
    expect(queue.length).toBe(3);
    expect(await drainNow(queue)).toEqual(['a', 'b', 'c']);
    expect(queue.processing).toBe(3);
  });

  it('holds a key added during its work until done, then hands it out once', async () => {
    const { queue } = setup();
    queue.add('a');
    expect(await queue.get()).toBe('a');
    queue.add('a');
    queue.add('a');
    expect(queue.length).toBe(0);
    queue.add('b');
    expect(await queue.get()).toBe('b');
    queue.done('a');
    expect(queue.length).toBe(1);
    expect(await queue.get()).toBe('a');
    expect(queue.length).toBe(0);
  });

  it('never hands out a key being worked on, with many concurrent getters', async () => {
    const { queue } = setup();
    const working = new Set<string>();
    let overlaps = 0;
    let handled = 0;
    const worker = async () => {
      for (let key = await queue.get(); key !== undefined; key = await queue.get()) {
        if (working.has(key)) overlaps += 1;
        working.add(key);
        handled += 1;
        if (handled < 40) queue.add(key); // re-added during its own work
        await settle();
        working.delete(key);
        queue.done(key);
      }
    };
    const workers = Array.from({ length: 5 }, worker);
    for (const key of ['a', 'b', 'a', 'a', 'b']) queue.add(key);
    while (handled < 41 && (queue.length > 0 || queue.processing > 0)) await settle();
    await queue.shutDown();
    await Promise.all(workers);
    expect(overlaps).toBe(0);
    expect(handled).toBeGreaterThanOrEqual(40);
  });

  it('wakes a waiting get when a key arrives', async () => {
    const { queue } = setup();
    const next = queue.get();
    queue.add('x');
    expect(await next).toBe('x');
  });

  it('ignores done for a key not handed out', () => {
    const { queue } = setup();
    queue.add('a');
    queue.done('a');
    expect(queue.length).toBe(1);
    expect(queue.processing).toBe(0);
  });
});

describe('WorkQueue delays', () => {
  it('addAfter adds the key when its time comes', async () => {
    const { queue, scheduler } = setup();
    queue.addAfter('a', 500);
    expect(queue.length).toBe(0);
    expect(queue.delayed).toBe(1);
    await scheduler.advance(499);
    expect(queue.length).toBe(0);
    await scheduler.advance(1);
    expect(queue.length).toBe(1);
    expect(queue.delayed).toBe(0);
  });

  it('keeps the earliest of several delays for one key', async () => {
    const { queue, scheduler } = setup();
    queue.addAfter('a', 1000);
    queue.addAfter('a', 100);
    queue.addAfter('a', 5000);
    expect(queue.delayed).toBe(1);
    await scheduler.advance(100);
    expect(await drainNow(queue)).toEqual(['a']);
    await scheduler.advance(10_000);
    expect(queue.length).toBe(0);
  });

  it('addAfter 0 adds at once; a negative delay is refused', () => {
    const { queue } = setup();
    queue.addAfter('a', 0);
    expect(queue.length).toBe(1);
    expect(() => queue.addAfter('a', -1)).toThrow('Expected `ms` to be a finite number >= 0, got -1');
  });

  it('addRateLimited backs off exponentially per key until forgotten', async () => {
    const { queue, scheduler } = setup();
    const dueTimes: number[] = [];
    for (let i = 0; i < 4; i += 1) {
      queue.addRateLimited('a');
      const due = scheduler.nextAt ?? Number.NaN;
      dueTimes.push(due - scheduler.now());
      await scheduler.advance(due - scheduler.now());
      expect(await queue.get()).toBe('a');
      queue.done('a');
    }
    expect(dueTimes).toEqual([1000, 2000, 4000, 8000]);
    expect(queue.failures('a')).toBe(4);
    queue.forget('a');
    queue.addRateLimited('a');
    expect((scheduler.nextAt ?? 0) - scheduler.now()).toBe(1000);
  });

  it('accepts a shared backoff instance', () => {
    const scheduler = new ManualScheduler();
    const backoff = new PerKeyBackoff<string>({ jitter: 'none', baseMs: 10 });
    const queue = new WorkQueue<string>({ scheduler, backoff });
    queue.addRateLimited('a');
    expect(backoff.failures('a')).toBe(1);
    expect(scheduler.nextAt).toBe(10);
  });
});

describe('WorkQueue shutdown', () => {
  it('resolves waiting gets with undefined, drops queued and delayed keys, refuses new ones', async () => {
    const { queue, scheduler } = setup();
    const waiting = queue.get();
    const second = queue.get();
    expect(await Promise.race([waiting, settle().then(() => 'pending')])).toBe('pending');
    queue.add('a');
    expect(await waiting).toBe('a');
    queue.add('b');
    expect(await second).toBe('b');
    queue.add('c');
    queue.addAfter('d', 10);
    const stopped = queue.shutDown();
    expect(queue.length).toBe(0);
    expect(queue.delayed).toBe(0);
    expect(scheduler.pending).toBe(0);
    expect(await queue.get()).toBeUndefined();
    queue.add('e');
    queue.addRateLimited('e');
    expect(queue.length + queue.delayed).toBe(0);

    let finished = false;
    void stopped.then(() => {
      finished = true;
    });
    queue.add('a'); // refused: would otherwise be re-queued on done
    queue.done('a');
    await settle();
    expect(finished).toBe(false);
    queue.done('b');
    await stopped;
    expect(finished).toBe(true);
    expect(queue.length).toBe(0);
  });

  it('drops a key re-added during its work before shutdown', async () => {
    const { queue } = setup();
    queue.add('a');
    await queue.get();
    queue.add('a');
    const stopped = queue.shutDown();
    queue.done('a');
    await stopped;
    expect(queue.length).toBe(0);
    expect(await queue.get()).toBeUndefined();
  });
});

describe('WorkQueue age of the oldest waiting key', () => {
  it('is 0 when empty and grows with the time the first key added has waited', async () => {
    const { scheduler, queue } = setup();
    expect(queue.oldestWaitMs()).toBe(0);
    queue.add('a');
    await scheduler.advance(300);
    queue.add('b');
    queue.add('a'); // already queued: keeps its first add time
    await scheduler.advance(200);
    expect(queue.oldestWaitMs()).toBe(500);
    expect(await queue.get()).toBe('a');
    expect(queue.oldestWaitMs()).toBe(200);
    expect(await queue.get()).toBe('b');
    expect(queue.oldestWaitMs()).toBe(0);
  });

  it('counts a delayed key from when its delay ends, not from addAfter', async () => {
    const { scheduler, queue } = setup();
    queue.addAfter('a', 1_000);
    await scheduler.advance(1_000);
    expect(queue.oldestWaitMs()).toBe(0);
    await scheduler.advance(50);
    expect(queue.oldestWaitMs()).toBe(50);
  });

  it('counts a key re-added during its work from the re-add, and forgets keys cleared', async () => {
    const { scheduler, queue } = setup();
    queue.add('a');
    await queue.get();
    await scheduler.advance(100);
    queue.add('a');
    await scheduler.advance(40);
    expect(queue.oldestWaitMs()).toBe(40);
    queue.clear();
    queue.add('b');
    expect(queue.oldestWaitMs()).toBe(0);
  });
});
