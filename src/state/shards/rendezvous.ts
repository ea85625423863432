import { createHash } from 'node:crypto';

/**
 * Rendezvous (highest-random-weight) hashing: every (shard, replica) pair gets a weight that any
 * replica computes alike, and a shard prefers the replica of highest weight. A replica joining or
 * leaving changes only the pairs it is part of, so the preferences of other shards stay put.
 */
export function rendezvousWeight(shard: string, replica: string): number {
  // 48 bits of SHA-256: exact in a double, stable across processes and versions of Node.
  return createHash('sha256').update(shard).update('\0').update(replica).digest().readUIntBE(0, 6);
}

/** Heaviest pair first; equal weights (practically never) by shard, then replica name. */
export function byWeight(
  a: { readonly shard: string; readonly replica: string; readonly weight: number },
  b: { readonly shard: string; readonly replica: string; readonly weight: number },
): number {
  return b.weight - a.weight || compareText(a.shard, b.shard) || compareText(a.replica, b.replica);
}

export function compareText(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}
