import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { redactText } from '../redact/index.ts';
import { type Item, listOfMaps, map, num, oneOf, optionalText, stringList, text } from './decode.ts';
import type { FencedWrite } from './fenced-write.ts';
import { REVISION_PARTITION, revisionKey } from './keys.ts';
import { newestInPartition, queryPages } from './query-pages.ts';
import { MAX_REVISION_ERRORS, storedSourceErrors, toSourceError } from './source-errors.ts';
import type { StoreContext } from './store-context.ts';
import type { RevisionCommit, RevisionRecord, RevisionResult } from './types.ts';

export const DEFAULT_REVISION_HISTORY = 20;

const RESULTS: readonly RevisionResult[] = ['applied', 'rejected', 'held-back'];

/** Adds a revision to the history and deletes those beyond the newest `keep`. */
export async function recordRevision(
  context: StoreContext,
  revision: RevisionRecord,
  fencingToken: number,
  keep = DEFAULT_REVISION_HISTORY,
): Promise<void> {
  // A source URL could carry a password (`https://user:password@host/...`).
  const item = {
    ...revisionKey(revision.at, revision.id),
    ...revision,
    source: redactText(revision.source),
    ...(revision.errors === undefined
      ? {}
      : { errors: storedSourceErrors(revision.errors, MAX_REVISION_ERRORS) }),
    ...(revision.commit === undefined ? {} : { commit: storedCommit(revision.commit) }),
  };
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
 * Adds `identity` to what a revision record released (deletionPolicy Retain: its manifest went,
 * the resource stayed and is no longer managed). `record` is the one written for the revision in
 * force; without it (a new leader), the newest record not rejected, if it is of `id`. False when
 * there is no such record.
 */
export async function recordReleased(
  context: StoreContext,
  id: string,
  identity: string,
  fencingToken: number,
  record?: { readonly at: string; readonly id: string },
): Promise<boolean> {
  const target = record ?? (await listRevisions(context)).find((revision) => revision.result !== 'rejected');
  if (target?.id !== id) return false;
  const key = revisionKey(target.at, target.id);
  const read = await context.doc.send(new GetCommand({ TableName: context.table, Key: key }));
  if (read.Item === undefined) return false;
  const before = read.Item.released === undefined ? [] : stringList(read.Item, 'released');
  const released = [...new Set([...before, identity])].sort();
  await context.writer.write(fencingToken, [{ kind: 'update', key, set: { released } }]);
  return true;
}

/** Newest first. */
export async function listRevisions(
  context: StoreContext,
  limit = DEFAULT_REVISION_HISTORY,
): Promise<RevisionRecord[]> {
  const items = await newestInPartition(context.doc, context.table, REVISION_PARTITION, limit);
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
    ...(item.errors === undefined ? {} : { errors: listOfMaps(item, 'errors').map(toSourceError) }),
    ...(item.commit === undefined ? {} : { commit: toCommit(map(item, 'commit')) }),
  };
}

/** Empty texts are left out (an empty message is common) and read back as ''. */
function storedCommit(commit: RevisionCommit): Record<string, string> {
  // A message may quote a URL with a password in it, as a source may.
  const redacted = { ...commit, message: redactText(commit.message) };
  return Object.fromEntries(
    Object.entries(redacted).filter(([, value]) => value !== undefined && value !== ''),
  );
}

function toCommit(item: Item): RevisionCommit {
  const parent = optionalText(item, 'parent');
  return {
    id: text(item, 'id'),
    ...(parent === undefined ? {} : { parent }),
    author: optionalText(item, 'author') ?? '',
    message: optionalText(item, 'message') ?? '',
    time: text(item, 'time'),
  };
}
