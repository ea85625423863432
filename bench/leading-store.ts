import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ensureTable, LeaseManager, StateStore } from '../src/state/index.ts';

/**
 * A state table whose lease this process holds, renewed all along as the operator's is (seeding
 * thousands of statuses outlasts the renew deadline); `token` fences the writes.
 */
export async function leadingStateStore(
  client: DynamoDBClient,
  table: string,
): Promise<{ store: StateStore; lease: LeaseManager; token: number }> {
  await ensureTable(client, table);
  const store = new StateStore({ client, table, fenceMode: 'check-then-write' });
  const lease = new LeaseManager({ client, table, holderId: 'bench' });
  await lease.tryAcquireOrRenew();
  lease.start();
  return { store, lease, token: lease.fencingToken() ?? 0 };
}
