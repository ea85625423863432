import { type Item, num, oneOf, stringList, text } from './decode.ts';
import type { FencedWrite } from './fenced-write.ts';
import { REVISION_PARTITION, revisionKey } from './keys.ts';
import { queryPages } from './query-pages.ts';
import type { StoreContext } from './store-context.ts';
import type { RevisionRecord, RevisionResult } from './types.ts';

export const DEFAULT_REVISION_HISTORY = 20;

const RESULTS: readonly RevisionResult[] = ['applied', 'rejected', 'held-back'];

/** Adds a revision to the history and deletes those beyond the newest `keep`. */
export async function recordRevision(
  context: StoreContext,
  revision: RevisionRecord,
  fencingToken: number,
  keep = DEFAULT_REVISION_HISTORY,
): Promise<void> {
  const item = { ...revisionKey(revision.at, revision.id), ...revision };
  await context.writer.write(fencingToken, [{ kind: 'put', item }]);
  const all = await queryPages(context.doc, {
    TableName: context.table,
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': REVISION_PARTITION },
    ProjectionExpression: 'pk, sk',
    ScanIndexForward: false,
  });
  const older: FencedWrite[] = all
    .slice(keep)
    .map((old) => ({ kind: 'delete', key: { pk: text(old, 'pk'), sk: text(old, 'sk') } }));
  await context.writer.write(fencingToken, older);
}

/**
 * Adds `identity` to what the newest record of revision `id` released (deletionPolicy Retain: its
 * manifest went, the resource stayed and is no longer managed).
 */
export async function recordReleased(
  context: StoreContext,
  id: string,
  identity: string,
  fencingToken: number,
): Promise<void> {
  const newest = (await listRevisions(context)).find((revision) => revision.id === id);
  if (newest === undefined) return;
  const released = [...new Set([...(newest.released ?? []), identity])].sort();
  await context.writer.write(fencingToken, [
    { kind: 'update', key: revisionKey(newest.at, newest.id), set: { released } },
  ]);
}

/** Newest first. */
export async function listRevisions(
  context: StoreContext,
  limit = DEFAULT_REVISION_HISTORY,
): Promise<RevisionRecord[]> {
  const items = await queryPages(
    context.doc,
    {
      TableName: context.table,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': REVISION_PARTITION },
      ScanIndexForward: false,
    },
    limit,
  );
  return items.map(toRevision);
}

function toRevision(item: Item): RevisionRecord {
  return {
    id: text(item, 'id'),
    at: text(item, 'at'),
    source: text(item, 'source'),
    result: oneOf(item, 'result', RESULTS),
    errorCount: num(item, 'errorCount'),
    ...(item.released === undefined ? {} : { released: stringList(item, 'released') }),
  };
}
