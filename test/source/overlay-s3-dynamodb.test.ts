import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_CREDENTIALS, localClientConfig } from '../../src/local/client-config.ts';
import { type LocalDynamoDb, startLocalDynamoDb } from '../../src/local/dynamodb.ts';
import { type LocalS3, startLocalS3 } from '../../src/local/s3.ts';
import { createManifestTable } from '../../src/source/manifest-table-create.ts';
import { openSource } from '../../src/source/open-source.ts';
import { RevisionTracker } from '../../src/source/revision-tracker.ts';
import { badClusterYaml, clusterYaml, identities } from './manifests.ts';

const BUCKET = 'overlays';
const OVERLAY = 'base: ../base\nnamespace: dev\nnamePrefix: dev-\n';

let s3: LocalS3;
let dynamodb: LocalDynamoDb;
let s3Client: S3Client;
let doc: DynamoDBDocumentClient;
let dynamoClient: DynamoDBClient;
let prefixes = 0;
let tables = 0;

beforeAll(async () => {
  [s3, dynamodb] = await Promise.all([startLocalS3({ buckets: [BUCKET] }), startLocalDynamoDb()]);
  s3Client = new S3Client(localClientConfig(s3.endpoint, 'us-east-1'));
  dynamoClient = new DynamoDBClient(localClientConfig(dynamodb.endpoint, 'us-east-1'));
  doc = DynamoDBDocumentClient.from(dynamoClient);
});

afterAll(async () => {
  s3Client?.destroy();
  dynamoClient?.destroy();
  await Promise.all([s3?.close(), dynamodb?.close()]);
});

const options = (endpoint: string) => ({
  endpoint,
  region: 'us-east-1',
  credentials: { ...LOCAL_CREDENTIALS },
});

async function putObjects(objects: Record<string, string>): Promise<void> {
  for (const [key, body] of Object.entries(objects)) {
    await s3Client.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: body }));
  }
}

async function putItems(table: string, items: Record<string, string>): Promise<void> {
  for (const [sk, content] of Object.entries(items)) {
    await doc.send(
      new UpdateCommand({
        TableName: table,
        Key: { pk: 'manifest', sk },
        UpdateExpression: 'SET content = :c, updatedAt = :t ADD version :one',
        ExpressionAttributeValues: { ':c': content, ':t': new Date().toISOString(), ':one': 1 },
      }),
    );
  }
}

describe('an S3 source pointing at an overlay prefix', () => {
  it('renders the overlay with its base read from the same bucket, files named by key', async () => {
    const root = `p${++prefixes}`;
    await putObjects({ [`${root}/base/a.yaml`]: clusterYaml('a'), [`${root}/dev/overlay.yaml`]: OVERLAY });
    const tracker = new RevisionTracker(openSource(`s3://${BUCKET}/${root}/dev`, options(s3.endpoint)));
    expect((await tracker.sync()).kind).toBe('accepted');
    expect(identities(tracker.current()?.revision.documents ?? [])).toEqual(['Cluster/dev/dev-a']);
    expect(tracker.current()?.revision.documents[0]?.source.file).toBe(`${root}/base/a.yaml`);
  });

  it('a change under the base prefix alone is a new snapshot and revision', async () => {
    const root = `p${++prefixes}`;
    await putObjects({ [`${root}/base/a.yaml`]: clusterYaml('a'), [`${root}/dev/overlay.yaml`]: OVERLAY });
    const tracker = new RevisionTracker(openSource(`s3://${BUCKET}/${root}/dev`, options(s3.endpoint)));
    await tracker.sync();
    const before = tracker.current();
    await putObjects({ [`${root}/base/b.yaml`]: clusterYaml('b') });
    expect((await tracker.sync()).kind).toBe('accepted');
    expect(tracker.current()?.digest).not.toBe(before?.digest);
    expect(identities(tracker.current()?.revision.documents ?? [])).toEqual([
      'Cluster/dev/dev-a',
      'Cluster/dev/dev-b',
    ]);
  });

  it('an error in a base object points at its key, line and column', async () => {
    const root = `p${++prefixes}`;
    await putObjects({ [`${root}/base/a.yaml`]: badClusterYaml('a'), [`${root}/dev/overlay.yaml`]: OVERLAY });
    const tracker = new RevisionTracker(openSource(`s3://${BUCKET}/${root}/dev`, options(s3.endpoint)));
    expect((await tracker.sync()).kind).toBe('rejected');
    expect(tracker.lastRejected()?.errors).toEqual([
      expect.objectContaining({ file: `${root}/base/a.yaml`, line: 6, column: 16, code: 'SS111' }),
    ]);
  });

  it('a base outside the bucket holds no manifests', async () => {
    await putObjects({ 'top/overlay.yaml': 'base: ../../base\n' });
    const tracker = new RevisionTracker(openSource(`s3://${BUCKET}/top`, options(s3.endpoint)));
    expect((await tracker.sync()).kind).toBe('rejected');
    expect(tracker.lastRejected()?.errors.map((e) => `${e.file}:${e.line}:${e.column} ${e.message}`)).toEqual(
      ['top/overlay.yaml:1:7 base "../../base" (../base) holds no manifests'],
    );
  });
});

describe('a DynamoDB source pointing at a folder of the table', () => {
  it('dynamodb://table/folder renders the overlay there, its base from the same table read', async () => {
    const table = `overlays-${++tables}`;
    await createManifestTable(dynamoClient, table);
    await putItems(table, {
      'envs/base/a.yaml': clusterYaml('a'),
      'envs/dev/overlay.yaml': OVERLAY,
      'other/x.yaml': clusterYaml('x'),
    });
    const source = openSource(`dynamodb://${table}/envs/dev`, options(dynamodb.endpoint));
    expect(source.describe()).toBe(`dynamodb://${table}/envs/dev`);
    const tracker = new RevisionTracker(source);
    expect((await tracker.sync()).kind).toBe('accepted');
    expect(identities(tracker.current()?.revision.documents ?? [])).toEqual(['Cluster/dev/dev-a']);
    const before = tracker.current();
    await putItems(table, { 'envs/base/a.yaml': clusterYaml('a', '  clusterName: renamed') });
    expect((await tracker.sync()).kind).toBe('accepted');
    expect(tracker.current()?.revision.id).not.toBe(before?.revision.id);
  });

  it('a folder without overlay.yaml is its own items only', async () => {
    const table = `overlays-${++tables}`;
    await createManifestTable(dynamoClient, table);
    await putItems(table, { 'envs/base/a.yaml': clusterYaml('a'), 'other/x.yaml': clusterYaml('x') });
    const tracker = new RevisionTracker(openSource(`dynamodb://${table}/other`, options(dynamodb.endpoint)));
    expect((await tracker.sync()).kind).toBe('accepted');
    expect(identities(tracker.current()?.revision.documents ?? [])).toEqual(['Cluster/default/x']);
  });
});
