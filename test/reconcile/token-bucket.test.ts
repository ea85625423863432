import { describe, expect, it } from 'vitest';
import { ManualScheduler, settle } from '../../src/reconcile/manual-scheduler.ts';
import { RateLimiters } from '../../src/reconcile/rate-limiters.ts';
import { TokenBucket } from '../../src/reconcile/token-bucket.ts';

function bucket(options: { burst?: number; rate?: number; throttleWindowMs?: number } = {}) {
  const scheduler = new ManualScheduler();
  const tokens = new TokenBucket({
    burst: options.burst ?? 2,
    ratePerSecond: options.rate ?? 10,
    throttleWindowMs: options.throttleWindowMs ?? 0,
    scheduler,
  });
  return { scheduler, tokens };
}

/** Starts `count` takes and records when each resolves. */
function takeMany(tokens: TokenBucket, scheduler: ManualScheduler, count: number): number[] {
  const times: number[] = [];
  for (let i = 0; i < count; i += 1) void tokens.take().then(() => times.push(scheduler.now()));
  return times;
}

describe('TokenBucket waiting', () => {
  it('gives the burst at once, then one token per 1/rate seconds, in order', async () => {
    const { scheduler, tokens } = bucket({ burst: 2, rate: 10 });
    const times = takeMany(tokens, scheduler, 5);
    await settle();
    expect(times).toEqual([0, 0]);
    expect(tokens.waiting).toBe(3);
    await scheduler.advance(99);
    expect(times).toHaveLength(2);
    await scheduler.advance(1);
    expect(times).toEqual([0, 0, 100]);
    await scheduler.advance(200);
    expect(times).toEqual([0, 0, 100, 200, 300]);
    expect(tokens.waiting).toBe(0);
    expect(scheduler.pending).toBe(0);
  });

  it('waits whole milliseconds so a fractional pace always makes progress', async () => {
    const scheduler = new ManualScheduler(1e12);
    const tokens = new TokenBucket({ burst: 1, ratePerSecond: 3, scheduler });
    const times = takeMany(tokens, scheduler, 4);
    await scheduler.advance(1002);
    const offsets = times.map((time) => time - 1e12);
    expect(offsets).toHaveLength(4);
    offsets.forEach((offset, i) => {
      expect(Number.isInteger(offset)).toBe(true);
      expect(offset).toBeGreaterThanOrEqual((i * 1000) / 3); // never ahead of the rate
    });
  });

  it('refills up to the burst only', async () => {
    const { scheduler, tokens } = bucket({ burst: 3, rate: 10 });
    await scheduler.advance(60_000);
    expect(tokens.tokens).toBe(3);
    const times = takeMany(tokens, scheduler, 4);
    await settle();
    expect(times).toHaveLength(3);
  });

  it('an aborted take rejects with the reason and frees its place', async () => {
    const { scheduler, tokens } = bucket({ burst: 1, rate: 1 });
    await tokens.take();
    const controller = new AbortController();
    const aborted = tokens.take(controller.signal);
    const times = takeMany(tokens, scheduler, 1);
    controller.abort(new Error('gave up'));
    await expect(aborted).rejects.toThrow('gave up');
    expect(tokens.waiting).toBe(1);
    await scheduler.advance(1000);
    expect(times).toEqual([1000]);
    const already = AbortSignal.abort(new Error('before'));
    await expect(tokens.take(already)).rejects.toThrow('before');
  });

  it('setRate changes the pace of waiters already queued', async () => {
    const { scheduler, tokens } = bucket({ burst: 1, rate: 1 });
    await tokens.take();
    const times = takeMany(tokens, scheduler, 1);
    await scheduler.advance(500);
    tokens.setRate(10);
    expect(tokens.rate).toBe(10);
    expect(tokens.configuredRate).toBe(10);
    await scheduler.advance(50);
    expect(times).toEqual([550]);
  });
});

describe('TokenBucket adaptive rate', () => {
  it('halves on throttling down to the floor (1/16 of the rate by default)', () => {
    const { tokens } = bucket({ rate: 16 });
    const rates = Array.from({ length: 6 }, () => {
      tokens.onThrottled();
      return tokens.rate;
    });
    expect(rates).toEqual([8, 4, 2, 1, 1, 1]);
  });

  it('recovers by steps of 1/10 of the configured rate, never above it', () => {
    const { tokens } = bucket({ rate: 20 });
    tokens.onThrottled();
    tokens.onThrottled();
    expect(tokens.rate).toBe(5);
    const rates = Array.from({ length: 9 }, () => {
      tokens.onSuccess();
      return tokens.rate;
    });
    expect(rates).toEqual([7, 9, 11, 13, 15, 17, 19, 20, 20]);
  });

  it('counts throttling answers within the window once', async () => {
    const { scheduler, tokens } = bucket({ rate: 16, throttleWindowMs: 1000 });
    tokens.onThrottled();
    tokens.onThrottled();
    tokens.onThrottled();
    expect(tokens.rate).toBe(8);
    await scheduler.advance(1000);
    tokens.onThrottled();
    expect(tokens.rate).toBe(4);
  });

  it('slows waiters down when throttled', async () => {
    const { scheduler, tokens } = bucket({ burst: 1, rate: 10 });
    await tokens.take();
    const times = takeMany(tokens, scheduler, 2);
    tokens.onThrottled();
    await scheduler.advance(1000);
    expect(times).toEqual([200, 400]);
  });

  it('rejects bad options with the expectation', () => {
    expect(() => new TokenBucket({ burst: 0, ratePerSecond: 1 })).toThrow(
      'Expected `burst` to be a finite number > 0, got 0',
    );
    expect(() => new TokenBucket({ burst: 1, ratePerSecond: -1 })).toThrow('Expected `ratePerSecond`');
    expect(() => new TokenBucket({ burst: 1, ratePerSecond: 1, floorShare: 2 })).toThrow('(0, 1]');
    expect(() => bucket().tokens.setRate(0)).toThrow('Expected `ratePerSecond`');
  });
});

describe('RateLimiters', () => {
  const table = { 'ecs:read': { burst: 50, sustained: 20 }, 'elbv2:modify': { burst: 1, sustained: 5 } };

  it('builds one bucket per group at half the published rate by default', () => {
    const limiters = new RateLimiters(table, { scheduler: new ManualScheduler() });
    expect(limiters.groups).toEqual(['ecs:read', 'elbv2:modify']);
    expect(limiters.bucket('ecs:read').rate).toBe(10);
    expect(limiters.bucket('ecs:read').burst).toBe(25);
    expect(limiters.bucket('elbv2:modify').burst).toBe(1);
  });

  it('takes a configurable share; buckets are independent', async () => {
    const scheduler = new ManualScheduler();
    const limiters = new RateLimiters(table, { share: 0.2, scheduler });
    expect(limiters.bucket('ecs:read').rate).toBe(4);
    expect(limiters.bucket('ecs:read').burst).toBe(10);
    limiters.bucket('ecs:read').onThrottled();
    expect(limiters.bucket('ecs:read').rate).toBe(2);
    expect(limiters.bucket('elbv2:modify').rate).toBe(1);
    await limiters.take('elbv2:modify');
    let second = false;
    void limiters.take('elbv2:modify').then(() => {
      second = true;
    });
    await scheduler.advance(999);
    expect(second).toBe(false);
    await scheduler.advance(1);
    expect(second).toBe(true);
  });

  it('run feeds throttling and success back to the bucket and passes results and errors through', async () => {
    const limiters = new RateLimiters(table, {
      scheduler: new ManualScheduler(),
      bucket: { throttleWindowMs: 0 },
    });
    const isThrottled = (error: unknown) => error instanceof Error && error.name === 'ThrottlingException';
    const throttled = Object.assign(new Error('slow down'), { name: 'ThrottlingException' });
    await expect(limiters.run('ecs:read', () => Promise.reject(throttled), isThrottled)).rejects.toBe(
      throttled,
    );
    expect(limiters.bucket('ecs:read').rate).toBe(5);
    await expect(
      limiters.run('ecs:read', () => Promise.reject(new Error('other')), isThrottled),
    ).rejects.toThrow('other');
    expect(limiters.bucket('ecs:read').rate).toBe(5);
    expect(await limiters.run('ecs:read', async () => 42, isThrottled)).toBe(42);
    expect(limiters.bucket('ecs:read').rate).toBe(6);
  });

  it('names the known groups when asked for an unknown one, and checks the share', () => {
    const limiters = new RateLimiters(table);
    expect(() => limiters.bucket('s3')).toThrow(
      'Expected `group` to be one of ecs:read, elbv2:modify, got "s3"',
    );
    expect(() => new RateLimiters(table, { share: 0 })).toThrow(
      'Expected `share` to be a number in (0, 1], got 0',
    );
  });
});
