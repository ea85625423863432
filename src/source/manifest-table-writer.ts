import { DeleteCommand, type DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { ManifestInput } from '../manifest/parse.ts';
import { COMMIT_FORMAT, type CommitObject, contentCommitId, sha256Hex } from './commit-record.ts';
import { MANIFEST_PARTITION, type ManifestItem, queryItems } from './manifest-table.ts';
import { readTableHeadId } from './table-commit.ts';
import { writeTableHead } from './table-commit-write.ts';

export interface PutManifestsOptions {
  /** Delete items whose file is not among the inputs (after the commit record is written). */
  readonly prune?: boolean;
  /** Default `() => new Date()`. */
  readonly now?: () => Date;
  /** Who made the commit and why, for its record; default empty. */
  readonly author?: string;
  readonly message?: string;
  /** Called once the items are written, before the record: lets tests run another writer in between. */
  readonly beforeCommit?: () => unknown;
}

export interface PutManifestsResult {
  readonly created: readonly string[];
  readonly updated: readonly string[];
  readonly unchanged: readonly string[];
  readonly deleted: readonly string[];
  /** The commit the table holds now; `written` false when the record in force already was it. */
  readonly commit: { readonly id: string; readonly parent?: string; readonly written: boolean };
}

/** An item this run wrote: what to put back if the commit is not made. */
interface Written {
  readonly file: string;
  readonly version: number;
  readonly old: ManifestItem | undefined;
}

/**
 * Makes the table hold exactly `inputs` as one commit: a new file is version 1, a changed one the
 * next version, an unchanged one is not written; then the commit record (table-commit.ts) naming
 * every input with its sha256 is written last, on condition that the record in force is still the
 * one read at the start; then, with prune, the items of files gone are deleted. Every item write is
 * conditional on the version it read. When another writer wins (an item or the record moved), the
 * items this run wrote are put back as they were, where no one changed them since, and it throws.
 */
export async function putManifests(
  doc: DynamoDBDocumentClient,
  table: string,
  inputs: readonly ManifestInput[],
  options: PutManifestsOptions = {},
): Promise<PutManifestsResult> {
  const parent = await readTableHeadId(doc, table);
  const existing = new Map((await queryItems(doc, table)).map((item) => [item.sk, item]));
  const now = options.now?.() ?? new Date();
  const updatedAt = now.toISOString();
  const result = {
    created: [] as string[],
    updated: [] as string[],
    unchanged: [] as string[],
    deleted: [] as string[],
  };
  const written: Written[] = [];
  const objects: CommitObject[] = inputs.map(({ file, content }) => ({
    key: file,
    sha256: sha256Hex(content),
    size: Buffer.byteLength(content, 'utf8'),
  }));
  const id = contentCommitId(objects);
  try {
    for (const { file, content } of inputs) {
      const old = existing.get(file);
      if (old !== undefined && old.content === content) {
        result.unchanged.push(file);
        continue;
      }
      const version = (old?.version ?? 0) + 1;
      await doc.send(
        new PutCommand({
          TableName: table,
          Item: { pk: MANIFEST_PARTITION, sk: file, content, version, updatedAt },
          ...conditionOnVersion(old?.version),
        }),
      );
      written.push({ file, version, old });
      (old === undefined ? result.created : result.updated).push(file);
    }
    if (id !== parent) {
      await options.beforeCommit?.();
      await writeTableHead(
        doc,
        table,
        {
          format: COMMIT_FORMAT,
          id,
          ...(parent === undefined ? {} : { parent }),
          author: options.author ?? '',
          message: options.message ?? '',
          time: updatedAt,
          objects,
        },
        parent,
      );
    }
  } catch (error) {
    await putBack(doc, table, written, updatedAt);
    throw error;
  }
  if (options.prune === true) {
    const files = new Set(inputs.map((input) => input.file));
    for (const item of existing.values()) {
      if (files.has(item.sk)) continue;
      await doc.send(
        new DeleteCommand({
          TableName: table,
          Key: { pk: MANIFEST_PARTITION, sk: item.sk },
          ...conditionOnVersion(item.version),
        }),
      );
      result.deleted.push(item.sk);
    }
  }
  return {
    ...result,
    commit: { id, ...(parent === undefined || parent === id ? {} : { parent }), written: id !== parent },
  };
}

function conditionOnVersion(seen: number | undefined) {
  return seen === undefined
    ? { ConditionExpression: 'attribute_not_exists(pk)' }
    : {
        ConditionExpression: '#version = :seen',
        ExpressionAttributeNames: { '#version': 'version' },
        ExpressionAttributeValues: { ':seen': seen },
      };
}

/**
 * Best effort: each item written goes back to what it held, unless another writer changed it since
 * (then theirs stays). The commit record that won names the old contents, which readers wait for.
 */
async function putBack(
  doc: DynamoDBDocumentClient,
  table: string,
  written: readonly Written[],
  updatedAt: string,
): Promise<void> {
  for (const { file, version, old } of written.toReversed()) {
    try {
      if (old === undefined) {
        await doc.send(
          new DeleteCommand({
            TableName: table,
            Key: { pk: MANIFEST_PARTITION, sk: file },
            ...conditionOnVersion(version),
          }),
        );
      } else {
        await doc.send(
          new PutCommand({
            TableName: table,
            Item: { pk: MANIFEST_PARTITION, sk: file, content: old.content, version: version + 1, updatedAt },
            ...conditionOnVersion(version),
          }),
        );
      }
    } catch {
      // Changed by the other writer: its content is the one to keep.
    }
  }
}
