import { type Item, text } from './decode.ts';
import { INTENT_PARTITION, intentKey } from './keys.ts';
import { queryPages } from './query-pages.ts';
import type { StoreContext } from './store-context.ts';

/**
 * A create of several calls, begun: written before the first call and deleted after the last, so
 * that a resource the first call made, and no later call marked, is known as Shipshape's.
 */
export interface CreateIntent {
  readonly identity: string;
  /** ISO 8601. */
  readonly at: string;
}

export async function putIntent(
  context: StoreContext,
  intent: CreateIntent,
  fencingToken: number,
): Promise<void> {
  await context.writer.write(fencingToken, [
    { kind: 'put', item: { ...intentKey(intent.identity), ...intent } },
  ]);
}

export async function deleteIntent(
  context: StoreContext,
  identity: string,
  fencingToken: number,
): Promise<void> {
  await context.writer.write(fencingToken, [{ kind: 'delete', key: intentKey(identity) }]);
}

export async function listIntents(context: StoreContext): Promise<CreateIntent[]> {
  const items = await queryPages(context.doc, {
    TableName: context.table,
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': INTENT_PARTITION },
  });
  return items.map((item: Item) => ({ identity: text(item, 'identity'), at: text(item, 'at') }));
}
