import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localClientConfig } from '../../src/local/client-config.ts';
import { type LocalDynamoDb, startLocalDynamoDb } from '../../src/local/dynamodb.ts';
import { type LocalS3, startLocalS3 } from '../../src/local/s3.ts';
import type { ReadLimits } from '../../src/manifest/limits.ts';
import { DynamoDbSource } from '../../src/source/dynamodb-source.ts';
import { FolderSource } from '../../src/source/folder-source.ts';
import { createManifestTable } from '../../src/source/manifest-table-create.ts';
import { InMemoryRevisionHistory } from '../../src/source/revision-history.ts';
import { RevisionTracker } from '../../src/source/revision-tracker.ts';
import { S3Source } from '../../src/source/s3-source.ts';
import type { ManifestSource } from '../../src/source/types.ts';
import { clusterYaml, identities } from './manifests.ts';

const BUCKET = 'limits';
/** Small caps, so that a few kilobytes stand for the megabytes of the defaults. */
const LIMITS: ReadLimits = { fileBytes: 2_000, revisionBytes: 5_000, documents: 6 };

let s3: LocalS3;
let client: S3Client;
let dynamodb: LocalDynamoDb;
let dynamoClient: DynamoDBClient;
/** GetObject calls by key, counted by a middleware on the real client. */
const gets = new Map<string, number>();

beforeAll(async () => {
  [s3, dynamodb] = await Promise.all([startLocalS3({ buckets: [BUCKET] }), startLocalDynamoDb()]);
  client = new S3Client(localClientConfig(s3.endpoint, 'us-east-1'));
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as { readonly Key?: string };
      if (context.commandName === 'GetObjectCommand' && input.Key !== undefined) {
        gets.set(input.Key, (gets.get(input.Key) ?? 0) + 1);
      }
      return next(args);
    },
    { step: 'initialize', name: 'countGets' },
  );
  dynamoClient = new DynamoDBClient(localClientConfig(dynamodb.endpoint, 'us-east-1'));
});

afterAll(async () => {
  client?.destroy();
  dynamoClient?.destroy();
  await Promise.all([s3?.close(), dynamodb?.close()]);
});

const put = (key: string, body: string | Uint8Array) =>
  client.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: body }));

/** A valid Cluster padded with a comment to `bytes` bytes. */
function paddedCluster(name: string, bytes: number): string {
  const yaml = clusterYaml(name);
  return `# ${'x'.repeat(Math.max(0, bytes - yaml.length - 3))}\n${yaml}`;
}

/** A revision of good clusters is in force; then `change` makes the source hold something over a cap. */
async function rejectedAfterGood(
  source: ManifestSource,
  commitGood: () => Promise<unknown>,
  commitBad: () => Promise<unknown>,
) {
  const history = new InMemoryRevisionHistory();
  const tracker = new RevisionTracker(source, { history, load: { maxDocuments: LIMITS.documents } });
  await commitGood();
  expect((await tracker.sync()).kind).toBe('accepted');
  const good = tracker.current();
  await commitBad();
  expect((await tracker.sync()).kind).toBe('rejected');
  // The last good revision stays in force, and the rejection is in the history.
  expect(tracker.current()?.revision.id).toBe(good?.revision.id);
  expect(history.list()[0]).toMatchObject({ result: 'rejected' });
  return { rejected: tracker.lastRejected(), good, history };
}

describe('a bucket object over a cap', () => {
  it('rejects the revision naming the object, without ever getting its body', async () => {
    const prefix = 'one-large/';
    const { rejected, good } = await rejectedAfterGood(
      new S3Source({ client, bucket: BUCKET, prefix, limits: LIMITS }),
      () => put(`${prefix}a.yaml`, clusterYaml('a')),
      () => put(`${prefix}large.yaml`, paddedCluster('large', 50_000)),
    );
    expect(identities(good?.revision.documents ?? [])).toEqual(['Cluster/default/a']);
    expect(rejected?.errors).toEqual([
      expect.objectContaining({ code: 'SS160', file: `${prefix}large.yaml`, line: 1, column: 1 }),
    ]);
    expect(rejected?.errors[0]?.message).toContain('50000 bytes');
    expect(gets.get(`${prefix}large.yaml`) ?? 0).toBe(0);
  });

  it('rejects a revision whose objects add up to more than the total, getting none of the new ones', async () => {
    const prefix = 'total/';
    const keys = ['b.yaml', 'c.yaml', 'd.yaml'].map((name) => `${prefix}${name}`);
    const { rejected } = await rejectedAfterGood(
      new S3Source({ client, bucket: BUCKET, prefix, limits: LIMITS }),
      () => put(`${prefix}a.yaml`, paddedCluster('a', 1_900)),
      async () => {
        for (const [i, key] of keys.entries()) await put(key, paddedCluster(`n${i}`, 1_900));
      },
    );
    expect(rejected?.errors).toEqual([expect.objectContaining({ code: 'SS161', file: `${prefix}c.yaml` })]);
    expect(keys.map((key) => gets.get(key) ?? 0)).toEqual([0, 0, 0]);
  });

  it('rejects a revision of too many documents at the first one over', async () => {
    const prefix = 'documents/';
    const many = Array.from({ length: 7 }, (_, i) => clusterYaml(`c${i}`)).join('---\n');
    const { rejected } = await rejectedAfterGood(
      new S3Source({ client, bucket: BUCKET, prefix, limits: LIMITS }),
      () => put(`${prefix}a.yaml`, clusterYaml('a')),
      () => put(`${prefix}many.yaml`, many),
    );
    // a.yaml holds the first document, so the seventh overall is the sixth of many.yaml, whose
    // `---` is on line 30 (each document is five lines and its separator).
    expect(rejected?.errors).toEqual([
      expect.objectContaining({ code: 'SS162', file: `${prefix}many.yaml`, line: 5 * 6, column: 1 }),
    ]);
  });

  it('rejects an alias bomb as the error of its object, at its place', async () => {
    const prefix = 'bomb/';
    const bomb = [
      'apiVersion: shipshape.dev/v1',
      'kind: Cluster',
      'metadata:',
      '  name: bomb',
      '  annotations:',
      '    a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]',
      ...'bcdefgh'.split('').map((name, i) => {
        const previous = 'abcdefgh'[i];
        return `    ${name}: &${name} [${Array.from({ length: 9 }, () => `*${previous}`).join(', ')}]`;
      }),
      'spec: {}',
      '',
    ].join('\n');
    const { rejected } = await rejectedAfterGood(
      new S3Source({ client, bucket: BUCKET, prefix, limits: LIMITS }),
      () => put(`${prefix}a.yaml`, clusterYaml('a')),
      () => put(`${prefix}bomb.yaml`, bomb),
    );
    expect(rejected?.errors).toEqual([
      expect.objectContaining({ code: 'SS163', file: `${prefix}bomb.yaml`, line: 7, column: 12 }),
    ]);
  });

  it('rejects an object that is not UTF-8 at the bad byte', async () => {
    const prefix = 'latin1/';
    const latin1 = Buffer.concat([
      Buffer.from(`${clusterYaml('z')}# Z`),
      Buffer.from([0xfc]),
      Buffer.from('rich\n'),
    ]);
    const { rejected } = await rejectedAfterGood(
      new S3Source({ client, bucket: BUCKET, prefix, limits: LIMITS }),
      () => put(`${prefix}a.yaml`, clusterYaml('a')),
      () => put(`${prefix}latin1.yaml`, latin1),
    );
    expect(rejected?.errors).toEqual([
      expect.objectContaining({ code: 'SS105', file: `${prefix}latin1.yaml`, line: 6, column: 4 }),
    ]);
  });
});

describe('a table item over a cap', () => {
  it('rejects the revision naming the item', async () => {
    const table = 'manifests-limits';
    await createManifestTable(dynamoClient, table);
    const doc = DynamoDBDocumentClient.from(dynamoClient);
    const item = (sk: string, content: string) =>
      doc.send(
        new PutCommand({
          TableName: table,
          Item: { pk: 'manifest', sk, content, version: 1, updatedAt: new Date(0).toISOString() },
        }),
      );
    const { rejected } = await rejectedAfterGood(
      new DynamoDbSource({ doc, table, limits: LIMITS }),
      () => item('a.yaml', clusterYaml('a')),
      () => item('large.yaml', paddedCluster('large', 3_000)),
    );
    expect(rejected?.errors).toEqual([
      expect.objectContaining({ code: 'SS160', file: 'large.yaml', line: 1, column: 1 }),
    ]);
  });
});

describe('a folder file over a cap', () => {
  it('rejects the revision naming the file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'shipshape-limits-'));
    try {
      const { rejected } = await rejectedAfterGood(
        new FolderSource({ dir, fsWatch: false, limits: LIMITS }),
        () => writeFile(join(dir, 'a.yaml'), clusterYaml('a')),
        () => writeFile(join(dir, 'large.yaml'), paddedCluster('large', 2_001)),
      );
      expect(rejected?.errors).toEqual([
        expect.objectContaining({ code: 'SS160', file: 'large.yaml', line: 1, column: 1 }),
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
