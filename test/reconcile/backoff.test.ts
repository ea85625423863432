import { describe, expect, it } from 'vitest';
import { PerKeyBackoff } from '../../src/reconcile/backoff.ts';

const fixed = (value: number) => () => value;

describe('PerKeyBackoff', () => {
  it('doubles from 1 s up to the 5 minute cap by default, per key', () => {
    const backoff = new PerKeyBackoff<string>({ jitter: 'none' });
    const delays = Array.from({ length: 12 }, () => backoff.next('a'));
    expect(delays).toEqual([
      1000, 2000, 4000, 8000, 16000, 32000, 64000, 128000, 256000, 300000, 300000, 300000,
    ]);
    expect(backoff.next('b')).toBe(1000);
    expect(backoff.failures('a')).toBe(12);
  });

  it('stays at the cap after very many failures', () => {
    const backoff = new PerKeyBackoff<string>({ jitter: 'none', baseMs: 5, capMs: 1000 });
    for (let i = 0; i < 2000; i += 1) backoff.next('k');
    expect(backoff.next('k')).toBe(1000);
  });

  it('forget resets a key', () => {
    const backoff = new PerKeyBackoff<string>({ jitter: 'none' });
    backoff.next('a');
    backoff.next('a');
    backoff.forget('a');
    expect(backoff.failures('a')).toBe(0);
    expect(backoff.next('a')).toBe(1000);
  });

  it('full jitter spans [0, d]', () => {
    expect(new PerKeyBackoff<string>({ jitter: 'full', random: fixed(0) }).next('a')).toBe(0);
    const high = new PerKeyBackoff<string>({ jitter: 'full', random: fixed(0.999) });
    high.next('a');
    expect(high.next('a')).toBeCloseTo(1998, 6);
  });

  it('equal jitter (the default) spans [d/2, d]', () => {
    const low = new PerKeyBackoff<string>({ random: fixed(0) });
    expect([low.next('a'), low.next('a'), low.next('a')]).toEqual([500, 1000, 2000]);
    const high = new PerKeyBackoff<string>({ random: fixed(0.999), capMs: 3000 });
    const delays = [high.next('a'), high.next('a'), high.next('a')];
    expect(delays[0]).toBeCloseTo(999.5, 6);
    expect(delays[2]).toBeCloseTo(2998.5, 6);
  });

  it('keeps jittered delays within bounds for any random draw', () => {
    const draws = [0, 0.1, 0.5, 0.9, 0.999999];
    for (const jitter of ['full', 'equal'] as const) {
      for (const draw of draws) {
        const backoff = new PerKeyBackoff<string>({ jitter, random: fixed(draw), baseMs: 100, capMs: 1000 });
        for (let failure = 0; failure < 8; failure += 1) {
          const ceiling = Math.min(1000, 100 * 2 ** failure);
          const delay = backoff.next('k');
          expect(delay).toBeGreaterThanOrEqual(jitter === 'full' ? 0 : ceiling / 2);
          expect(delay).toBeLessThanOrEqual(ceiling);
        }
      }
    }
  });

  it('rejects bad options with the expectation', () => {
    expect(() => new PerKeyBackoff({ baseMs: 0 })).toThrow(
      'Expected `baseMs` to be a finite number > 0, got 0',
    );
    expect(() => new PerKeyBackoff({ capMs: Number.NaN })).toThrow('Expected `capMs`');
    expect(() => new PerKeyBackoff({ baseMs: 10, capMs: 5 })).toThrow(
      'Expected `capMs` to be >= baseMs (10), got 5',
    );
  });
});
