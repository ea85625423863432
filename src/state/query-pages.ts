import { type DynamoDBDocumentClient, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { Item } from './decode.ts';

/**
 * Runs a query page after page until `limit` items passed the filter or the key range ends
 * (DynamoDB applies Limit before FilterExpression, so one page may hold fewer).
 */
export async function queryPages(
  doc: DynamoDBDocumentClient,
  input: QueryCommandInput,
  limit = Number.POSITIVE_INFINITY,
): Promise<Item[]> {
  const items: Item[] = [];
  let startKey: QueryCommandInput['ExclusiveStartKey'];
  do {
    const page = await doc.send(new QueryCommand({ ...input, ExclusiveStartKey: startKey }));
    for (const item of page.Items ?? []) {
      if (items.length >= limit) return items;
      items.push(item);
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey !== undefined && items.length < limit);
  return items;
}

/** Up to `limit` items of one partition, newest (highest sort key) first. */
export function newestInPartition(
  doc: DynamoDBDocumentClient,
  table: string,
  partition: string,
  limit: number,
): Promise<Item[]> {
  return queryPages(
    doc,
    {
      TableName: table,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': partition },
      ScanIndexForward: false,
    },
    limit,
  );
}
