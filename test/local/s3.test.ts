import { createHash } from 'node:crypto';
import { access } from 'node:fs/promises';
import { Readable } from 'node:stream';
import {
  CreateBucketCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  NoSuchKey,
  PutObjectCommand,
  paginateListObjectsV2,
  S3Client,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localClientConfig } from '../../src/local/client-config.ts';
import { type LocalS3, startLocalS3 } from '../../src/local/s3.ts';
import { isListening } from './listening.ts';

const BUCKET = 'manifests';

function etagOf(body: string): string {
  return `"${createHash('md5').update(body).digest('hex')}"`;
}

describe('local S3 (s3rver) with the v3 SDK', () => {
  let local: LocalS3;
  let client: S3Client;

  beforeAll(async () => {
    local = await startLocalS3({ buckets: ['preset-bucket'] });
    client = new S3Client(localClientConfig(local.endpoint, 'us-east-1'));
    await client.send(new CreateBucketCommand({ Bucket: BUCKET }));
  });

  afterAll(async () => {
    client?.destroy();
    await local?.close();
  });

  it('stores an object and answers its MD5 ETag on put, get and head', async () => {
    const body = 'kind: Cluster\n';
    const put = await client.send(
      new PutObjectCommand({ Bucket: BUCKET, Key: 'apps/cluster.yaml', Body: body }),
    );
    expect(put.ETag).toBe(etagOf(body));

    const got = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'apps/cluster.yaml' }));
    expect(got.ETag).toBe(etagOf(body));
    expect(await got.Body?.transformToString()).toBe(body);

    const head = await client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'apps/cluster.yaml' }));
    expect(head.ETag).toBe(etagOf(body));
    expect(head.ContentLength).toBe(Buffer.byteLength(body));
  });

  it('stores a streamed body as sent (no aws-chunked framing left in it)', async () => {
    const body = 'kind: Service\n'.repeat(1000);
    await client.send(
      new PutObjectCommand({
        Bucket: BUCKET,
        Key: 'apps/streamed.yaml',
        Body: Readable.from([Buffer.from(body)]),
        ContentLength: Buffer.byteLength(body),
      }),
    );
    const got = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'apps/streamed.yaml' }));
    expect(await got.Body?.transformToString()).toBe(body);
    expect(got.ETag).toBe(etagOf(body));
  });

  it('needs requestChecksumCalculation WHEN_REQUIRED: by default a streamed body keeps its aws-chunked framing', async () => {
    const { requestChecksumCalculation: _, ...defaults } = localClientConfig(local.endpoint, 'us-east-1');
    const sdkDefaults = new S3Client(defaults);
    await sdkDefaults.send(
      new PutObjectCommand({
        Bucket: BUCKET,
        Key: 'framed.yaml',
        Body: Readable.from([Buffer.from('abc')]),
        ContentLength: 3,
      }),
    );
    const got = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'framed.yaml' }));
    expect(await got.Body?.transformToString()).toMatch(/^3\r\nabc\r\n0\r\nx-amz-checksum-crc32:/);
    sdkDefaults.destroy();
  });

  it('answers a conditional GET on the current ETag with 304, and a stale one with the object', async () => {
    const put = await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'cond.yaml', Body: 'v1' }));
    const notModified = await client
      .send(new GetObjectCommand({ Bucket: BUCKET, Key: 'cond.yaml', IfNoneMatch: put.ETag }))
      .catch((error: unknown) => error);
    // The SDK throws on 304 without a usable error name (aws-sdk-js-v3 #5860): test the status.
    expect(notModified).toMatchObject({ $metadata: { httpStatusCode: 304 } });

    await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'cond.yaml', Body: 'v2' }));
    const changed = await client.send(
      new GetObjectCommand({ Bucket: BUCKET, Key: 'cond.yaml', IfNoneMatch: put.ETag }),
    );
    expect(await changed.Body?.transformToString()).toBe('v2');
    expect(changed.ETag).toBe(etagOf('v2'));
  });

  it('lists a prefix page by page with MaxKeys and ContinuationToken', async () => {
    const keys = ['deep/a/1.yaml', 'deep/a/2.yaml', 'deep/b/3.yaml', 'deep/b/c/4.yaml', 'deep/5.yaml'];
    for (const key of keys) {
      await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: key }));
    }
    await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'deeper.yaml', Body: 'outside' }));

    const first = await client.send(
      new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'deep/', MaxKeys: 2 }),
    );
    expect(first.KeyCount).toBe(2);
    expect(first.IsTruncated).toBe(true);
    expect(first.NextContinuationToken).toBeTypeOf('string');

    const pages: { key: string; etag: string | undefined }[][] = [];
    for await (const page of paginateListObjectsV2(
      { client, pageSize: 2 },
      { Bucket: BUCKET, Prefix: 'deep/' },
    )) {
      pages.push((page.Contents ?? []).map((object) => ({ key: object.Key ?? '', etag: object.ETag })));
    }
    expect(pages.map((page) => page.length)).toEqual([2, 2, 1]);
    expect(pages.flat()).toEqual([...keys].sort().map((key) => ({ key, etag: etagOf(key) })));
  });

  it('deletes an object: then GET is NoSuchKey and HEAD is NotFound', async () => {
    await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'gone.yaml', Body: 'x' }));
    await client.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: 'gone.yaml' }));
    await expect(
      client.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'gone.yaml' })),
    ).rejects.toBeInstanceOf(NoSuchKey);
    await expect(
      client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'gone.yaml' })),
    ).rejects.toMatchObject({
      name: 'NotFound',
    });
  });

  it('has the buckets asked for at start', async () => {
    const listed = await client.send(new ListObjectsV2Command({ Bucket: 'preset-bucket' }));
    expect(listed.KeyCount).toBe(0);
  });

  it('checks the access key', async () => {
    const stranger = new S3Client({
      ...localClientConfig(local.endpoint, 'us-east-1'),
      credentials: { accessKeyId: 'someone-else', secretAccessKey: 'nope' },
    });
    await expect(stranger.send(new ListObjectsV2Command({ Bucket: BUCKET }))).rejects.toMatchObject({
      name: 'InvalidAccessKeyId',
    });
    stranger.destroy();
  });

  it('stops listening and removes its folder on close, and close can be called again', async () => {
    const other = await startLocalS3();
    expect(await isListening(other.endpoint)).toBe(true);
    await expect(access(other.directory)).resolves.toBeUndefined();
    await other.close();
    await other.close();
    expect(await isListening(other.endpoint)).toBe(false);
    await expect(access(other.directory)).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
