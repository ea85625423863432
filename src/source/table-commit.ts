import { type DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { type CommitRecord, CommitRecordError, parseCommitRecord } from './commit-record.ts';

/**
 * The manifests table's commit record: one item outside the manifest partition, written last by
 * `put-manifests` (table-commit-write.ts, kept apart: `serve` only reads it). A source that finds it reads only the manifest items it names.
 *   pk: 'commit'   sk: 'head'   id: the commit id   record: the record's JSON (commit-record.ts)
 */
export const COMMIT_PARTITION = 'commit';
export const COMMIT_HEAD = 'head';

/** How a table's commit record is named in messages. */
export function tableRecordName(table: string): string {
  return `dynamodb://${table} (pk "${COMMIT_PARTITION}", sk "${COMMIT_HEAD}")`;
}

export interface TableHead {
  /** The record's JSON as stored: the same text read again is the same commit. */
  readonly text: string;
  readonly record: CommitRecord;
}

/** The commit record, strongly consistent, or undefined when the table has none; throws naming the item and field. */
export async function readTableHead(
  doc: DynamoDBDocumentClient,
  table: string,
  signal?: AbortSignal,
): Promise<TableHead | undefined> {
  const item = await readHeadItem(doc, table, signal);
  if (item === undefined) return undefined;
  const where = tableRecordName(table);
  if (typeof item.record !== 'string') throw new CommitRecordError(`${where}: "record" must be a string`);
  return { text: item.record, record: parseCommitRecord(item.record, `${where} record`) };
}

/** Only the id of the record in force, however the rest of it reads: what the next commit's condition needs. */
export async function readTableHeadId(
  doc: DynamoDBDocumentClient,
  table: string,
): Promise<string | undefined> {
  const item = await readHeadItem(doc, table);
  return typeof item?.id === 'string' ? item.id : undefined;
}

async function readHeadItem(
  doc: DynamoDBDocumentClient,
  table: string,
  signal?: AbortSignal,
): Promise<Record<string, unknown> | undefined> {
  const { Item } = await doc.send(
    new GetCommand({
      TableName: table,
      Key: { pk: COMMIT_PARTITION, sk: COMMIT_HEAD },
      ConsistentRead: true,
    }),
    signal === undefined ? {} : { abortSignal: signal },
  );
  return Item;
}
