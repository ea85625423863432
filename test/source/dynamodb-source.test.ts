import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localClientConfig } from '../../src/local/client-config.ts';
import { type LocalDynamoDb, startLocalDynamoDb } from '../../src/local/dynamodb.ts';
import { ManualScheduler } from '../../src/reconcile/manual-scheduler.ts';
import { DynamoDbSource, type DynamoDbSourceOptions } from '../../src/source/dynamodb-source.ts';
import { createManifestTable } from '../../src/source/manifest-table-create.ts';
import { InMemoryRevisionHistory } from '../../src/source/revision-history.ts';
import { RevisionTracker } from '../../src/source/revision-tracker.ts';
import { SourceReadError } from '../../src/source/source-error.ts';
import { BAD_CLUSTER_ERROR, badClusterYaml, clusterYaml, identities } from './manifests.ts';

let dynamodb: LocalDynamoDb;
let client: DynamoDBClient;
let doc: DynamoDBDocumentClient;
let tables = 0;
let queries = 0;

beforeAll(async () => {
  dynamodb = await startLocalDynamoDb();
  client = new DynamoDBClient(localClientConfig(dynamodb.endpoint, 'us-east-1'));
  client.middlewareStack.add(
    (next, context) => (args) => {
      if (context.commandName === 'QueryCommand') queries++;
      return next(args);
    },
    { step: 'initialize', name: 'countQueries' },
  );
  doc = DynamoDBDocumentClient.from(client);
});

afterAll(async () => {
  client?.destroy();
  await dynamodb?.close();
});

async function freshTable(): Promise<string> {
  const table = `manifests-${++tables}`;
  await createManifestTable(client, table);
  return table;
}

/** Writes an item as put-manifests would: the next version. */
async function commit(table: string, sk: string, content: string): Promise<void> {
  await doc.send(
    new UpdateCommand({
      TableName: table,
      Key: { pk: 'manifest', sk },
      UpdateExpression: 'SET content = :c, updatedAt = :t ADD version :one',
      ExpressionAttributeValues: { ':c': content, ':t': new Date(0).toISOString(), ':one': 1 },
    }),
  );
}

const source = (table: string, extra: Partial<DynamoDbSourceOptions> = {}) =>
  new DynamoDbSource({ doc, table, ...extra });

describe('DynamoDbSource with a RevisionTracker', () => {
  it('takes a commit, rejects a bad one whole, accepts the fix and follows a delete', async () => {
    const table = await freshTable();
    const history = new InMemoryRevisionHistory();
    const tracker = new RevisionTracker(source(table), { history });
    expect(tracker.source.describe()).toBe(`dynamodb://${table}`);

    await commit(table, 'clusters/web.yaml', clusterYaml('web'));
    await commit(table, 'clusters/api.yaml', clusterYaml('api'));
    expect((await tracker.sync()).kind).toBe('accepted');
    const good = tracker.current();
    expect(identities(good?.revision.documents ?? [])).toEqual([
      'Cluster/default/api',
      'Cluster/default/web',
    ]);
    expect((await tracker.sync()).kind).toBe('unchanged');

    await commit(table, 'clusters/bad.yaml', badClusterYaml('bad'));
    expect((await tracker.sync()).kind).toBe('rejected');
    expect(tracker.lastRejected()?.errors).toEqual([
      expect.objectContaining({ ...BAD_CLUSTER_ERROR, file: 'clusters/bad.yaml' }),
    ]);
    expect(tracker.current()?.revision.id).toBe(good?.revision.id);
    expect(history.list()[0]).toMatchObject({
      result: 'rejected',
      errorCount: 1,
      source: `dynamodb://${table}`,
    });

    await commit(table, 'clusters/bad.yaml', clusterYaml('bad'));
    expect((await tracker.sync()).kind).toBe('accepted');
    expect(tracker.lastRejected()).toBeUndefined();
    expect(identities(tracker.current()?.revision.documents ?? [])).toContain('Cluster/default/bad');

    await doc.send(new DeleteCommand({ TableName: table, Key: { pk: 'manifest', sk: 'clusters/api.yaml' } }));
    expect((await tracker.sync()).kind).toBe('accepted');
    expect(identities(tracker.current()?.revision.documents ?? [])).toEqual([
      'Cluster/default/bad',
      'Cluster/default/web',
    ]);
  });

  it('flags an empty table as empty', async () => {
    const tracker = new RevisionTracker(source(await freshTable()));
    expect((await tracker.sync()).kind).toBe('accepted');
    expect(tracker.current()?.empty).toBe(true);
  });

  it('reads 100 manifests over many pages in one revision', async () => {
    const table = await freshTable();
    const names = Array.from({ length: 100 }, (_, i) => `c-${String(i).padStart(3, '0')}`);
    // Big items make the Query take several 1 MB pages.
    const padding = `# ${'x'.repeat(30_000)}\n`;
    await Promise.all(
      names.map((name, i) => commit(table, `team-${i % 5}/${name}.yaml`, padding + clusterYaml(name))),
    );
    const before = queries;
    const snapshot = await source(table).snapshot();
    expect(snapshot.inputs).toHaveLength(100);
    // Versions, items, versions again: the items alone take 3 MB, at least 3 pages.
    expect(queries - before).toBeGreaterThanOrEqual(5);
    const tracker = new RevisionTracker(source(table));
    await tracker.sync();
    expect(identities(tracker.current()?.revision.documents ?? [])).toEqual(
      names.map((n) => `Cluster/default/${n}`),
    );
  });

  it('never yields a mixed revision when an item changes during the read', async () => {
    const table = await freshTable();
    await commit(table, 'a.yaml', clusterYaml('a'));
    await commit(table, 'b.yaml', clusterYaml('b'));
    let reads = 0;
    const s = source(table, {
      onRead: async () => {
        if (reads++ > 0) return;
        await commit(
          table,
          'b.yaml',
          clusterYaml('b', '  settings: [{name: containerInsights, value: enabled}]'),
        );
      },
    });
    const snapshot = await s.snapshot();
    expect(reads).toBe(2);
    expect(snapshot.inputs.find((i) => i.file === 'b.yaml')?.content).toContain('containerInsights');
    expect(snapshot.digest).toBe((await source(table).snapshot()).digest);
  });

  it('gives up with a SourceReadError when the table keeps changing, keeping the last good revision', async () => {
    const table = await freshTable();
    await commit(table, 'a.yaml', clusterYaml('a'));
    let churn = false;
    const tracker = new RevisionTracker(
      source(table, {
        onRead: async () => {
          if (churn) await commit(table, 'a.yaml', clusterYaml('a'));
        },
      }),
    );
    await tracker.sync();
    const good = tracker.current();
    churn = true;
    await commit(table, 'b.yaml', clusterYaml('b'));
    const outcome = await tracker.sync();
    expect(outcome.kind).toBe('read-error');
    expect(outcome.kind === 'read-error' && outcome.error).toBeInstanceOf(SourceReadError);
    expect(tracker.readErrors().count).toBe(1);
    expect(tracker.current()).toBe(good);
  });

  it('rejects an item that does not follow the layout instead of reading part of the table', async () => {
    const table = await freshTable();
    await commit(table, 'a.yaml', clusterYaml('a'));
    await doc.send(
      new PutCommand({ TableName: table, Item: { pk: 'manifest', sk: 'b.yaml', content: 'x' } }),
    );
    const error = await source(table, { attempts: 1 })
      .snapshot()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SourceReadError);
    expect(String(error)).toContain('b.yaml');
  });

  it('polls on the injected scheduler', async () => {
    const table = await freshTable();
    const scheduler = new ManualScheduler();
    const tracker = new RevisionTracker(source(table, { scheduler }));
    const announced: number[] = [];
    tracker.onRevision((t) => announced.push(t.revision.documents.length));
    await tracker.start();
    await commit(table, 'a.yaml', clusterYaml('a'));
    await scheduler.advance(10_000);
    await tracker.sync();
    expect(announced).toEqual([0, 1]);
    await tracker.stop();
  });
});
