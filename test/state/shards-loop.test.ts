import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ShardCoordinator } from '../../src/state/shards/shard-coordinator.ts';
import { createTable, startDynamo, type TestDynamo } from './dynamo.ts';

let dynamo: TestDynamo;
beforeAll(async () => {
  dynamo = await startDynamo();
});
afterAll(async () => {
  await dynamo?.close();
});

/** Polls `done` until it holds; throws after `deadlineMs` (a deadline, not an assertion on time). */
async function until(what: string, done: () => boolean, deadlineMs = 20_000): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('ShardCoordinator on its own timer', () => {
  it('shares the shards once started, and stop() hands them over and leaves nothing held', async () => {
    const table = await createTable(dynamo, 'loop');
    const shards = ['a', 'b', 'c', 'd'];
    const errors: unknown[] = [];
    const coordinator = (replicaId: string) =>
      new ShardCoordinator({
        client: dynamo.client,
        table,
        replicaId,
        shards: () => shards,
        durationMs: 3_000,
        renewDeadlineMs: 2_000,
        retryPeriodMs: 100,
        onError: (error) => errors.push(error),
      });
    const one = coordinator('one');
    const two = coordinator('two');
    one.start();
    two.start();
    try {
      await until('two shards each', () => one.held().length === 2 && two.held().length === 2);
      await two.stop();
      expect(two.held()).toEqual([]);
      await until('one holding all four', () => one.held().length === 4);
    } finally {
      await Promise.all([one.stop(), two.stop()]);
    }

    const doc = DynamoDBDocumentClient.from(dynamo.client);
    const partition = async (pk: string) =>
      (
        await doc.send(
          new QueryCommand({
            TableName: table,
            KeyConditionExpression: 'pk = :pk',
            ExpressionAttributeValues: { ':pk': pk },
            ConsistentRead: true,
          }),
        )
      ).Items ?? [];
    expect((await partition('LEASE')).map((item) => [item.sk, item.holder])).toEqual(
      shards.map((shard) => [`shard:${shard}`, '']),
    );
    expect(await partition('REPLICA')).toEqual([]);
    expect(errors).toEqual([]);
  });
});
