import {
  CreateBucketCommand,
  DeleteObjectCommand,
  PutBucketVersioningCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localClientConfig } from '../../src/local/client-config.ts';
import { type LocalS3, startLocalS3 } from '../../src/local/s3.ts';
import { ManualScheduler } from '../../src/reconcile/manual-scheduler.ts';
import {
  COMMIT_FORMAT,
  COMMIT_RECORD_KEY,
  type CommitObject,
  contentCommitId,
  serialiseCommitRecord,
  sha256Hex,
} from '../../src/source/commit-record.ts';
import { RevisionTracker } from '../../src/source/revision-tracker.ts';
import { S3Source, type S3SourceOptions } from '../../src/source/s3-source.ts';
import { CommitPendingError, SourceReadError } from '../../src/source/source-error.ts';
import { clusterYaml, identities } from './manifests.ts';
import { type MotoServer, motoAvailable, startMoto } from './moto-server.ts';

const BUCKET = 'commits';
const WITH_INSIGHTS = '  settings: [{name: containerInsights, value: enabled}]';
let s3: LocalS3;
let client: S3Client;
/** Calls by operation, the commit record's apart (`GetObject:record`), counted on the real client. */
const calls = new Map<string, number>();

function counted(s3Client: S3Client): S3Client {
  s3Client.middlewareStack.add(
    (next, context) => async (args) => {
      const command = (context.commandName ?? 'Unknown').replace(/Command$/, '');
      const key = 'Key' in args.input ? args.input.Key : undefined;
      const name = key?.endsWith(COMMIT_RECORD_KEY) === true ? `${command}:record` : command;
      calls.set(name, (calls.get(name) ?? 0) + 1);
      return next(args);
    },
    { step: 'initialize', name: 'countCalls' },
  );
  return s3Client;
}

const count = (name: string) => calls.get(name) ?? 0;
const counts = () => ({
  record: count('GetObject:record'),
  objects: count('GetObject'),
  listings: count('ListObjectsV2'),
});
const since = (before: ReturnType<typeof counts>) => {
  const now = counts();
  return {
    record: now.record - before.record,
    objects: now.objects - before.objects,
    listings: now.listings - before.listings,
  };
};

beforeAll(async () => {
  s3 = await startLocalS3({ buckets: [BUCKET] });
  client = counted(new S3Client(localClientConfig(s3.endpoint, 'us-east-1')));
});

afterAll(async () => {
  client?.destroy();
  await s3?.close();
});

/** Uploads one object as a push would; answers what the commit record names of it. */
async function upload(prefix: string, key: string, body: string, on = client): Promise<CommitObject> {
  const put = await on.send(
    new PutObjectCommand({ Bucket: BUCKET, Key: prefix + key, Body: body, ContentType: 'application/yaml' }),
  );
  return {
    key,
    sha256: sha256Hex(body),
    size: Buffer.byteLength(body),
    ...(put.VersionId === undefined ? {} : { versionId: put.VersionId }),
  };
}

/** Writes the commit record last, as `shipshape push` does. */
async function writeRecord(
  prefix: string,
  objects: readonly CommitObject[],
  extra: { parent?: string; on?: S3Client } = {},
): Promise<string> {
  const id = contentCommitId(objects);
  const text = serialiseCommitRecord({
    format: COMMIT_FORMAT,
    id,
    ...(extra.parent === undefined ? {} : { parent: extra.parent }),
    author: 'Ada <ada@example.com>',
    message: 'deploy',
    time: '2026-12-04T12:00:00.000Z',
    objects: [...objects],
  });
  await (extra.on ?? client).send(
    new PutObjectCommand({ Bucket: BUCKET, Key: prefix + COMMIT_RECORD_KEY, Body: text }),
  );
  return id;
}

const remove = (key: string) => client.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: key }));

function source(prefix: string, extra: Partial<S3SourceOptions> = {}): S3Source {
  return new S3Source({ client, bucket: BUCKET, prefix, ...extra });
}

describe('S3Source with a commit record', () => {
  it('reads exactly the objects the record names and ignores the others', async () => {
    const prefix = 'exact/';
    const a = await upload(prefix, 'a.yaml', clusterYaml('a'));
    const b = await upload(prefix, 'apps/b.yaml', clusterYaml('b'));
    await upload(prefix, 'stray.yaml', clusterYaml('stray'));
    const id = await writeRecord(prefix, [b, a]);
    const snapshot = await source(prefix).snapshot();
    expect(snapshot.inputs.map((i) => i.file)).toEqual([`${prefix}a.yaml`, `${prefix}apps/b.yaml`]);
    expect(snapshot.commit).toEqual({
      id,
      author: 'Ada <ada@example.com>',
      message: 'deploy',
      time: '2026-12-04T12:00:00.000Z',
    });
    expect(snapshot.empty).toBe(false);
    // The record's digest: the stray object is no part of it.
    await upload(prefix, 'stray.yaml', clusterYaml('stray', WITH_INSIGHTS));
    expect((await source(prefix).snapshot()).digest).toBe(snapshot.digest);
  });

  it('waits for an object whose content is not the committed one, keeping the last good revision', async () => {
    const prefix = 'pending/';
    const scheduler = new ManualScheduler();
    const tracker = new RevisionTracker(source(prefix, { scheduler, pollIntervalMs: 60_000 }));
    const a = await upload(prefix, 'a.yaml', clusterYaml('a'));
    await writeRecord(prefix, [a]);
    expect((await tracker.start()).kind).toBe('accepted');
    const good = tracker.current();

    // A push of commit 2 dies after its record, before its upload: the record names content not there.
    const next = clusterYaml('a', WITH_INSIGHTS);
    const id = await writeRecord(prefix, [
      { key: 'a.yaml', sha256: sha256Hex(next), size: Buffer.byteLength(next) },
    ]);
    const outcome = await tracker.sync();
    expect(outcome.kind).toBe('read-error');
    const error = outcome.kind === 'read-error' ? outcome.error : undefined;
    expect(error).toBeInstanceOf(CommitPendingError);
    expect(error).toMatchObject({ code: 'SS100', retryable: true, commit: id });
    expect(String(error instanceof Error ? error.message : error)).toBe(
      `s3://${BUCKET}/${prefix}a.yaml does not match commit ${id} yet (found sha256 ${a.sha256}, ` +
        `${a.size} bytes; the commit names sha256 ${sha256Hex(next)}, ${Buffer.byteLength(next)} bytes); waiting`,
    );
    expect(tracker.current()).toBe(good);

    // Looks again after 1 s, 2 s, 4 s, while the content stays wrong.
    const errors = () => tracker.readErrors().count;
    for (const wait of [1_000, 2_000, 4_000]) {
      const before = errors();
      expect(scheduler.nextAt).toBe(scheduler.now() + wait);
      await scheduler.advance(wait);
      await tracker.sync();
      expect(errors()).toBeGreaterThan(before);
      expect(tracker.current()).toBe(good);
    }
    // The upload lands: the next retry (8 s) takes the commit.
    await upload(prefix, 'a.yaml', next);
    expect(scheduler.nextAt).toBe(scheduler.now() + 8_000);
    const accepted = new Promise<string>((resolve) => tracker.onRevision((t) => resolve(t.digest)));
    await scheduler.advance(8_000);
    await accepted;
    expect(tracker.current()?.revision.documents[0]?.source.file).toBe(`${prefix}a.yaml`);
    expect(tracker.current()?.revision.id).not.toBe(good?.revision.id);
    // Back to polling only.
    expect(scheduler.nextAt).toBe(60_000);
    await tracker.stop();
    expect(scheduler.pending).toBe(0);
  });

  it('waits for an object the record names that is not uploaded yet', async () => {
    const prefix = 'missing/';
    const body = clusterYaml('late');
    const id = await writeRecord(prefix, [
      { key: 'late.yaml', sha256: sha256Hex(body), size: Buffer.byteLength(body) },
    ]);
    const s = source(prefix);
    const error = await s.snapshot().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CommitPendingError);
    expect(String(error)).toContain(`s3://${BUCKET}/${prefix}late.yaml does not match commit ${id} yet`);
    expect(String(error)).toContain('found no object');
    await upload(prefix, 'late.yaml', body);
    expect((await s.snapshot()).inputs.map((i) => i.file)).toEqual([`${prefix}late.yaml`]);
  });

  it('applies a rename as one revision: never both files, never neither', async () => {
    const prefix = 'rename/';
    const tracker = new RevisionTracker(source(prefix));
    const a = await upload(prefix, 'a.yaml', clusterYaml('a'));
    const old = await upload(prefix, 'old.yaml', clusterYaml('web'));
    const first = await writeRecord(prefix, [a, old]);
    const seen: { files: string[]; documents: string[]; commit: string | undefined }[] = [];
    const look = async () => {
      const outcome = await tracker.sync();
      expect(outcome.kind === 'accepted' || outcome.kind === 'unchanged').toBe(true);
      const snapshot = await source(prefix).snapshot();
      seen.push({
        files: snapshot.inputs.map((i) => i.file),
        documents: identities(tracker.current()?.revision.documents ?? []),
        commit: snapshot.commit?.id,
      });
    };
    await look();
    // The push: upload the new file, write the record, then delete the old file.
    const renamed = await upload(prefix, 'new.yaml', clusterYaml('web'));
    await look();
    const second = await writeRecord(prefix, [a, renamed], { parent: first });
    await look();
    await remove(`${prefix}old.yaml`);
    await look();
    const before = [`${prefix}a.yaml`, `${prefix}old.yaml`];
    const after = [`${prefix}a.yaml`, `${prefix}new.yaml`];
    expect(seen.map((s) => s.files)).toEqual([before, before, after, after]);
    expect(seen.map((s) => s.commit)).toEqual([first, first, second, second]);
    for (const s of seen) expect(s.documents).toEqual(['Cluster/default/a', 'Cluster/default/web']);
    expect(tracker.lastRejected()).toBeUndefined();
  });

  it('fails a look on a record that is not one, naming the record and the field', async () => {
    const prefix = 'bad-record/';
    await upload(prefix, 'a.yaml', clusterYaml('a'));
    await client.send(
      new PutObjectCommand({
        Bucket: BUCKET,
        Key: prefix + COMMIT_RECORD_KEY,
        Body: JSON.stringify({ format: COMMIT_FORMAT, id: 'x', author: '', message: '', time: 't' }),
      }),
    );
    const before = counts();
    const error = await source(prefix)
      .snapshot()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SourceReadError);
    expect(error).not.toBeInstanceOf(CommitPendingError);
    expect(String(error)).toContain(`s3://${BUCKET}/${prefix}${COMMIT_RECORD_KEY}`);
    expect(String(error)).toContain("must have required property 'objects'");
    // Not retried at once: the record will not fix itself within a look.
    expect(since(before)).toEqual({ record: 1, objects: 0, listings: 0 });
  });

  it('costs one conditional GET for an unchanged look, and fetches only objects whose sha256 changed', async () => {
    const prefix = 'steady/';
    const a = await upload(prefix, 'a.yaml', clusterYaml('a'));
    const b = await upload(prefix, 'b.yaml', clusterYaml('b'));
    const first = await writeRecord(prefix, [a, b]);
    const s = source(prefix);
    let before = counts();
    const snapshot = await s.snapshot();
    expect(since(before)).toEqual({ record: 1, objects: 2, listings: 0 });
    before = counts();
    for (let i = 0; i < 3; i++) expect(await s.snapshot()).toBe(snapshot);
    expect(since(before)).toEqual({ record: 3, objects: 0, listings: 0 });

    const changed = await upload(prefix, 'b.yaml', clusterYaml('b', WITH_INSIGHTS));
    await writeRecord(prefix, [a, changed], { parent: first });
    before = counts();
    const next = await s.snapshot();
    expect(since(before)).toEqual({ record: 1, objects: 1, listings: 0 });
    expect(next.digest).not.toBe(snapshot.digest);
    expect(next.inputs[1]?.content).toContain('containerInsights');
  });
});

describe('S3Source without a commit record', () => {
  it('reads the listing as before and says once that commits are not atomic', async () => {
    const prefix = 'no-record/';
    await upload(prefix, 'a.yaml', clusterYaml('a'));
    await upload(prefix, 'b.yaml', clusterYaml('b'));
    const notices: string[] = [];
    const s = source(prefix, { onNotice: (message) => notices.push(message) });
    const snapshot = await s.snapshot();
    expect(snapshot.inputs.map((i) => i.file)).toEqual([`${prefix}a.yaml`, `${prefix}b.yaml`]);
    expect(snapshot.commit).toBeUndefined();
    const before = counts();
    await s.snapshot();
    // The record's 404, one listing, no object fetched.
    expect(since(before)).toEqual({ record: 1, objects: 0, listings: 1 });
    await upload(prefix, 'c.yaml', clusterYaml('c'));
    expect((await s.snapshot()).inputs).toHaveLength(3);
    expect(notices).toEqual([
      `s3://${BUCKET}/${prefix} has no commit record (${COMMIT_RECORD_KEY}): commits are not atomic, ` +
        'a read between two uploads can see half of one. Write with `shipshape push` (S3) or ' +
        '`shipshape put-manifests` (DynamoDB) to make commits land whole.',
    ]);
  });

  it('switches to the record once one is written', async () => {
    const prefix = 'adopt/';
    const a = await upload(prefix, 'a.yaml', clusterYaml('a'));
    await upload(prefix, 'b.yaml', clusterYaml('b'));
    const s = source(prefix);
    expect((await s.snapshot()).inputs).toHaveLength(2);
    await writeRecord(prefix, [a]);
    const before = counts();
    expect((await s.snapshot()).inputs.map((i) => i.file)).toEqual([`${prefix}a.yaml`]);
    // a.yaml's content, read from the listing, has the sha256 the record names: not fetched again.
    expect(since(before)).toEqual({ record: 1, objects: 0, listings: 0 });
  });
});

const moto = motoAvailable();
if (!moto) console.log('[s3-commit] versioning test skipped: python3 cannot import moto.server');

describe.skipIf(!moto)('S3Source with a commit record on a versioned bucket (moto)', () => {
  let server: MotoServer;
  let versioned: S3Client;

  beforeAll(async () => {
    server = await startMoto();
    versioned = counted(new S3Client(localClientConfig(server.endpoint, 'us-east-1')));
    await versioned.send(new CreateBucketCommand({ Bucket: BUCKET }));
    await versioned.send(
      new PutBucketVersioningCommand({ Bucket: BUCKET, VersioningConfiguration: { Status: 'Enabled' } }),
    );
  });

  afterAll(async () => {
    versioned?.destroy();
    await server?.close();
  });

  it('reads the exact version the record names while the next commit is uploading', async () => {
    const prefix = 'versioned/';
    const a = await upload(prefix, 'a.yaml', clusterYaml('a'), versioned);
    expect(a.versionId).toBeDefined();
    const id = await writeRecord(prefix, [a], { on: versioned });
    // The next push has uploaded its a.yaml but not yet its record.
    await upload(prefix, 'a.yaml', clusterYaml('a', WITH_INSIGHTS), versioned);
    const snapshot = await new S3Source({ client: versioned, bucket: BUCKET, prefix }).snapshot();
    expect(snapshot.commit?.id).toBe(id);
    expect(snapshot.inputs).toEqual([{ file: `${prefix}a.yaml`, content: clusterYaml('a') }]);
  });
});
