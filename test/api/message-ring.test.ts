import { describe, expect, it } from 'vitest';
import { MessageRing } from '../../src/api/watch/message-ring.ts';

const message = (sequence: number, bytes = 10) => ({ sequence, bytes: Buffer.alloc(bytes) });

describe('MessageRing', () => {
  it('gives the messages after a sequence it still holds all that followed of', () => {
    const ring = new MessageRing(3, 1_000, 0);
    for (let sequence = 1; sequence <= 5; sequence += 1) ring.push(message(sequence));
    // 3, 4, 5 are kept: a client that saw 2 or later resumes, one that saw 1 missed 2.
    expect(ring.after(2, 5)?.map((kept) => kept.sequence)).toEqual([3, 4, 5]);
    expect(ring.after(4, 5)?.map((kept) => kept.sequence)).toEqual([5]);
    expect(ring.after(5, 5)).toEqual([]);
    expect(ring.after(1, 5)).toBeUndefined();
    expect(ring.after(6, 5)).toBeUndefined();
  });

  it('keeps about maxBytes, and nothing before a cut', () => {
    const ring = new MessageRing(100, 25, 0);
    for (let sequence = 1; sequence <= 4; sequence += 1) ring.push(message(sequence));
    expect(ring.after(2, 4)?.map((kept) => kept.sequence)).toEqual([3, 4]);
    expect(ring.after(1, 4)).toBeUndefined();
    ring.cut(5);
    expect(ring.after(4, 5)).toBeUndefined();
    expect(ring.after(5, 5)).toEqual([]);
  });
});
