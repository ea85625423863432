import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureTable } from '../../src/state/table.ts';
import { startDynamo, type TestDynamo, tableName } from './dynamo.ts';

describe('ensureTable', () => {
  let dynamo: TestDynamo;

  beforeAll(async () => {
    dynamo = await startDynamo();
  });

  afterAll(async () => {
    await dynamo?.close();
  });

  it('creates the single table with pk/sk, on demand, with the events index', async () => {
    const table = tableName();
    const result = await ensureTable(dynamo.client, table);
    expect(result).toEqual({ created: true, ttl: 'unsupported' });

    const { Table } = await dynamo.client.send(new DescribeTableCommand({ TableName: table }));
    expect(Table?.TableStatus).toBe('ACTIVE');
    expect(Table?.KeySchema).toEqual([
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ]);
    expect(Table?.BillingModeSummary?.BillingMode).toBe('PAY_PER_REQUEST');
    expect(Table?.GlobalSecondaryIndexes?.map((index) => index.IndexName)).toEqual(['gsi1']);
  });

  it('is idempotent: a second call finds the table and creates nothing', async () => {
    const table = tableName();
    await ensureTable(dynamo.client, table);
    const again = await ensureTable(dynamo.client, table);
    expect(again.created).toBe(false);
  });

  it('survives several replicas creating the table at once', async () => {
    const table = tableName();
    const results = await Promise.all([1, 2, 3].map(() => ensureTable(dynamo.client, table)));
    expect(results.filter((result) => result.created).length).toBeLessThanOrEqual(1);
    const { Table } = await dynamo.client.send(new DescribeTableCommand({ TableName: table }));
    expect(Table?.TableStatus).toBe('ACTIVE');
  });
});
