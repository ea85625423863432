import { DeleteCommand, type DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { ManifestInput } from '../manifest/parse.ts';
import { MANIFEST_PARTITION, queryItems } from './manifest-table.ts';

export interface PutManifestsOptions {
  /** Delete items whose file is not among the inputs. */
  readonly prune?: boolean;
  /** Default `() => new Date()`. */
  readonly now?: () => Date;
}

export interface PutManifestsResult {
  readonly created: readonly string[];
  readonly updated: readonly string[];
  readonly unchanged: readonly string[];
  readonly deleted: readonly string[];
}

/**
 * Makes the table's manifest partition hold exactly `inputs` (and, with prune, nothing else): a
 * new file is version 1, a changed one the next version, an unchanged one is not written. Every
 * write is conditional on the version it read, so a concurrent writer makes this fail, not lose
 * an update.
 */
export async function putManifests(
  doc: DynamoDBDocumentClient,
  table: string,
  inputs: readonly ManifestInput[],
  options: PutManifestsOptions = {},
): Promise<PutManifestsResult> {
  const existing = new Map((await queryItems(doc, table)).map((item) => [item.sk, item]));
  const updatedAt = (options.now?.() ?? new Date()).toISOString();
  const result = {
    created: [] as string[],
    updated: [] as string[],
    unchanged: [] as string[],
    deleted: [] as string[],
  };
  for (const { file, content } of inputs) {
    const old = existing.get(file);
    if (old !== undefined && old.content === content) {
      result.unchanged.push(file);
      continue;
    }
    await doc.send(
      new PutCommand({
        TableName: table,
        Item: { pk: MANIFEST_PARTITION, sk: file, content, version: (old?.version ?? 0) + 1, updatedAt },
        ...(old === undefined
          ? { ConditionExpression: 'attribute_not_exists(pk)' }
          : {
              ConditionExpression: '#version = :seen',
              ExpressionAttributeNames: { '#version': 'version' },
              ExpressionAttributeValues: { ':seen': old.version },
            }),
      }),
    );
    (old === undefined ? result.created : result.updated).push(file);
  }
  if (options.prune === true) {
    const files = new Set(inputs.map((input) => input.file));
    for (const item of existing.values()) {
      if (files.has(item.sk)) continue;
      await doc.send(
        new DeleteCommand({
          TableName: table,
          Key: { pk: MANIFEST_PARTITION, sk: item.sk },
          ConditionExpression: '#version = :seen',
          ExpressionAttributeNames: { '#version': 'version' },
          ExpressionAttributeValues: { ':seen': item.version },
        }),
      );
      result.deleted.push(item.sk);
    }
  }
  return result;
}
