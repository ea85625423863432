import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localClientConfig } from '../../src/local/client-config.ts';
import { type LocalS3, startLocalS3 } from '../../src/local/s3.ts';
import { COMMIT_RECORD_KEY, contentCommitId, sha256Hex } from '../../src/source/commit-record.ts';
import { badClusterYaml, clusterYaml } from '../source/manifests.ts';
import { bucketContents, readRecord, shipshape, writeTree } from './bucket.ts';
import { type ProxyEvent, type RecordingProxy, startRecordingProxy } from './recording-proxy.ts';

const BUCKET = 'pushed';
const ENV = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_REGION', 'AWS_ENDPOINT_URL'] as const;
const savedEnv = new Map(ENV.map((name) => [name, process.env[name]]));
let local: LocalS3;
let proxy: RecordingProxy;
let client: S3Client;
let work: string;

beforeAll(async () => {
  // The command takes credentials from the standard chain, as it would in CI.
  Object.assign(process.env, {
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_REGION: 'us-east-1',
  });
  delete process.env.AWS_ENDPOINT_URL;
  local = await startLocalS3({ buckets: [BUCKET] });
  proxy = await startRecordingProxy(local.endpoint);
  client = new S3Client(localClientConfig(local.endpoint, 'us-east-1'));
  work = await mkdtemp(join(tmpdir(), 'shipshape-push-'));
});

afterAll(async () => {
  for (const [name, value] of savedEnv) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  client?.destroy();
  await proxy?.close();
  await local?.close();
  if (work !== undefined) await rm(work, { recursive: true, force: true });
});

/** `shipshape push dir s3://BUCKET/prefix ...` through the recording proxy; the events it caused. */
async function push(dir: string, prefix: string, ...flags: string[]) {
  const from = proxy.events.length;
  const run = await shipshape(
    'push',
    dir,
    `s3://${BUCKET}/${prefix}`,
    '--endpoint-url',
    proxy.endpoint,
    ...flags,
  );
  return { ...run, events: proxy.events.slice(from) };
}

const writes = (events: readonly ProxyEvent[]) =>
  events.filter((e) => e.phase === 'sent' && (e.method === 'PUT' || e.method === 'DELETE'));
const recordPath = (prefix: string) => `/${BUCKET}/${prefix}${COMMIT_RECORD_KEY}`;
const sha = (text: string) => sha256Hex(text);

describe('shipshape push', () => {
  it('uploads nothing and exits 1 with file:line:col when the folder is invalid', async () => {
    const dir = join(work, 'invalid');
    await writeTree(dir, { 'good.yaml': clusterYaml('good'), 'bad.yaml': badClusterYaml('bad') });
    const before = await bucketContents(client, BUCKET);
    const run = await push(dir, 'invalid/');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`${dir}/bad.yaml:6:16 Cluster/default/bad: spec.clusterName:`);
    expect(run.stderr).toContain('nothing was pushed');
    expect(writes(run.events)).toEqual([]);
    expect(await bucketContents(client, BUCKET)).toEqual(before);
  });

  it('first uploads every manifest, then writes a record naming each (key, sha256, size)', async () => {
    const dir = join(work, 'first');
    const files = { 'a.yaml': clusterYaml('a'), 'apps/b.yml': clusterYaml('b') };
    await writeTree(dir, {
      ...files,
      '_drafts/c.yaml': clusterYaml('c'),
      'README.md': '# not a manifest\n',
      '.hidden/d.yaml': clusterYaml('d'),
    });
    const run = await push(dir, 'first/', '--author', 'Ada <ada@example.com>', '--message', 'first');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const objects = Object.entries(files).map(([key, text]) => ({
      key,
      sha256: sha(text),
      size: text.length,
    }));
    const id = contentCommitId(objects);
    expect(run.stdout).toContain(
      `pushed ${id} to s3://${BUCKET}/first/: 2 uploaded, 0 deleted, 0 unchanged\n`,
    );
    expect(await readRecord(client, BUCKET, 'first/')).toEqual({
      format: 'shipshape.dev/commit/v1',
      id,
      author: 'Ada <ada@example.com>',
      message: 'first',
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      objects,
    });
    // The record is the last write; the first one is conditional on there being none.
    const written = writes(run.events).map((e) => e.path);
    expect(written.slice(0, 2).sort()).toEqual([`/${BUCKET}/first/a.yaml`, `/${BUCKET}/first/apps/b.yml`]);
    expect(written.slice(2)).toEqual([recordPath('first/')]);
    const contents = await bucketContents(client, BUCKET);
    expect(contents['first/a.yaml']).toBe(sha(files['a.yaml']));
    expect(contents['first/apps/b.yml']).toBe(sha(files['apps/b.yml']));
    expect(Object.keys(contents).filter((key) => key.startsWith('first/'))).toHaveLength(3);
  });

  it('uploads only what changed, deletes the removed file after the record, and names the parent', async () => {
    const dir = join(work, 'second');
    await writeTree(dir, {
      'a.yaml': clusterYaml('a'),
      'b.yaml': clusterYaml('b'),
      'c.yaml': clusterYaml('c'),
    });
    expect((await push(dir, 'second/')).code).toBe(0);
    const first = await readRecord(client, BUCKET, 'second/');

    const changed = clusterYaml('a', '  clusterName: renamed');
    await writeTree(dir, { 'a.yaml': changed, 'b.yaml': clusterYaml('b') });
    const run = await push(dir, 'second/');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('uploaded a.yaml\ndeleted c.yaml\n');
    expect(run.stdout).toMatch(/: 1 uploaded, 1 deleted, 1 unchanged\n$/);
    expect(writes(run.events).map((e) => `${e.method} ${e.path}`)).toEqual([
      `PUT /${BUCKET}/second/a.yaml`,
      `PUT ${recordPath('second/')}`,
      `DELETE /${BUCKET}/second/c.yaml`,
    ]);
    // Not only sent in that order: the delete is sent after the record's write was answered.
    const recordAnswered = run.events.findIndex(
      (e) => e.phase === 'answered' && e.path === recordPath('second/'),
    );
    const deleteSent = run.events.findIndex((e) => e.method === 'DELETE');
    expect(run.events[recordAnswered]?.status).toBe(200);
    expect(recordAnswered).toBeLessThan(deleteSent);

    const second = await readRecord(client, BUCKET, 'second/');
    expect(second.parent).toBe(first.id);
    expect(second.objects.map((o) => [o.key, o.sha256])).toEqual([
      ['a.yaml', sha(changed)],
      ['b.yaml', sha(clusterYaml('b'))],
    ]);
    const contents = await bucketContents(client, BUCKET);
    expect(contents['second/c.yaml']).toBeUndefined();
    expect(contents['second/a.yaml']).toBe(sha(changed));
  });

  it('writes nothing when the prefix already holds the commit, and repairs an object changed outside push', async () => {
    const dir = join(work, 'again');
    await writeTree(dir, { 'a.yaml': clusterYaml('a'), 'b.yaml': clusterYaml('b') });
    expect((await push(dir, 'again/')).code).toBe(0);
    const same = await push(dir, 'again/');
    expect(same.code).toBe(0);
    expect(same.stdout).toMatch(/is already at sha256:[0-9a-f]{64}: nothing to push\n$/);
    expect(writes(same.events)).toEqual([]);

    await client.send(
      new PutObjectCommand({ Bucket: BUCKET, Key: 'again/b.yaml', Body: clusterYaml('other') }),
    );
    const repaired = await push(dir, 'again/');
    expect(repaired.code).toBe(0);
    expect(writes(repaired.events).map((e) => e.path)).toEqual([
      `/${BUCKET}/again/b.yaml`,
      recordPath('again/'),
    ]);
    expect((await bucketContents(client, BUCKET))['again/b.yaml']).toBe(sha(clusterYaml('b')));
  });

  it('with --dry-run prints what would change and the record, and changes nothing', async () => {
    const dir = join(work, 'dry');
    await writeTree(dir, { 'a.yaml': clusterYaml('a'), 'b.yaml': clusterYaml('b') });
    expect((await push(dir, 'dry/')).code).toBe(0);
    const first = await readRecord(client, BUCKET, 'dry/');
    await writeTree(dir, { 'a.yaml': clusterYaml('a', '  clusterName: x'), 'n.yaml': clusterYaml('n') });
    const before = await bucketContents(client, BUCKET);

    const run = await push(dir, 'dry/', '--dry-run', '--author', 'Bob');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('would upload a.yaml\nwould upload n.yaml\nwould delete b.yaml\n');
    expect(run.stdout).toContain(`"parent": "${first.id}"`);
    expect(run.stdout).toContain('"author": "Bob"');
    expect(run.stdout).toMatch(/: 2 to upload, 1 to delete, 0 unchanged\n$/);
    expect(writes(run.events)).toEqual([]);
    expect(await bucketContents(client, BUCKET)).toEqual(before);
  });

  it('lets one of two pushes from the same parent win; the other exits 1, naming it, and deletes nothing', async () => {
    const [base, left, right] = ['base', 'left', 'right'].map((name) => join(work, `race-${name}`)) as [
      string,
      string,
      string,
    ];
    await writeTree(base, {
      'x.yaml': clusterYaml('x'),
      'y.yaml': clusterYaml('y'),
      'z.yaml': clusterYaml('z'),
    });
    expect((await push(base, 'race/')).code).toBe(0);
    // left changes y and drops x; right drops z and adds w.
    const leftY = clusterYaml('y', '  clusterName: left');
    await writeTree(left, { 'y.yaml': leftY, 'z.yaml': clusterYaml('z') });
    await writeTree(right, {
      'x.yaml': clusterYaml('x'),
      'y.yaml': clusterYaml('y'),
      'w.yaml': clusterYaml('w'),
    });

    // left is held just before its record write, having read the base record and uploaded y.
    const held = proxy.hold((method, path) => method === 'PUT' && path === recordPath('race/'));
    const leftRun = push(left, 'race/', '--author', 'Lefty');
    await held.reached;
    const rightRun = await push(right, 'race/', '--author', 'Righty');
    expect(rightRun.code).toBe(0);
    // right finds y as left uploaded it, not as the base record names it, and writes its own again.
    const rightWrites = writes(rightRun.events).map((e) => `${e.method} ${e.path}`);
    expect(rightWrites.slice(0, 2).sort()).toEqual([
      `PUT /${BUCKET}/race/w.yaml`,
      `PUT /${BUCKET}/race/y.yaml`,
    ]);
    expect(rightWrites.slice(2)).toEqual([`PUT ${recordPath('race/')}`, `DELETE /${BUCKET}/race/z.yaml`]);
    const winner = await readRecord(client, BUCKET, 'race/');
    held.release();
    const lost = await leftRun;

    expect(lost.code).toBe(1);
    expect(lost.stderr).toBe(
      `shipshape push: another push landed first (commit ${winner.id} by Righty); ` +
        'nothing was deleted; run push again to build on it\n',
    );
    // The only delete is the winner's (z); left's (x) was never sent.
    const deletes = lost.events.filter((e) => e.method === 'DELETE' && e.phase === 'sent').map((e) => e.path);
    expect(deletes).toEqual([`/${BUCKET}/race/z.yaml`]);
    expect(await readRecord(client, BUCKET, 'race/')).toEqual(winner);
    // Every object the winning record names is in the bucket as named.
    expect(winner.objects.map((o) => o.key)).toEqual(['w.yaml', 'x.yaml', 'y.yaml']);
    const contents = await bucketContents(client, BUCKET);
    for (const object of winner.objects) expect(contents[`race/${object.key}`]).toBe(object.sha256);
    expect(contents['race/z.yaml']).toBeUndefined();
  });

  it('lets one of two first pushes win when both find no record (If-None-Match: *)', async () => {
    const [one, two] = [join(work, 'first-one'), join(work, 'first-two')];
    await writeTree(one, { 'a.yaml': clusterYaml('one') });
    await writeTree(two, { 'a.yaml': clusterYaml('two') });
    const isRecord = (method: string, path: string) => method === 'PUT' && path === recordPath('both/');
    const [holdOne, holdTwo] = [proxy.hold(isRecord), proxy.hold(isRecord)];
    const runs = Promise.all([push(one, 'both/'), push(two, 'both/')]);
    await Promise.all([holdOne.reached, holdTwo.reached]);
    holdOne.release();
    holdTwo.release();
    const codes = (await runs).map((run) => run.code).sort();
    expect(codes).toEqual([0, 1]);
    const loser = (await runs).find((run) => run.code === 1);
    expect(loser?.stderr).toMatch(/another push landed first \(commit sha256:[0-9a-f]{64} by /);
  });

  it('refuses a URL that is not s3:// and a missing folder argument with exit 2', async () => {
    expect((await shipshape('push', work, 'dynamodb://table')).code).toBe(2);
    expect((await shipshape('push', 's3://bucket/prefix')).code).toBe(2);
  });

  it('refuses an empty folder', async () => {
    const dir = join(work, 'empty');
    await writeTree(dir, {});
    await writeFile(join(dir, 'notes.txt'), 'no manifests here\n');
    const run = await push(dir, 'empty/');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('holds no manifest');
    expect(writes(run.events)).toEqual([]);
  });
});
