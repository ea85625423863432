import type { ItemKey } from './keys.ts';

/** One write to the state table, before fencing is added to it. */
export type FencedWrite =
  | { readonly kind: 'put'; readonly item: ItemKey & Readonly<Record<string, unknown>> }
  /** Fields set to `undefined` are removed from the item. */
  | { readonly kind: 'update'; readonly key: ItemKey; readonly set: Readonly<Record<string, unknown>> }
  | { readonly kind: 'delete'; readonly key: ItemKey };

/** The attribute every fenced item carries: the token of the last writer. */
export const FENCE_ATTRIBUTE = 'fence';

/** The parts of a DynamoDB write request that fencing adds or builds. */
export interface WriteRequest {
  readonly Key?: ItemKey;
  readonly Item?: Record<string, unknown>;
  readonly UpdateExpression?: string;
  readonly ConditionExpression: string;
  readonly ExpressionAttributeNames: Record<string, string>;
  readonly ExpressionAttributeValues?: Record<string, unknown>;
}

/**
 * A write never lands on an item that a newer leader (a larger token) already wrote; this holds
 * even where transactions are not available.
 */
export function toWriteRequest(write: FencedWrite, token: number): WriteRequest {
  const names: Record<string, string> = { '#fence': FENCE_ATTRIBUTE };
  const values: Record<string, unknown> = { ':fence': token };
  const condition = 'attribute_not_exists(#fence) OR #fence <= :fence';
  switch (write.kind) {
    case 'put':
      return {
        Item: { ...withoutUndefined(write.item), [FENCE_ATTRIBUTE]: token },
        ConditionExpression: condition,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      };
    case 'delete':
      return {
        Key: { pk: write.key.pk, sk: write.key.sk },
        ConditionExpression: condition,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      };
    case 'update': {
      const sets = ['#fence = :fence'];
      const removes: string[] = [];
      Object.entries(write.set).forEach(([field, value], index) => {
        names[`#f${index}`] = field;
        if (value === undefined) {
          removes.push(`#f${index}`);
        } else {
          values[`:v${index}`] = value;
          sets.push(`#f${index} = :v${index}`);
        }
      });
      const remove = removes.length > 0 ? ` REMOVE ${removes.join(', ')}` : '';
      return {
        Key: { pk: write.key.pk, sk: write.key.sk },
        UpdateExpression: `SET ${sets.join(', ')}${remove}`,
        ConditionExpression: condition,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      };
    }
  }
}

function withoutUndefined(item: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(item).filter(([, value]) => value !== undefined));
}
