import { byWeight, compareText, rendezvousWeight } from './rendezvous.ts';

export interface ShareView {
  readonly shards: readonly string[];
  /** The live replicas, this one included. */
  readonly replicas: readonly string[];
  /** Who holds each shard now, by the lease items; holders that are not live replicas are ignored. */
  readonly holders: ReadonlyMap<string, string>;
}

/**
 * Which live replica should hold each shard. With M shards and N replicas every replica gets
 * floor(M / N) or ceil(M / N). A replica keeps what it holds up to its share (its heaviest
 * shards by rendezvous weight), so a join or a leave moves only the shards that have to move;
 * the other shards go to the heaviest replica that still has room. Replicas that see the same
 * view compute the same answer.
 */
export function assignShards(view: ShareView): Map<string, string> {
  const shards = [...new Set(view.shards)].sort(compareText);
  const replicas = [...new Set(view.replicas)].sort(compareText);
  const assignment = new Map<string, string>();
  if (shards.length === 0 || replicas.length === 0) return assignment;
  const room = quotas(shards, replicas, view.holders);

  for (const replica of replicas) {
    const kept = shards
      .filter((shard) => view.holders.get(shard) === replica)
      .map((shard) => weighted(shard, replica))
      .sort(byWeight)
      .slice(0, room.get(replica));
    for (const { shard } of kept) assignment.set(shard, replica);
    room.set(replica, (room.get(replica) ?? 0) - kept.length);
  }

  const candidates = shards
    .filter((shard) => !assignment.has(shard))
    .flatMap((shard) => replicas.map((replica) => weighted(shard, replica)))
    .sort(byWeight);
  for (const { shard, replica } of candidates) {
    const left = room.get(replica) ?? 0;
    if (assignment.has(shard) || left === 0) continue;
    assignment.set(shard, replica);
    room.set(replica, left - 1);
  }
  return assignment;
}

/** floor(M / N) each, and one more for M mod N of them: those holding most now, so fewer shards move. */
function quotas(
  shards: readonly string[],
  replicas: readonly string[],
  holders: ReadonlyMap<string, string>,
): Map<string, number> {
  const base = Math.floor(shards.length / replicas.length);
  const extra = shards.length % replicas.length;
  const held = new Map<string, number>();
  for (const shard of shards) {
    const holder = holders.get(shard);
    if (holder !== undefined) held.set(holder, (held.get(holder) ?? 0) + 1);
  }
  const order = [...replicas].sort((a, b) => (held.get(b) ?? 0) - (held.get(a) ?? 0) || compareText(a, b));
  return new Map(order.map((replica, index) => [replica, base + (index < extra ? 1 : 0)]));
}

function weighted(shard: string, replica: string): { shard: string; replica: string; weight: number } {
  return { shard, replica, weight: rendezvousWeight(shard, replica) };
}
