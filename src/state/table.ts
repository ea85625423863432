import {
  CreateTableCommand,
  DescribeTableCommand,
  type DynamoDBClient,
  ResourceInUseException,
  ResourceNotFoundException,
  UpdateTimeToLiveCommand,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';
import { EVENTS_INDEX } from './keys.ts';

/** The attribute DynamoDB's TTL reads: epoch seconds. */
export const TTL_ATTRIBUTE = 'expiresAt';

export interface EnsureTableResult {
  readonly created: boolean;
  /** `unsupported` on DynamoDB implementations without UpdateTimeToLive (dynalite). */
  readonly ttl: 'enabled' | 'unsupported';
}

/**
 * Creates the state table when it does not exist (and waits until it is ACTIVE); an existing
 * table is left as it is. Safe to call from several replicas at once.
 */
export async function ensureTable(
  client: DynamoDBClient,
  tableName: string,
  options: { readonly maxWaitSeconds?: number } = {},
): Promise<EnsureTableResult> {
  const created = (await tableExists(client, tableName)) ? false : await createTable(client, tableName);
  await waitUntilTableExists(
    { client, maxWaitTime: options.maxWaitSeconds ?? 120 },
    { TableName: tableName },
  );
  return { created, ttl: await enableTtl(client, tableName) };
}

async function tableExists(client: DynamoDBClient, tableName: string): Promise<boolean> {
  try {
    await client.send(new DescribeTableCommand({ TableName: tableName }));
    return true;
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return false;
    throw error;
  }
}

async function createTable(client: DynamoDBClient, tableName: string): Promise<boolean> {
  try {
    await client.send(
      new CreateTableCommand({
        TableName: tableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [
          { AttributeName: 'pk', AttributeType: 'S' },
          { AttributeName: 'sk', AttributeType: 'S' },
          { AttributeName: 'gsi1pk', AttributeType: 'S' },
          { AttributeName: 'gsi1sk', AttributeType: 'S' },
        ],
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: [
          {
            IndexName: EVENTS_INDEX,
            KeySchema: [
              { AttributeName: 'gsi1pk', KeyType: 'HASH' },
              { AttributeName: 'gsi1sk', KeyType: 'RANGE' },
            ],
            Projection: { ProjectionType: 'ALL' },
          },
        ],
      }),
    );
    return true;
  } catch (error) {
    // Another replica created it between our describe and create.
    if (error instanceof ResourceInUseException) return false;
    throw error;
  }
}

async function enableTtl(client: DynamoDBClient, tableName: string): Promise<EnsureTableResult['ttl']> {
  try {
    await client.send(
      new UpdateTimeToLiveCommand({
        TableName: tableName,
        TimeToLiveSpecification: { AttributeName: TTL_ATTRIBUTE, Enabled: true },
      }),
    );
    return 'enabled';
  } catch (error) {
    if (errorName(error) === 'UnknownOperationException') return 'unsupported';
    // Already enabled: AWS answers ValidationException "TimeToLive is already enabled".
    if (errorName(error) === 'ValidationException' && /already enabled/i.test(errorMessage(error)))
      return 'enabled';
    throw error;
  }
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : '';
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : '';
}
