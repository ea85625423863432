import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_CREDENTIALS, localClientConfig } from '../../src/local/client-config.ts';
import { type LocalS3, startLocalS3 } from '../../src/local/s3.ts';
import { loadRendering, renderDirectory } from '../../src/manifest/overlay/index.ts';
import { COMMIT_RECORD_KEY } from '../../src/source/commit-record.ts';
import { openSource } from '../../src/source/open-source.ts';
import { RevisionTracker } from '../../src/source/revision-tracker.ts';
import { CommitPendingError } from '../../src/source/source-error.ts';
import { badClusterYaml, clusterYaml, identities } from '../source/manifests.ts';
import { bucketContents, readRecord, shipshape } from './bucket.ts';
import { type RecordingProxy, startRecordingProxy } from './recording-proxy.ts';

const BUCKET = 'overlays';
const RUNNER = join(import.meta.dirname, '../../manifests/environments/runner');
const ENV = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_REGION', 'AWS_ENDPOINT_URL'] as const;
const savedEnv = new Map(ENV.map((name) => [name, process.env[name]]));
let local: LocalS3;
let proxy: RecordingProxy;
let client: S3Client;
let work: string;
let trees = 0;

beforeAll(async () => {
  Object.assign(process.env, {
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_REGION: 'us-east-1',
  });
  delete process.env.AWS_ENDPOINT_URL;
  local = await startLocalS3({ buckets: [BUCKET] });
  proxy = await startRecordingProxy(local.endpoint);
  client = new S3Client(localClientConfig(local.endpoint, 'us-east-1'));
  work = await mkdtemp(join(tmpdir(), 'shipshape-push-overlay-'));
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

/** A copy of manifests/environments/runner outside any Git work tree: base/, dev/, prod/. */
async function runnerCopy(): Promise<string> {
  const dir = join(work, `runner-${++trees}`);
  await cp(RUNNER, dir, { recursive: true });
  return dir;
}

function push(dir: string, prefix: string, ...flags: string[]) {
  return shipshape('push', dir, `s3://${BUCKET}/${prefix}`, '--endpoint-url', local.endpoint, ...flags);
}

/** The same through the recording proxy, which can hold one of its requests back. */
function pushThroughProxy(dir: string, prefix: string, ...flags: string[]) {
  return shipshape('push', dir, `s3://${BUCKET}/${prefix}`, '--endpoint-url', proxy.endpoint, ...flags);
}

/** What an operator pointed at `s3://BUCKET/<prefix>` renders now. */
async function readSource(prefix: string) {
  const source = openSource(`s3://${BUCKET}/${prefix}`, {
    endpoint: local.endpoint,
    region: 'us-east-1',
    credentials: { ...LOCAL_CREDENTIALS },
  });
  const tracker = new RevisionTracker(source);
  return { result: await tracker.sync(), tracker };
}

/** The revision `validate <dir>` gives the overlay folder on disk. */
async function renderedOnDisk(dir: string) {
  const result = loadRendering(await renderDirectory(dir));
  if (!result.ok) throw new Error(`${dir} does not render: ${JSON.stringify(result.errors)}`);
  return result.revision;
}

const withPrefix = (prefix: string, keys: readonly string[]) => keys.map((key) => `${prefix}${key}`);

describe('shipshape push of a folder holding overlays', () => {
  it('uploads base and overlays as they are; an S3 source at <prefix>prod/ and dev/ renders each', async () => {
    const dir = await runnerCopy();
    const run = await push(dir, 'runner/');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('recorded base/ (3 objects)');
    expect(run.stdout).toContain('recorded dev/ (1 objects)');
    expect(run.stdout).toContain('recorded prod/ (1 objects)');
    const files = ['base/cluster.yaml', 'base/service.yaml', 'base/task-definition.yaml'];
    expect(
      Object.keys(await bucketContents(client, BUCKET)).filter((key) => key.startsWith('runner/')),
    ).toEqual(
      withPrefix('runner/', [
        COMMIT_RECORD_KEY,
        `base/${COMMIT_RECORD_KEY}`,
        ...files,
        `dev/${COMMIT_RECORD_KEY}`,
        'dev/overlay.yaml',
        `prod/${COMMIT_RECORD_KEY}`,
        'prod/overlay.yaml',
      ]).sort(),
    );
    const commit = await readRecord(client, BUCKET, 'runner/');
    expect(commit.objects.map((object) => object.key)).toEqual([
      ...files,
      'dev/overlay.yaml',
      'prod/overlay.yaml',
    ]);

    for (const env of ['prod', 'dev']) {
      const own = await readRecord(client, BUCKET, `runner/${env}/`);
      expect({ id: own.id, keys: own.objects.map((object) => object.key) }).toEqual({
        id: commit.id,
        keys: ['overlay.yaml'],
      });
      const expected = await renderedOnDisk(join(dir, env));
      const { result, tracker } = await readSource(`runner/${env}/`);
      expect(result.kind).toBe('accepted');
      const current = tracker.current();
      expect(identities(current?.revision.documents ?? [])).toEqual(identities(expected.documents));
      expect(identities(expected.documents)).toContain(`Service/runner-${env}/${env}-uoc-tfm-worker-service`);
      expect(current?.revision.id).toBe(expected.id);
      expect(current?.commit?.id).toBe(commit.id);
    }
    const base = await readRecord(client, BUCKET, 'runner/base/');
    expect({ id: base.id, keys: base.objects.map((object) => object.key) }).toEqual({
      id: commit.id,
      keys: ['cluster.yaml', 'service.yaml', 'task-definition.yaml'],
    });
  });

  it("reads the base through the base folder's record: a base object changed outside push is not rendered", async () => {
    const dir = await runnerCopy();
    expect((await push(dir, 'guarded/')).code).toBe(0);
    await client.send(
      new PutObjectCommand({ Bucket: BUCKET, Key: 'guarded/base/cluster.yaml', Body: clusterYaml('rogue') }),
    );
    const { result } = await readSource('guarded/prod/');
    expect(result.kind).toBe('read-error');
    const error = result.kind === 'read-error' ? result.error : undefined;
    expect(error).toBeInstanceOf(CommitPendingError);
    expect(String(error)).toContain(`s3://${BUCKET}/guarded/base/cluster.yaml does not match commit`);
  });

  it('an invalid overlay uploads nothing and names the overlay file:line:col', async () => {
    const dir = await runnerCopy();
    const overlay = join(dir, 'prod/overlay.yaml');
    const text = await readFile(overlay, 'utf8');
    await writeFile(overlay, text.replace('name: uoc-tfm-worker-service}', 'name: web}'));
    const before = await bucketContents(client, BUCKET);
    const run = await push(dir, 'invalid-overlay/');
    expect(run.code).toBe(1);
    const line = text.split('\n').findIndex((l) => l.includes('target: {kind: Service')) + 1;
    expect(run.stderr).toMatch(
      new RegExp(
        `^${dir}/prod/overlay\\.yaml:${line}:5: patches\\[\\]\\.target: patch target Service/web matches no manifest`,
        'm',
      ),
    );
    expect(run.stderr).toContain('nothing was pushed');
    expect(await bucketContents(client, BUCKET)).toEqual(before);
  });

  it('an error in a base is reported at the base file, once per overlay rendering it', async () => {
    const dir = await runnerCopy();
    await writeFile(join(dir, 'base/cluster.yaml'), badClusterYaml('uoc-tfm-cluster'));
    const before = await bucketContents(client, BUCKET);
    const run = await push(dir, 'invalid-base/');
    expect(run.code).toBe(1);
    const located = run.stderr.split('\n').filter((l) => l.startsWith(`${dir}/base/cluster.yaml:6:16 `));
    expect(located.map((l) => l.split(' ')[1])).toEqual([
      'Cluster/runner-dev/dev-uoc-tfm-cluster:',
      'Cluster/runner-prod/prod-uoc-tfm-cluster:',
    ]);
    expect(await bucketContents(client, BUCKET)).toEqual(before);
  });

  it('validates the manifests no overlay covers as they are', async () => {
    const dir = await runnerCopy();
    await writeFile(join(dir, 'shared.yaml'), badClusterYaml('shared'));
    const run = await push(dir, 'invalid-plain/');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`${dir}/shared.yaml:6:16 Cluster/default/shared: spec.clusterName:`);
    await writeFile(join(dir, 'shared.yaml'), clusterYaml('shared'));
    expect((await push(dir, 'invalid-plain/')).code).toBe(0);
  });

  it('a second push: unchanged is up to date; an overlay removed takes its record with it', async () => {
    const dir = await runnerCopy();
    const first = await push(dir, 'again/');
    expect(first.code).toBe(0);
    const firstId = (await readRecord(client, BUCKET, 'again/')).id;
    const same = await push(dir, 'again/');
    expect(same.stdout).toContain('nothing to push');

    await rm(join(dir, 'dev'), { recursive: true });
    const second = await push(dir, 'again/');
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('deleted dev/overlay.yaml');
    expect(second.stdout).toContain('deleted the record of dev/');
    const keys = Object.keys(await bucketContents(client, BUCKET));
    expect(keys.filter((key) => key.startsWith('again/dev/'))).toEqual([]);
    const prod = await readRecord(client, BUCKET, 'again/prod/');
    expect(prod.parent).toBe(firstId);
    expect(prod.id).toBe((await readRecord(client, BUCKET, 'again/')).id);
    expect((await readSource('again/prod/')).result.kind).toBe('accepted');
  });

  it('an overlay folder pushed alone: its base outside is validated from disk, noted, not pushed', async () => {
    const dir = await runnerCopy();
    expect((await push(join(dir, 'base'), 'split/base/')).code).toBe(0);
    const run = await push(join(dir, 'prod'), 'split/prod/');
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('note: base ../base is outside');
    const keys = Object.keys(await bucketContents(client, BUCKET)).filter((key) =>
      key.startsWith('split/prod/'),
    );
    expect(keys).toEqual([`split/prod/${COMMIT_RECORD_KEY}`, 'split/prod/overlay.yaml']);
    const { result, tracker } = await readSource('split/prod/');
    expect(result.kind).toBe('accepted');
    expect(tracker.current()?.revision.id).toBe((await renderedOnDisk(join(dir, 'prod'))).id);
  });

  it('a push whose folder record another push replaced after the commit record exits 1 and deletes nothing', async () => {
    const [left, right] = [await runnerCopy(), await runnerCopy()];
    expect((await push(left, 'race/')).code).toBe(0);
    const bump = async (dir: string, replicas: string) => {
      const overlay = join(dir, 'prod/overlay.yaml');
      await writeFile(
        overlay,
        (await readFile(overlay, 'utf8')).replace('desiredCount: 3', `desiredCount: ${replicas}`),
      );
    };
    await bump(left, '4');
    await bump(right, '5');
    await rm(join(right, 'dev'), { recursive: true });
    // left is held at its prod record, its commit record already written; right pushes on top of it.
    const held = proxy.hold(
      (method, path) => method === 'PUT' && path === `/${BUCKET}/race/prod/${COMMIT_RECORD_KEY}`,
    );
    const leftRun = pushThroughProxy(left, 'race/', '--author', 'Lefty');
    await held.reached;
    const rightRun = await push(right, 'race/', '--author', 'Righty');
    expect(rightRun.code).toBe(0);
    const winner = await readRecord(client, BUCKET, 'race/');
    held.release();
    const lost = await leftRun;
    expect(lost.code).toBe(1);
    expect(lost.stderr).toContain('the record of prod/ changed after this push read it');
    expect(lost.stderr).toContain(`another push landed first (commit ${winner.id} by Righty)`);
    expect(await readRecord(client, BUCKET, 'race/prod/')).toMatchObject({ id: winner.id, author: 'Righty' });
    const { result, tracker } = await readSource('race/prod/');
    expect(result.kind).toBe('accepted');
    expect(tracker.current()?.revision.id).toBe((await renderedOnDisk(join(right, 'prod'))).id);
  });

  it('--dry-run names the folder records it would write and writes nothing', async () => {
    const dir = await runnerCopy();
    const before = await bucketContents(client, BUCKET);
    const run = await push(dir, 'dry/', '--dry-run');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('would write the record of base/ (3 objects)');
    expect(run.stdout).toContain('would write the record of prod/ (1 objects)');
    expect(await bucketContents(client, BUCKET)).toEqual(before);
  });
});
