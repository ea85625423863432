import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localClientConfig } from '../../src/local/client-config.ts';
import { type LocalDynamoDb, startLocalDynamoDb } from '../../src/local/dynamodb.ts';
import { ManualScheduler } from '../../src/reconcile/manual-scheduler.ts';
import { sha256Hex } from '../../src/source/commit-record.ts';
import { DynamoDbSource, type DynamoDbSourceOptions } from '../../src/source/dynamodb-source.ts';
import { queryItems } from '../../src/source/manifest-table.ts';
import { createManifestTable } from '../../src/source/manifest-table-create.ts';
import { type PutManifestsOptions, putManifests } from '../../src/source/manifest-table-writer.ts';
import { RevisionTracker } from '../../src/source/revision-tracker.ts';
import { CommitPendingError, SourceReadError } from '../../src/source/source-error.ts';
import { readTableHead } from '../../src/source/table-commit.ts';
import { CommitConflictError } from '../../src/source/table-commit-write.ts';
import { clusterYaml, identities } from './manifests.ts';

const WITH_INSIGHTS = '  settings: [{name: containerInsights, value: enabled}]';
let dynamodb: LocalDynamoDb;
let client: DynamoDBClient;
let doc: DynamoDBDocumentClient;
let tables = 0;
/** Calls by command name, counted on the real client. */
const calls = new Map<string, number>();

beforeAll(async () => {
  dynamodb = await startLocalDynamoDb();
  client = new DynamoDBClient(localClientConfig(dynamodb.endpoint, 'us-east-1'));
  client.middlewareStack.add(
    (next, context) => (args) => {
      const name = (context.commandName ?? 'Unknown').replace(/Command$/, '');
      calls.set(name, (calls.get(name) ?? 0) + 1);
      return next(args);
    },
    { step: 'initialize', name: 'countCalls' },
  );
  doc = DynamoDBDocumentClient.from(client);
});

afterAll(async () => {
  client?.destroy();
  await dynamodb?.close();
});

async function freshTable(): Promise<string> {
  const table = `commits-${++tables}`;
  await createManifestTable(client, table);
  return table;
}

/** A folder's worth of manifests, put as one commit. */
const put = (table: string, files: Record<string, string>, options: PutManifestsOptions = {}) =>
  putManifests(
    doc,
    table,
    Object.entries(files).map(([file, content]) => ({ file, content })),
    { author: 'ada', message: 'deploy', now: () => new Date('2026-12-04T12:00:00Z'), ...options },
  );

/** Writes one item by hand, as another writer (or a put that died before its record) would. */
const writeItem = (table: string, sk: string, content: string) =>
  doc.send(
    new UpdateCommand({
      TableName: table,
      Key: { pk: 'manifest', sk },
      UpdateExpression: 'SET content = :c ADD version :one',
      ExpressionAttributeValues: { ':c': content, ':one': 1 },
    }),
  );

const source = (table: string, extra: Partial<DynamoDbSourceOptions> = {}) =>
  new DynamoDbSource({ doc, table, ...extra });
const files = (table: string) =>
  source(table)
    .snapshot()
    .then((s) => s.inputs.map((i) => i.file));

describe('put-manifests and the DynamoDB source with a commit record', () => {
  it('writes a record naming every file, and the source reads only the items it names', async () => {
    const table = await freshTable();
    const first = await put(table, { 'a.yaml': clusterYaml('a'), 'apps/b.yaml': clusterYaml('b') });
    expect(first.commit).toMatchObject({ written: true });
    expect(first.commit.parent).toBeUndefined();
    const head = await readTableHead(doc, table);
    expect(head?.record).toMatchObject({
      id: first.commit.id,
      author: 'ada',
      message: 'deploy',
      time: '2026-12-04T12:00:00.000Z',
      objects: [
        { key: 'a.yaml', sha256: sha256Hex(clusterYaml('a')), size: clusterYaml('a').length },
        { key: 'apps/b.yaml', sha256: sha256Hex(clusterYaml('b')), size: clusterYaml('b').length },
      ],
    });
    await writeItem(table, 'stray.yaml', clusterYaml('stray'));
    const snapshot = await source(table).snapshot();
    expect(snapshot.inputs.map((i) => i.file)).toEqual(['a.yaml', 'apps/b.yaml']);
    expect(snapshot.commit).toEqual({
      id: first.commit.id,
      author: 'ada',
      message: 'deploy',
      time: '2026-12-04T12:00:00.000Z',
    });

    const again = await put(table, { 'a.yaml': clusterYaml('a'), 'apps/b.yaml': clusterYaml('b') });
    expect(again.commit).toEqual({ id: first.commit.id, written: false });
    const second = await put(table, { 'a.yaml': clusterYaml('a', WITH_INSIGHTS) });
    expect(second.commit).toMatchObject({ parent: first.commit.id, written: true });
    // Without --prune the item of apps/b.yaml stays, but it is no part of the commit.
    expect((await queryItems(doc, table)).map((i) => i.sk)).toContain('apps/b.yaml');
    expect(await files(table)).toEqual(['a.yaml']);
  });

  it('waits while a put is between its items and its record, keeping the last good revision', async () => {
    const table = await freshTable();
    const scheduler = new ManualScheduler();
    const tracker = new RevisionTracker(source(table, { scheduler, pollIntervalMs: 60_000 }));
    await put(table, { 'a.yaml': clusterYaml('a') });
    expect((await tracker.start()).kind).toBe('accepted');
    const good = tracker.current();
    // Commit X lands unseen; then commit Y's items are written over X's before Y's record.
    const x = clusterYaml('a', '  settings: [{name: containerInsights, value: disabled}]');
    const committed = await put(table, { 'a.yaml': x });
    const y = clusterYaml('a', WITH_INSIGHTS);
    const accepted = new Promise<string>((resolve) =>
      tracker.onRevision((t) => resolve(t.revision.documents[0]?.source.file ?? '')),
    );
    await put(
      table,
      { 'a.yaml': y },
      {
        beforeCommit: async () => {
          const outcome = await tracker.sync();
          const error = outcome.kind === 'read-error' ? outcome.error : outcome.kind;
          expect(error).toBeInstanceOf(CommitPendingError);
          expect(String(error instanceof Error ? error.message : error)).toBe(
            `dynamodb://${table} item "a.yaml" does not match commit ${committed.commit.id} yet (found ` +
              `sha256 ${sha256Hex(y)}, ${y.length} bytes; the commit names sha256 ${sha256Hex(x)}, ` +
              `${x.length} bytes); waiting`,
          );
          expect(tracker.current()).toBe(good);
          // Looks again after 1 s, then 2 s.
          expect(scheduler.nextAt).toBe(scheduler.now() + 1_000);
          const errors = tracker.readErrors().count;
          await scheduler.advance(1_000);
          await tracker.sync();
          expect(tracker.readErrors().count).toBeGreaterThan(errors);
          expect(scheduler.nextAt).toBe(scheduler.now() + 2_000);
          expect(tracker.current()).toBe(good);
        },
      },
    );
    // Y's record is in: the next retry takes it.
    await scheduler.advance(2_000);
    expect(await accepted).toBe('a.yaml');
    expect(tracker.current()?.revision.documents[0]?.source.file).toBe('a.yaml');
    expect((await source(table).snapshot()).inputs[0]?.content).toBe(y);
    expect(scheduler.nextAt).toBe(60_000);
    await tracker.stop();
  });

  it('keeps the commit it read while a later put is between its items and its record', async () => {
    const table = await freshTable();
    await put(table, { 'a.yaml': clusterYaml('a') });
    const s = source(table);
    const first = await s.snapshot();
    let during: unknown;
    await put(
      table,
      { 'a.yaml': clusterYaml('a', WITH_INSIGHTS), 'b.yaml': clusterYaml('b') },
      {
        beforeCommit: async () => {
          during = await s.snapshot();
        },
      },
    );
    expect(during).toBe(first);
    expect((await s.snapshot()).inputs.map((i) => i.file)).toEqual(['a.yaml', 'b.yaml']);
  });

  it('applies a rename as one revision: never both items, never neither', async () => {
    const table = await freshTable();
    await put(table, { 'a.yaml': clusterYaml('a'), 'old.yaml': clusterYaml('web') });
    const tracker = new RevisionTracker(source(table));
    expect((await tracker.sync()).kind).toBe('accepted');
    const seen: string[][] = [];
    const result = await put(
      table,
      { 'a.yaml': clusterYaml('a'), 'new.yaml': clusterYaml('web') },
      {
        prune: true,
        beforeCommit: async () => {
          seen.push(await files(table));
          expect((await tracker.sync()).kind).toBe('unchanged');
        },
      },
    );
    expect(result).toMatchObject({ created: ['new.yaml'], deleted: ['old.yaml'] });
    seen.push(await files(table));
    expect(seen).toEqual([
      ['a.yaml', 'old.yaml'],
      ['a.yaml', 'new.yaml'],
    ]);
    // The same documents in other files: nothing new, and never a duplicate or a missing one.
    expect((await tracker.sync()).kind).toBe('unchanged');
    expect(identities(tracker.current()?.revision.documents ?? [])).toEqual([
      'Cluster/default/a',
      'Cluster/default/web',
    ]);
    expect(tracker.lastRejected()).toBeUndefined();
  });

  it('lets one of two concurrent puts win; the other fails clearly and takes its items back', async () => {
    const table = await freshTable();
    const base = await put(table, { 'a.yaml': clusterYaml('a'), 'b.yaml': clusterYaml('b') });
    let winner: Awaited<ReturnType<typeof put>> | undefined;
    const loser = put(
      table,
      { 'a.yaml': clusterYaml('a'), 'b.yaml': clusterYaml('b'), 'c.yaml': clusterYaml('c') },
      {
        author: 'bob',
        // Bob's items are written; Ada's whole put runs before Bob's record.
        beforeCommit: async () => {
          winner = await put(table, {
            'a.yaml': clusterYaml('a'),
            'b.yaml': clusterYaml('b', WITH_INSIGHTS),
          });
        },
      },
    );
    const error = await loser.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CommitConflictError);
    expect(String(error)).toContain(
      `dynamodb://${table} (pk "commit", sk "head"): another writer committed first (the record in ` +
        `force is now commit ${winner?.commit.id} by ada, this commit expected commit ${base.commit.id})`,
    );
    expect(String(error)).toContain('run put-manifests again');
    expect((await readTableHead(doc, table))?.record.id).toBe(winner?.commit.id);
    // Bob's new item was taken back; Ada's commit reads whole.
    expect((await queryItems(doc, table)).map((i) => i.sk)).toEqual(['a.yaml', 'b.yaml']);
    const snapshot = await source(table).snapshot();
    expect(snapshot.commit?.id).toBe(winner?.commit.id);
    expect(snapshot.inputs.find((i) => i.file === 'b.yaml')?.content).toContain('containerInsights');
  });

  it('costs one GetItem for an unchanged look', async () => {
    const table = await freshTable();
    await put(table, { 'a.yaml': clusterYaml('a') });
    const s = source(table);
    const first = await s.snapshot();
    const gets = calls.get('GetItem') ?? 0;
    const queries = calls.get('Query') ?? 0;
    for (let i = 0; i < 3; i++) expect(await s.snapshot()).toBe(first);
    expect((calls.get('GetItem') ?? 0) - gets).toBe(3);
    expect((calls.get('Query') ?? 0) - queries).toBe(0);
  });

  it('fails a look on a record that is not one, naming the item and the field', async () => {
    const table = await freshTable();
    await put(table, { 'a.yaml': clusterYaml('a') });
    await doc.send(
      new PutCommand({
        TableName: table,
        Item: { pk: 'commit', sk: 'head', id: 'x', record: '{"format":"shipshape.dev/commit/v1","id":"x"}' },
      }),
    );
    const error = await source(table)
      .snapshot()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SourceReadError);
    expect(String(error)).toContain(
      `dynamodb://${table} (pk "commit", sk "head") record: (record) must have required property`,
    );
  });
});

describe('the DynamoDB source without a commit record', () => {
  it('reads every item as before and says once that commits are not atomic', async () => {
    const table = await freshTable();
    await writeItem(table, 'a.yaml', clusterYaml('a'));
    const notices: string[] = [];
    const s = source(table, { onNotice: (message) => notices.push(message) });
    expect((await s.snapshot()).inputs.map((i) => i.file)).toEqual(['a.yaml']);
    await writeItem(table, 'b.yaml', clusterYaml('b'));
    const snapshot = await s.snapshot();
    expect(snapshot.inputs.map((i) => i.file)).toEqual(['a.yaml', 'b.yaml']);
    expect(snapshot.commit).toBeUndefined();
    await s.snapshot();
    expect(notices).toEqual([
      `dynamodb://${table} has no commit record (the item pk "commit", sk "head"): commits are not ` +
        'atomic, a read between two uploads can see half of one. Write with `shipshape push` (S3) or ' +
        '`shipshape put-manifests` (DynamoDB) to make commits land whole.',
    ]);
  });
});
