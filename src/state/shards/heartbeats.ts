import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  QueryCommand,
  type QueryCommandInput,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { num, text } from '../decode.ts';
import { TTL_ATTRIBUTE } from '../table.ts';
import { REPLICA_PARTITION, replicaKey } from './shard-keys.ts';

/** A replica's heartbeat item: `beat` grows by one on every write. */
export interface Heartbeat {
  readonly replicaId: string;
  readonly beat: number;
  /** Epoch seconds, the table's TTL attribute: DynamoDB deletes the items of replicas gone for good. */
  readonly expiresAt: number;
}

/** Long enough that clocks never disagree by as much; only for cleaning up. */
export const HEARTBEAT_TTL_SECONDS = 3_600;

export interface HeartbeatTable {
  readonly doc: DynamoDBDocumentClient;
  readonly table: string;
  /** A call never outlives this (the renew deadline of the leases). */
  readonly callTimeoutMs: number;
}

export async function writeHeartbeat(
  target: HeartbeatTable,
  replicaId: string,
  wallNow: number,
): Promise<void> {
  await target.doc.send(
    new UpdateCommand({
      TableName: target.table,
      Key: replicaKey(replicaId),
      UpdateExpression: 'SET replicaId = :id, heartbeatAt = :now, #expires = :expires ADD beat :one',
      ExpressionAttributeNames: { '#expires': TTL_ATTRIBUTE },
      ExpressionAttributeValues: {
        ':id': replicaId,
        ':now': wallNow,
        ':expires': Math.floor(wallNow / 1_000) + HEARTBEAT_TTL_SECONDS,
        ':one': 1,
      },
    }),
    callOptions(target),
  );
}

/** Every heartbeat item, read consistently (a replica's own last write is always in it). */
export async function readHeartbeats(target: HeartbeatTable): Promise<Heartbeat[]> {
  const heartbeats: Heartbeat[] = [];
  let startKey: QueryCommandInput['ExclusiveStartKey'];
  do {
    const page = await target.doc.send(
      new QueryCommand({
        TableName: target.table,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': REPLICA_PARTITION },
        ConsistentRead: true,
        ExclusiveStartKey: startKey,
      }),
      callOptions(target),
    );
    for (const item of page.Items ?? []) {
      heartbeats.push({
        replicaId: text(item, 'replicaId'),
        beat: num(item, 'beat'),
        expiresAt: num(item, TTL_ATTRIBUTE),
      });
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey !== undefined);
  return heartbeats;
}

/** A replica leaving on purpose removes its heartbeat, so the others rebalance at once. */
export async function deleteHeartbeat(target: HeartbeatTable, replicaId: string): Promise<void> {
  await target.doc.send(
    new DeleteCommand({ TableName: target.table, Key: replicaKey(replicaId) }),
    callOptions(target),
  );
}

function callOptions(target: HeartbeatTable): { abortSignal: AbortSignal } {
  return { abortSignal: AbortSignal.timeout(target.callTimeoutMs) };
}
