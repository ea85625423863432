import { DeleteObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localClientConfig } from '../../src/local/client-config.ts';
import { type LocalS3, startLocalS3 } from '../../src/local/s3.ts';
import { ManualScheduler } from '../../src/reconcile/manual-scheduler.ts';
import { COMMIT_RECORD_KEY } from '../../src/source/commit-record.ts';
import { InMemoryRevisionHistory } from '../../src/source/revision-history.ts';
import { RevisionTracker, type TrackedRevision } from '../../src/source/revision-tracker.ts';
import { S3Source, type S3SourceOptions } from '../../src/source/s3-source.ts';
import { SourceReadError } from '../../src/source/source-error.ts';
import { BAD_CLUSTER_ERROR, badClusterYaml, clusterYaml, identities } from './manifests.ts';

const BUCKET = 'gitops';
let s3: LocalS3;
let client: S3Client;
/** Calls by operation name, counted by a middleware on the real client. */
const calls = new Map<string, number>();

beforeAll(async () => {
  s3 = await startLocalS3({ buckets: [BUCKET] });
  client = new S3Client(localClientConfig(s3.endpoint, 'us-east-1'));
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const command = (context.commandName ?? 'Unknown').replace(/Command$/, '');
      // The commit record's GET (one a look) is counted apart from the manifests' own.
      const key = 'Key' in args.input ? args.input.Key : undefined;
      const name = key?.endsWith(COMMIT_RECORD_KEY) === true ? `${command}:record` : command;
      calls.set(name, (calls.get(name) ?? 0) + 1);
      try {
        return await next(args);
      } catch (error) {
        if (isNotModified(error)) calls.set(`${name}:304`, (calls.get(`${name}:304`) ?? 0) + 1);
        throw error;
      }
    },
    { step: 'initialize', name: 'countCalls' },
  );
});

afterAll(async () => {
  client?.destroy();
  await s3?.close();
});

const put = (key: string, body: string) =>
  client.send(
    new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: body, ContentType: 'application/yaml' }),
  );
const remove = (key: string) => client.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: key }));
function isNotModified(error: unknown): boolean {
  const metadata =
    typeof error === 'object' && error !== null && '$metadata' in error ? error.$metadata : undefined;
  return (
    typeof metadata === 'object' &&
    metadata !== null &&
    'httpStatusCode' in metadata &&
    metadata.httpStatusCode === 304
  );
}

const gets = () => calls.get('GetObject') ?? 0;

function source(prefix: string, extra: Partial<S3SourceOptions> = {}): S3Source {
  return new S3Source({ client, bucket: BUCKET, prefix, ...extra });
}

describe('S3Source with a RevisionTracker', () => {
  const prefix = 'flow/';
  const history = new InMemoryRevisionHistory();
  let tracker: RevisionTracker;
  let first: TrackedRevision | undefined;

  it('turns a commit to the bucket into a revision with its documents', async () => {
    tracker = new RevisionTracker(source(prefix), { history });
    await put(`${prefix}clusters/web.yaml`, clusterYaml('web'));
    await put(`${prefix}clusters/api.yaml`, clusterYaml('api'));
    const outcome = await tracker.sync();
    expect(outcome.kind).toBe('accepted');
    first = tracker.current();
    expect(identities(first?.revision.documents ?? [])).toEqual([
      'Cluster/default/api',
      'Cluster/default/web',
    ]);
    expect(first?.revision.documents[0]?.source.file).toBe(`${prefix}clusters/api.yaml`);
    expect(first?.empty).toBe(false);
    expect(tracker.source.describe()).toBe(`s3://${BUCKET}/${prefix}`);
  });

  it('does not process an unchanged digest again', async () => {
    const seen: string[] = [];
    const off = tracker.onRevision((t) => seen.push(t.revision.id));
    expect((await tracker.sync()).kind).toBe('unchanged');
    off();
    expect(seen).toEqual([]);
  });

  it('rejects a bad commit whole with the exact error and keeps the last good revision', async () => {
    await put(`${prefix}clusters/bad.yaml`, badClusterYaml('bad'));
    await put(
      `${prefix}clusters/web.yaml`,
      clusterYaml('web', '  settings: [{name: containerInsights, value: enabled}]'),
    );
    const outcome = await tracker.sync();
    expect(outcome.kind).toBe('rejected');
    const rejected = tracker.lastRejected();
    expect(rejected?.errors).toEqual([
      expect.objectContaining({ ...BAD_CLUSTER_ERROR, file: `${prefix}clusters/bad.yaml` }),
    ]);
    expect(rejected?.id).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(tracker.current()?.revision.id).toBe(first?.revision.id);
    const [entry] = history.list();
    expect(entry).toMatchObject({
      id: rejected?.id,
      result: 'rejected',
      errorCount: 1,
      source: `s3://${BUCKET}/${prefix}`,
    });
    expect(entry?.errors?.[0]).toMatchObject({
      code: 'SS111',
      file: `${prefix}clusters/bad.yaml`,
      line: 6,
      column: 16,
    });
  });

  it('accepts the fix', async () => {
    const announced: TrackedRevision[] = [];
    tracker.onRevision((t) => announced.push(t));
    await put(`${prefix}clusters/bad.yaml`, clusterYaml('bad'));
    expect((await tracker.sync()).kind).toBe('accepted');
    expect(tracker.lastRejected()).toBeUndefined();
    expect(announced.map((t) => identities(t.revision.documents))).toEqual([
      ['Cluster/default/api', 'Cluster/default/bad', 'Cluster/default/web'],
    ]);
    expect(tracker.current()?.revision.id).not.toBe(first?.revision.id);
  });

  it('changes the revision and its resource set when an object is deleted', async () => {
    const before = tracker.current();
    await remove(`${prefix}clusters/bad.yaml`);
    expect((await tracker.sync()).kind).toBe('accepted');
    expect(identities(tracker.current()?.revision.documents ?? [])).toEqual([
      'Cluster/default/api',
      'Cluster/default/web',
    ]);
    expect(tracker.current()?.digest).not.toBe(before?.digest);
  });

  it('keeps the last good revision and counts a read that fails', async () => {
    const failing = new RevisionTracker(new S3Source({ client, bucket: 'no-such-bucket', prefix: '' }));
    const outcome = await failing.sync();
    expect(outcome.kind).toBe('read-error');
    expect(outcome.kind === 'read-error' && outcome.error).toBeInstanceOf(SourceReadError);
    expect(failing.readErrors().count).toBe(1);
    expect(failing.current()).toBeUndefined();
  });
});

describe('S3Source reads', () => {
  it('takes 100 manifests across nested prefixes in one revision, leaving ignored and other files out', async () => {
    const prefix = 'many/';
    const keys = Array.from(
      { length: 100 },
      (_, i) => `${prefix}team-${i % 4}/app-${i % 7}/c-${String(i).padStart(3, '0')}.yaml`,
    );
    await Promise.all(keys.map((key, i) => put(key, clusterYaml(`c-${String(i).padStart(3, '0')}`))));
    await put(`${prefix}_drafts/draft.yaml`, badClusterYaml('draft'));
    await put(`${prefix}team-0/.hidden.yml`, badClusterYaml('hidden'));
    await put(`${prefix}README.md`, '# not a manifest');
    const listings = calls.get('ListObjectsV2') ?? 0;
    const tracker = new RevisionTracker(source(prefix, { listPageSize: 7 }));
    expect((await tracker.sync()).kind).toBe('accepted');
    // 104 keys, 7 a page, listed twice (before and after the gets).
    expect((calls.get('ListObjectsV2') ?? 0) - listings).toBe(2 * 15);
    const documents = tracker.current()?.revision.documents ?? [];
    expect(documents).toHaveLength(100);
    expect(new Set(documents.map((d) => d.source.file))).toEqual(new Set(keys));
  });

  it('fetches only the objects whose ETag changed', async () => {
    const prefix = 'fetch-count/';
    await put(`${prefix}a.yaml`, clusterYaml('a'));
    await put(`${prefix}b.yaml`, clusterYaml('b'));
    await put(`${prefix}c.yaml`, clusterYaml('c'));
    const s = source(prefix);
    const start = gets();
    await s.snapshot();
    expect(gets() - start).toBe(3);
    await s.snapshot();
    expect(gets() - start).toBe(3);
    await put(`${prefix}b.yaml`, clusterYaml('b', '  settings: [{name: containerInsights, value: enabled}]'));
    const snapshot = await s.snapshot();
    expect(gets() - start).toBe(4);
    expect(snapshot.inputs.find((i) => i.file === `${prefix}b.yaml`)?.content).toContain('containerInsights');
  });

  it('treats a 304 to the conditional GET as the cached content and reads again', async () => {
    const prefix = 'not-modified/';
    const original = clusterYaml('a');
    await put(`${prefix}a.yaml`, original);
    let reverts = 0;
    const s = source(prefix, {
      onListed: async () => {
        // Puts back the cached content after the listing saw the edit: the GET answers 304.
        if (reverts === 1) await put(`${prefix}a.yaml`, original);
        reverts++;
      },
    });
    await s.snapshot();
    await put(`${prefix}a.yaml`, clusterYaml('a', '  settings: [{name: containerInsights, value: enabled}]'));
    const start = gets();
    const notModified = calls.get('GetObject:304') ?? 0;
    const snapshot = await s.snapshot();
    expect(gets() - start).toBe(1);
    expect((calls.get('GetObject:304') ?? 0) - notModified).toBe(1);
    expect(snapshot.inputs[0]?.content).toBe(original);
    expect(reverts).toBe(3);
  });

  it('never yields a mixed revision when an object changes between the listing and the gets', async () => {
    const prefix = 'mid-change/';
    await put(`${prefix}a.yaml`, clusterYaml('a'));
    await put(`${prefix}b.yaml`, clusterYaml('b'));
    let changes = 0;
    const s = source(prefix, {
      onListed: async () => {
        if (changes++ > 0) return;
        // The commit lands after the listing: a's new ETag is not the listed one.
        await put(
          `${prefix}a.yaml`,
          clusterYaml('a', '  settings: [{name: containerInsights, value: enabled}]'),
        );
        await put(
          `${prefix}b.yaml`,
          clusterYaml('b', '  settings: [{name: containerInsights, value: disabled}]'),
        );
      },
    });
    const snapshot = await s.snapshot();
    expect(changes).toBe(2);
    expect(snapshot.inputs.map((i) => i.content.includes('containerInsights'))).toEqual([true, true]);
    expect(snapshot.digest).toBe((await source(prefix).snapshot()).digest);
  });

  it('starts over when an object is deleted between the listing and the gets', async () => {
    const prefix = 'mid-delete/';
    await put(`${prefix}a.yaml`, clusterYaml('a'));
    await put(`${prefix}b.yaml`, clusterYaml('b'));
    let listings = 0;
    const s = source(prefix, {
      onListed: async () => {
        if (listings++ === 0) await remove(`${prefix}b.yaml`);
      },
    });
    const snapshot = await s.snapshot();
    expect(snapshot.inputs.map((i) => i.file)).toEqual([`${prefix}a.yaml`]);
    expect(listings).toBe(2);
  });

  it('gives up with a retryable SourceReadError when the prefix keeps changing', async () => {
    const prefix = 'churn/';
    await put(`${prefix}a.yaml`, clusterYaml('a'));
    let n = 0;
    const s = source(prefix, {
      attempts: 3,
      onListed: async () => {
        n++;
        await put(
          `${prefix}a.yaml`,
          clusterYaml('a', `  settings: [{name: containerInsights, value: v${n}}]`),
        );
      },
    });
    const error = await s.snapshot().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SourceReadError);
    expect(error).toMatchObject({ code: 'SS100', retryable: true });
    expect(n).toBe(3);
  });

  it('flags an empty prefix as empty', async () => {
    const tracker = new RevisionTracker(source('nothing-here/'));
    const outcome = await tracker.sync();
    expect(outcome.kind).toBe('accepted');
    expect(tracker.current()?.empty).toBe(true);
    expect(tracker.current()?.revision.documents).toEqual([]);
  });

  it('polls on the injected scheduler and announces a new commit', async () => {
    const prefix = 'polled/';
    await put(`${prefix}a.yaml`, clusterYaml('a'));
    const scheduler = new ManualScheduler();
    const tracker = new RevisionTracker(source(prefix, { scheduler, pollIntervalMs: 5_000 }));
    const announced: string[][] = [];
    tracker.onRevision((t) => announced.push(identities(t.revision.documents)));
    await tracker.start();
    await put(`${prefix}b.yaml`, clusterYaml('b'));
    await scheduler.advance(4_999);
    expect(announced).toHaveLength(1);
    await scheduler.advance(1);
    await tracker.sync();
    expect(announced).toEqual([['Cluster/default/a'], ['Cluster/default/a', 'Cluster/default/b']]);
    await tracker.stop();
    expect(scheduler.pending).toBe(0);
  });
});
