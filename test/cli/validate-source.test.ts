import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { localClientConfig } from '../../src/local/client-config.ts';
import { type LocalS3, startLocalS3 } from '../../src/local/s3.ts';
import { shipshape, writeTree } from '../push/bucket.ts';
import { badClusterYaml, clusterYaml } from '../source/manifests.ts';

const BUCKET = 'validated';
let local: LocalS3;
let client: S3Client;
let work: string;

beforeAll(async () => {
  local = await startLocalS3({ buckets: [BUCKET] });
  client = new S3Client(localClientConfig(local.endpoint, 'us-east-1'));
  work = await mkdtemp(join(tmpdir(), 'shipshape-validate-source-'));
  vi.stubEnv('AWS_ACCESS_KEY_ID', 'test');
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'test');
  vi.stubEnv('AWS_REGION', 'us-east-1');
  vi.stubEnv('AWS_ENDPOINT_URL', local.endpoint);
});

afterAll(async () => {
  vi.unstubAllEnvs();
  client?.destroy();
  await local?.close();
  if (work !== undefined) await rm(work, { recursive: true, force: true });
});

describe('shipshape validate s3://bucket/prefix', () => {
  it('validates what the operator would read, and warns once that a prefix without a record is not atomic', async () => {
    await client.send(
      new PutObjectCommand({ Bucket: BUCKET, Key: 'loose/a.yaml', Body: clusterYaml('alpha') }),
    );
    const run = await shipshape('validate', `s3://${BUCKET}/loose`);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^valid: 1 manifest, 0 errors, 0 warnings, revision sha256:/);
    const warnings = run.stderr.split('\n').filter((line) => line.startsWith('warning: '));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('s3://validated/loose/ has no commit record (_shipshape/commit.json)');
  });

  it('names the commit it read when the prefix has a record, and rejects an invalid one with file:line:col', async () => {
    const dir = join(work, 'pushed');
    await writeTree(dir, { 'a.yaml': clusterYaml('alpha'), 'b.yaml': clusterYaml('beta') });
    const pushed = await shipshape(
      'push',
      dir,
      `s3://${BUCKET}/pushed`,
      '--message',
      'two clusters',
      '--author',
      'Ann',
    );
    expect(pushed.code).toBe(0);
    const good = await shipshape('validate', `s3://${BUCKET}/pushed/`);
    expect(good.code).toBe(0);
    expect(good.stderr).toMatch(/^commit sha256:[0-9a-f]{64} by Ann: two clusters\n$/);
    expect(good.stdout).toContain('valid: 2 manifests');

    // An object overwritten by hand with bad content: the record no longer matches it.
    await client.send(
      new PutObjectCommand({ Bucket: BUCKET, Key: 'pushed/b.yaml', Body: badClusterYaml('beta') }),
    );
    const pending = await shipshape('validate', `s3://${BUCKET}/pushed/`);
    expect(pending.code).toBe(1);
    expect(pending.stdout).toContain('pushed/b.yaml does not match commit');

    await client.send(
      new PutObjectCommand({ Bucket: BUCKET, Key: 'loose/bad.yaml', Body: badClusterYaml('gamma') }),
    );
    const bad = await shipshape('validate', `s3://${BUCKET}/loose/`);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/^loose\/bad\.yaml:6:16 /m);
  });
});
