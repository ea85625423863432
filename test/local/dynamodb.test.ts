import {
  ConditionalCheckFailedException,
  CreateTableCommand,
  DescribeTimeToLiveCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  UpdateTimeToLiveCommand,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localClientConfig } from '../../src/local/client-config.ts';
import { type LocalDynamoDb, startLocalDynamoDb } from '../../src/local/dynamodb.ts';
import { isListening } from './listening.ts';

const TABLE = 'state';

describe('local DynamoDB (dynalite)', () => {
  let local: LocalDynamoDb;
  let client: DynamoDBClient;

  beforeAll(async () => {
    local = await startLocalDynamoDb();
    client = new DynamoDBClient(localClientConfig(local.endpoint, 'us-east-1'));
    await client.send(
      new CreateTableCommand({
        TableName: TABLE,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [
          { AttributeName: 'pk', AttributeType: 'S' },
          { AttributeName: 'sk', AttributeType: 'S' },
        ],
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
      }),
    );
    await waitUntilTableExists({ client, maxWaitTime: 30 }, { TableName: TABLE });
  });

  afterAll(async () => {
    client?.destroy();
    await local?.close();
  });

  it('listens on 127.0.0.1 on a free port', () => {
    expect(local.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(local.endpoint).not.toMatch(/:0$/);
  });

  it('creates an item only once with attribute_not_exists', async () => {
    const put = () =>
      client.send(
        new PutItemCommand({
          TableName: TABLE,
          Item: { pk: { S: 'lease' }, sk: { S: 'leader' }, holder: { S: 'a' }, version: { N: '1' } },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    await put();
    await expect(put()).rejects.toBeInstanceOf(ConditionalCheckFailedException);
  });

  it('rejects a write whose version check fails and accepts the one that matches', async () => {
    const takeOver = (expected: string, holder: string) =>
      client.send(
        new PutItemCommand({
          TableName: TABLE,
          Item: { pk: { S: 'lease' }, sk: { S: 'leader' }, holder: { S: holder }, version: { N: '2' } },
          ConditionExpression: '#version = :expected',
          ExpressionAttributeNames: { '#version': 'version' },
          ExpressionAttributeValues: { ':expected': { N: expected } },
        }),
      );
    const stale = await takeOver('7', 'stale').catch((error: unknown) => error);
    expect(stale).toBeInstanceOf(ConditionalCheckFailedException);
    expect((stale as ConditionalCheckFailedException).name).toBe('ConditionalCheckFailedException');
    await takeOver('1', 'b');

    const read = await client.send(
      new GetItemCommand({
        TableName: TABLE,
        Key: { pk: { S: 'lease' }, sk: { S: 'leader' } },
        ConsistentRead: true,
      }),
    );
    expect(read.Item).toEqual({
      pk: { S: 'lease' },
      sk: { S: 'leader' },
      holder: { S: 'b' },
      version: { N: '2' },
    });
  });

  it('queries a partition by sort key prefix, in sort key order', async () => {
    for (const sk of ['event#003', 'event#001', 'status', 'event#002']) {
      await client.send(
        new PutItemCommand({ TableName: TABLE, Item: { pk: { S: 'svc#web' }, sk: { S: sk } } }),
      );
    }
    const result = await client.send(
      new QueryCommand({
        TableName: TABLE,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': { S: 'svc#web' }, ':prefix': { S: 'event#' } },
        ScanIndexForward: false,
      }),
    );
    expect(result.Items?.map((item) => item.sk?.S)).toEqual(['event#003', 'event#002', 'event#001']);
  });

  it('reports TTL as disabled and does not implement UpdateTimeToLive (a dynalite limit)', async () => {
    const described = await client.send(new DescribeTimeToLiveCommand({ TableName: TABLE }));
    expect(described.TimeToLiveDescription?.TimeToLiveStatus).toBe('DISABLED');
    const update = client.send(
      new UpdateTimeToLiveCommand({
        TableName: TABLE,
        TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
      }),
    );
    await expect(update).rejects.toMatchObject({ name: 'UnknownOperationException' });
  });

  it('stops listening after close, and close can be called again', async () => {
    const other = await startLocalDynamoDb();
    expect(await isListening(other.endpoint)).toBe(true);
    await other.close();
    await other.close();
    expect(await isListening(other.endpoint)).toBe(false);
  });
});
