import { type DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { type CommitRecord, serialiseCommitRecord } from './commit-record.ts';
import { COMMIT_HEAD, COMMIT_PARTITION, readTableHead, tableRecordName } from './table-commit.ts';

/** Another writer committed since this one read the record in force. */
export class CommitConflictError extends Error {
  override readonly name = 'CommitConflictError';
}

/**
 * Writes `record` as the table's commit, on condition that the record in force is still `parent`
 * (none when undefined), so that two writers cannot interleave: the loser gets a CommitConflictError
 * naming the commit that won.
 */
export async function writeTableHead(
  doc: DynamoDBDocumentClient,
  table: string,
  record: CommitRecord,
  parent: string | undefined,
): Promise<void> {
  try {
    await doc.send(
      new PutCommand({
        TableName: table,
        Item: { pk: COMMIT_PARTITION, sk: COMMIT_HEAD, id: record.id, record: serialiseCommitRecord(record) },
        ...(parent === undefined
          ? { ConditionExpression: 'attribute_not_exists(pk)' }
          : {
              ConditionExpression: '#id = :parent',
              ExpressionAttributeNames: { '#id': 'id' },
              ExpressionAttributeValues: { ':parent': parent },
            }),
      }),
    );
  } catch (error) {
    if (!(error instanceof Error && error.name === 'ConditionalCheckFailedException')) throw error;
    const winner = await readTableHead(doc, table).catch(() => undefined);
    const now =
      winner === undefined
        ? 'none'
        : `commit ${winner.record.id} by ${winner.record.author || '(no author)'}`;
    throw new CommitConflictError(
      `${tableRecordName(table)}: another writer committed first (the record in force is now ` +
        `${now}, this commit expected ` +
        `${parent === undefined ? 'none' : `commit ${parent}`}); commit ${record.id} was not made, ` +
        'run put-manifests again to commit on top of it',
      { cause: error },
    );
  }
}
