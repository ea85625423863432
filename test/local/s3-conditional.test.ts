import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localClientConfig } from '../../src/local/client-config.ts';
import { type LocalS3, startLocalS3 } from '../../src/local/s3.ts';

const BUCKET = 'conditional';

describe('local S3 (s3rver): conditional PutObject, as S3 answers it', () => {
  let local: LocalS3;
  let client: S3Client;

  beforeAll(async () => {
    local = await startLocalS3({ buckets: [BUCKET] });
    client = new S3Client(localClientConfig(local.endpoint, 'us-east-1'));
  });

  afterAll(async () => {
    client?.destroy();
    await local?.close();
  });

  const put = (
    Key: string,
    Body: string,
    condition: { IfMatch?: string | undefined; IfNoneMatch?: string } = {},
  ) => client.send(new PutObjectCommand({ Bucket: BUCKET, Key, Body, ...condition }));
  const read = async (Key: string) =>
    (await client.send(new GetObjectCommand({ Bucket: BUCKET, Key }))).Body?.transformToString();

  it('writes with If-Match on the current ETag', async () => {
    const first = await put('match.json', 'v1');
    const second = await put('match.json', 'v2', { IfMatch: first.ETag });
    expect(second.ETag).not.toBe(first.ETag);
    expect(await read('match.json')).toBe('v2');
  });

  it('refuses If-Match on a stale ETag with 412 PreconditionFailed and keeps the object', async () => {
    const first = await put('stale.json', 'v1');
    await put('stale.json', 'v2');
    const refused = await put('stale.json', 'v3', { IfMatch: first.ETag }).catch((error: unknown) => error);
    expect(refused).toMatchObject({ name: 'PreconditionFailed', $metadata: { httpStatusCode: 412 } });
    expect(await read('stale.json')).toBe('v2');
  });

  it('refuses If-Match on a missing object with 404 NoSuchKey', async () => {
    const refused = await put('missing.json', 'v1', { IfMatch: '"0123456789abcdef0123456789abcdef"' }).catch(
      (error: unknown) => error,
    );
    expect(refused).toMatchObject({ name: 'NoSuchKey', $metadata: { httpStatusCode: 404 } });
  });

  it('creates with If-None-Match: * once, then refuses it with 412', async () => {
    await put('create.json', 'first', { IfNoneMatch: '*' });
    const refused = await put('create.json', 'second', { IfNoneMatch: '*' }).catch((error: unknown) => error);
    expect(refused).toMatchObject({ name: 'PreconditionFailed', $metadata: { httpStatusCode: 412 } });
    expect(await read('create.json')).toBe('first');
  });

  it('lets exactly one of many concurrent PUTs with the same If-Match win', async () => {
    const base = await put('race.json', 'base');
    const bodies = Array.from({ length: 8 }, (_, i) => `writer ${i}`);
    const results = await Promise.allSettled(
      bodies.map((body) => put('race.json', body, { IfMatch: base.ETag })),
    );
    const won = results.flatMap((result, i) => (result.status === 'fulfilled' ? [bodies[i]] : []));
    const lost = results.flatMap((result) => (result.status === 'rejected' ? [result.reason] : []));
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(bodies.length - 1);
    for (const reason of lost) expect(reason).toMatchObject({ $metadata: { httpStatusCode: 412 } });
    expect(await read('race.json')).toBe(won[0]);
  });

  it('checks the signature before the condition', async () => {
    await put('signed.json', 'kept');
    const stranger = new S3Client({
      ...localClientConfig(local.endpoint, 'us-east-1'),
      credentials: { accessKeyId: 'someone-else', secretAccessKey: 'nope' },
    });
    const refused = await stranger
      .send(new PutObjectCommand({ Bucket: BUCKET, Key: 'signed.json', Body: 'x', IfNoneMatch: '*' }))
      .catch((error: unknown) => error);
    stranger.destroy();
    expect(refused).toMatchObject({ name: 'InvalidAccessKeyId' });
  });

  it('leaves unconditional PUTs as they were', async () => {
    await put('plain.json', 'a');
    await put('plain.json', 'b');
    expect(await read('plain.json')).toBe('b');
  });
});
