import type { DynamoDBDocumentClient, QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { paginateQuery } from '@aws-sdk/lib-dynamodb';

/**
 * The manifests table (docs/SOURCES.md): one item per manifest file, all in one partition so that
 * a consistent Query reads them in key order.
 *   pk: 'manifest'   sk: the file's path   content: its YAML   version: 1, 2, ...   updatedAt: ISO 8601
 */
export const MANIFEST_PARTITION = 'manifest';

export interface ManifestItem {
  readonly sk: string;
  readonly content: string;
  readonly version: number;
  readonly updatedAt?: string;
}

export interface ManifestVersion {
  readonly sk: string;
  readonly version: number;
}

/** Every (sk, version) of the partition, strongly consistent, sorted by sk. */
export async function queryVersions(
  doc: DynamoDBDocumentClient,
  table: string,
  signal?: AbortSignal,
): Promise<ManifestVersion[]> {
  const items = await queryAll(doc, table, '#sk, #version', signal);
  return items.map((item) => ({ sk: stringField(item, 'sk'), version: numberField(item, 'version') }));
}

/** Every item of the partition with its content, strongly consistent, sorted by sk. */
export async function queryItems(
  doc: DynamoDBDocumentClient,
  table: string,
  signal?: AbortSignal,
): Promise<ManifestItem[]> {
  const items = await queryAll(doc, table, undefined, signal);
  return items.map((item) => ({
    sk: stringField(item, 'sk'),
    content: stringField(item, 'content'),
    version: numberField(item, 'version'),
    ...(typeof item.updatedAt === 'string' ? { updatedAt: item.updatedAt } : {}),
  }));
}

async function queryAll(
  doc: DynamoDBDocumentClient,
  table: string,
  projection: string | undefined,
  signal: AbortSignal | undefined,
): Promise<Record<string, unknown>[]> {
  const input: QueryCommandInput = {
    TableName: table,
    KeyConditionExpression: '#pk = :pk',
    ExpressionAttributeNames: {
      '#pk': 'pk',
      ...(projection === undefined ? {} : { '#sk': 'sk', '#version': 'version' }),
    },
    ExpressionAttributeValues: { ':pk': MANIFEST_PARTITION },
    ConsistentRead: true,
    ...(projection === undefined ? {} : { ProjectionExpression: projection }),
  };
  const items: Record<string, unknown>[] = [];
  const pages = paginateQuery(
    { client: doc, ...(signal === undefined ? {} : { abortSignal: signal }) },
    input,
  );
  for await (const page of pages) items.push(...(page.Items ?? []));
  return items;
}

function stringField(item: Record<string, unknown>, name: string): string {
  const value = item[name];
  if (typeof value !== 'string')
    throw new Error(`manifest item ${describeItem(item)}: "${name}" must be a string`);
  return value;
}

function numberField(item: Record<string, unknown>, name: string): number {
  const value = item[name];
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw new Error(`manifest item ${describeItem(item)}: "${name}" must be an integer`);
  }
  return value;
}

function describeItem(item: Record<string, unknown>): string {
  return typeof item.sk === 'string' ? item.sk : JSON.stringify(item.sk);
}
