import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { localClientConfig } from '../../src/local/client-config.ts';
import { type LocalDynamoDb, startLocalDynamoDb } from '../../src/local/dynamodb.ts';
import type { Clock } from '../../src/state/clock.ts';
import { LeaseManager, type LeaseManagerOptions } from '../../src/state/lease.ts';
import { ensureTable } from '../../src/state/table.ts';

export interface TestDynamo {
  readonly local: LocalDynamoDb;
  readonly client: DynamoDBClient;
  close(): Promise<void>;
}

let tables = 0;

/** A fresh table name, so tests in one file do not see each other's items. */
export function tableName(prefix = 'state'): string {
  tables += 1;
  return `${prefix}-${tables}`;
}

/** dynalite in this process (src/local/dynamodb.ts) and a real SDK client pointed at it. */
export async function startDynamo(): Promise<TestDynamo> {
  const local = await startLocalDynamoDb();
  const client = new DynamoDBClient(localClientConfig(local.endpoint, 'us-east-1'));
  return {
    local,
    client,
    close: async () => {
      client.destroy();
      await local.close();
    },
  };
}

export async function createTable(dynamo: TestDynamo, prefix?: string): Promise<string> {
  const table = tableName(prefix);
  await ensureTable(dynamo.client, table);
  return table;
}

/** Time that moves only when the test says so. */
export class ManualClock implements Clock {
  #now: number;

  constructor(start = Date.parse('2026-11-28T12:00:00Z')) {
    this.#now = start;
  }

  now(): number {
    return this.#now;
  }

  advance(ms: number): void {
    this.#now += ms;
  }
}

/** Takes the lease for a store test and returns the fencing token to write with. */
export async function leadingToken(
  client: DynamoDBClient,
  table: string,
  options: Partial<LeaseManagerOptions> = {},
): Promise<{ lease: LeaseManager; token: number }> {
  const lease = new LeaseManager({ client, table, holderId: 'writer', clock: new ManualClock(), ...options });
  if (!(await lease.tryAcquireOrRenew())) throw new Error('the test could not take the lease');
  const token = lease.fencingToken();
  if (token === undefined) throw new Error('leading without a fencing token');
  return { lease, token };
}
