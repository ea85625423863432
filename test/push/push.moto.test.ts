import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateBucketCommand,
  HeadObjectCommand,
  ListObjectVersionsCommand,
  PutBucketVersioningCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localClientConfig } from '../../src/local/client-config.ts';
import { COMMIT_RECORD_KEY } from '../../src/source/commit-record.ts';
import { clusterYaml } from '../source/manifests.ts';
import { type MotoServer, motoAvailable, startMoto } from '../source/moto-server.ts';
import { readRecord, shipshape, writeTree } from './bucket.ts';
import { type RecordingProxy, startRecordingProxy } from './recording-proxy.ts';

// s3rver keeps no versions; moto's S3 does, and implements conditional writes independently.
const BUCKET = 'versioned';
const ENV = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_REGION', 'AWS_ENDPOINT_URL'] as const;

describe.skipIf(!motoAvailable())('shipshape push against moto S3 (versioned bucket)', () => {
  const savedEnv = new Map(ENV.map((name) => [name, process.env[name]]));
  let moto: MotoServer;
  let proxy: RecordingProxy;
  let client: S3Client;
  let work: string;

  beforeAll(async () => {
    Object.assign(process.env, {
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
      AWS_REGION: 'us-east-1',
    });
    delete process.env.AWS_ENDPOINT_URL;
    moto = await startMoto();
    proxy = await startRecordingProxy(moto.endpoint);
    client = new S3Client(localClientConfig(moto.endpoint, 'us-east-1'));
    await client.send(new CreateBucketCommand({ Bucket: BUCKET }));
    await client.send(
      new PutBucketVersioningCommand({ Bucket: BUCKET, VersioningConfiguration: { Status: 'Enabled' } }),
    );
    work = await mkdtemp(join(tmpdir(), 'shipshape-push-moto-'));
  });

  afterAll(async () => {
    for (const [name, value] of savedEnv) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    client?.destroy();
    await proxy?.close();
    await moto?.close();
    if (work !== undefined) await rm(work, { recursive: true, force: true });
  });

  const push = (dir: string, prefix: string, ...flags: string[]) =>
    shipshape('push', dir, `s3://${BUCKET}/${prefix}`, '--endpoint-url', proxy.endpoint, ...flags);

  async function versionsOf(prefix: string): Promise<Record<string, number>> {
    const listed = await client.send(new ListObjectVersionsCommand({ Bucket: BUCKET, Prefix: prefix }));
    const counts: Record<string, number> = {};
    for (const version of listed.Versions ?? []) {
      const key = version.Key ?? '';
      counts[key] = (counts[key] ?? 0) + 1;
    }
    return counts;
  }

  it('records the version written of each object, and writes a new version only of what changed', async () => {
    const dir = join(work, 'versions');
    await writeTree(dir, { 'a.yaml': clusterYaml('a'), 'b.yaml': clusterYaml('b') });
    expect((await push(dir, 'v/')).code).toBe(0);
    const first = await readRecord(client, BUCKET, 'v/');
    for (const object of first.objects) {
      const head = await client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: `v/${object.key}` }));
      expect(object.versionId).toBe(head.VersionId);
    }

    await writeTree(dir, {
      'a.yaml': clusterYaml('a', '  clusterName: changed'),
      'b.yaml': clusterYaml('b'),
    });
    const run = await push(dir, 'v/');
    expect(run.code).toBe(0);
    const second = await readRecord(client, BUCKET, 'v/');
    const [a1, b1] = first.objects;
    const [a2, b2] = second.objects;
    expect(a2?.versionId).not.toBe(a1?.versionId);
    expect(b2?.versionId).toBe(b1?.versionId);
    expect(await versionsOf('v/')).toEqual({ 'v/a.yaml': 2, 'v/b.yaml': 1, [`v/${COMMIT_RECORD_KEY}`]: 2 });
  });

  it('refuses the record write of a push whose parent is no longer current (If-Match)', async () => {
    const [base, left, right] = ['base', 'left', 'right'].map((name) => join(work, name)) as [
      string,
      string,
      string,
    ];
    await writeTree(base, { 'x.yaml': clusterYaml('x'), 'y.yaml': clusterYaml('y') });
    expect((await push(base, 'race/')).code).toBe(0);
    await writeTree(left, { 'y.yaml': clusterYaml('y') });
    await writeTree(right, {
      'x.yaml': clusterYaml('x'),
      'y.yaml': clusterYaml('y'),
      'z.yaml': clusterYaml('z'),
    });

    const held = proxy.hold(
      (method, path) => method === 'PUT' && path === `/${BUCKET}/race/${COMMIT_RECORD_KEY}`,
    );
    const leftRun = push(left, 'race/', '--author', 'Lefty');
    await held.reached;
    expect((await push(right, 'race/', '--author', 'Righty')).code).toBe(0);
    const winner = await readRecord(client, BUCKET, 'race/');
    held.release();
    const lost = await leftRun;
    expect(lost.code).toBe(1);
    expect(lost.stderr).toContain(
      `another push landed first (commit ${winner.id} by Righty); nothing was deleted`,
    );
    expect(await readRecord(client, BUCKET, 'race/')).toEqual(winner);
    // left would have deleted x: it is still there, as the winner's record names it.
    expect(await versionsOf('race/x.yaml')).toEqual({ 'race/x.yaml': 1 });
  });
});
