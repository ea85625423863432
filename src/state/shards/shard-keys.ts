import type { ItemKey } from '../keys.ts';

/** Heartbeats of the replicas sharing shards share one partition, one item per replica. */
export const REPLICA_PARTITION = 'REPLICA';

export function replicaKey(replicaId: string): ItemKey {
  return { pk: REPLICA_PARTITION, sk: replicaId };
}

/** The lease (and so the fencing token) of one shard; the leader election's default name is `leader`. */
export function shardLeaseName(shard: string): string {
  return `shard:${shard}`;
}
