import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DescribeClustersCommand } from '@aws-sdk/client-ecs';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  COMMIT_FORMAT,
  COMMIT_RECORD_KEY,
  serialiseCommitRecord,
  sha256Hex,
} from '../../src/source/commit-record.ts';
import { S3Source } from '../../src/source/s3-source.ts';
import { shipshape, writeTree } from '../push/bucket.ts';
import { type RecordingProxy, startRecordingProxy } from '../push/recording-proxy.ts';
import { BUCKET, type RuntimeHarness, startRuntimeHarness } from '../support/runtime-harness.ts';

vi.setConfig({ testTimeout: 120_000 });

const PREFIX = 'live/';
const SOURCE = `s3://${BUCKET}/${PREFIX}`;
const BIN = fileURLToPath(new URL('../../bin/shipshape.js', import.meta.url));

const cluster = (name: string, version: string) =>
  `apiVersion: shipshape.dev/v1\nkind: Cluster\nmetadata: {name: ${name}, namespace: commits}\nspec:\n  tags: {version: ${version}}\n`;

const CREDENTIALS = { AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_REGION: 'us-east-1' };
const savedEnv = new Map(Object.keys(CREDENTIALS).map((name) => [name, process.env[name]]));

let h: RuntimeHarness;
let work: string;
/** The documents of every revision the operator took, in order. */
const taken: string[][] = [];

beforeAll(async () => {
  Object.assign(process.env, CREDENTIALS);
  // Commits here rename and remove resources: the prune guard is not what is tested.
  h = await startRuntimeHarness({ prefix: PREFIX, config: { pruneShare: 1 } });
  h.running.tracker.onRevision((tracked) => {
    taken.push(tracked.revision.documents.map((manifest) => manifest.identity).sort());
  });
  work = await mkdtemp(join(tmpdir(), 'shipshape-push-runtime-'));
});

afterAll(async () => {
  await h?.close();
  if (work !== undefined) await rm(work, { recursive: true, force: true });
  for (const [name, value] of savedEnv) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

async function push(dir: string, ...flags: string[]) {
  const run = await shipshape('push', dir, SOURCE, '--endpoint-url', h.local.endpoints.s3, ...flags);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return run;
}

async function versionOf(name: string): Promise<string | undefined> {
  const answer = await h.aws.ecs.send(new DescribeClustersCommand({ clusters: [name], include: ['TAGS'] }));
  const live = answer.clusters?.[0];
  if (live?.status !== 'ACTIVE') return undefined;
  return live.tags?.find((tag) => tag.key === 'version')?.value;
}

interface RevisionsBody {
  revisions: Array<{
    id: string;
    result: string;
    commit?: { id: string; parent?: string; author: string; message: string };
  }>;
}

interface ApiEvent {
  at: string;
  reason: string;
  message: string;
}

async function events(identity: string): Promise<ApiEvent[]> {
  const url = `${h.running.url}/events?identity=${encodeURIComponent(identity)}&limit=20`;
  return ((await (await fetch(url)).json()) as { events: ApiEvent[] }).events;
}

async function revisions(): Promise<RevisionsBody['revisions']> {
  return ((await (await fetch(`${h.running.url}/revisions`)).json()) as RevisionsBody).revisions;
}

/** `shipshape push` in its own process, through a proxy that holds back the upload of `heldKey`. */
async function pushKilledBefore(dir: string, heldKey: string, proxy: RecordingProxy): Promise<void> {
  const held = proxy.hold((method, path) => method === 'PUT' && path === `/${BUCKET}/${PREFIX}${heldKey}`);
  const child: ChildProcess = spawn(
    process.execPath,
    [BIN, 'push', dir, SOURCE, '--endpoint-url', proxy.endpoint, '--message', 'never lands'],
    { env: { ...process.env, ...CREDENTIALS }, stdio: 'ignore' },
  );
  const exited = once(child, 'exit');
  await held.reached;
  child.kill('SIGKILL');
  const [code, signal] = await exited;
  expect([code, signal]).toEqual([null, 'SIGKILL']);
}

describe('commits pushed to the bucket land whole', () => {
  it('applies a pushed commit, and a push killed between uploads never applies half of one', async () => {
    const dir = join(work, 'killed');
    await writeTree(dir, { 'a.yaml': cluster('alpha', 'v1'), 'b.yaml': cluster('beta', 'v1') });
    await push(dir, '--message', 'first', '--author', 'Ann <ann@example.com>');
    await h.waitFor('both clusters at v1', async () => (await versionOf('beta')) === 'v1');
    expect(await versionOf('alpha')).toBe('v1');
    // A look between the uploads and the record reads the listing (no record yet): the commit
    // shows once a look finds the record.
    const first = await h.waitFor('the first commit in force', async () => {
      const tracked = h.running.tracker.current();
      return tracked?.commit?.message === 'first' ? tracked : undefined;
    });
    expect(first.commit).toMatchObject({ author: 'Ann <ann@example.com>', message: 'first' });

    // The second commit changes both files; the push dies once a.yaml is up, before b.yaml.
    await writeTree(dir, { 'a.yaml': cluster('alpha', 'v2'), 'b.yaml': cluster('beta', 'v2') });
    const proxy = await startRecordingProxy(h.local.endpoints.s3);
    try {
      await pushKilledBefore(dir, 'b.yaml', proxy);
    } finally {
      await proxy.close();
    }
    expect(proxy.events.some((event) => event.method === 'PUT' && event.path.endsWith('/a.yaml'))).toBe(true);
    expect(proxy.events.some((event) => event.path.endsWith(COMMIT_RECORD_KEY))).toBe(true);

    // The record is the first commit's still: the operator's look keeps it. A reader starting now
    // finds a.yaml at content the commit does not name, and waits.
    expect((await h.running.tracker.sync()).kind).toBe('unchanged');
    const fresh = new S3Source({ client: h.s3, bucket: BUCKET, prefix: PREFIX });
    await expect(fresh.snapshot()).rejects.toThrow(/live\/a\.yaml does not match commit .* yet/);
    // A whole resync later, every resource reconciled: nothing of the half commit is live.
    await h.running.operator.activity.next('resyncs');
    await h.waitFor('the resync worked off', async () => h.running.operator.settled);
    expect(await versionOf('alpha')).toBe('v1');
    expect(await versionOf('beta')).toBe('v1');
    expect(h.running.tracker.current()?.revision.id).toBe(first.revision.id);

    // The push run again lands the whole commit.
    await push(dir, '--message', 'second', '--author', 'Ann <ann@example.com>');
    await h.waitFor('both clusters at v2', async () => (await versionOf('beta')) === 'v2');
    expect(await versionOf('alpha')).toBe('v2');
    const [newest] = await revisions();
    expect(newest?.commit).toMatchObject({ message: 'second', parent: first.commit?.id });
  });

  it('applies a rename as one revision, creating the new resource before deleting the old one', async () => {
    const dir = join(work, 'rename');
    const base = { 'a.yaml': cluster('alpha', 'v2'), 'b.yaml': cluster('beta', 'v2') };
    await writeTree(dir, { ...base, 'gamma.yaml': cluster('gamma', 'v1') });
    await push(dir, '--message', 'add gamma');
    await h.waitFor('gamma', async () => (await versionOf('gamma')) === 'v1');
    // The tracker tells its listeners in turn: the operator's first, which may create gamma before ours hears.
    await h.waitFor('the revision with gamma', async () => taken.at(-1)?.includes('Cluster/commits/gamma'));
    const before = taken.length;

    await writeTree(dir, { ...base, 'delta.yaml': cluster('delta', 'v1') });
    await push(dir, '--message', 'rename gamma to delta');
    await h.waitFor('delta', async () => (await versionOf('delta')) === 'v1');
    await h.waitFor('gamma gone', async () => (await versionOf('gamma')) === undefined);
    // Ours is told after the operator's listener, which may have created delta by then.
    await h.waitFor('the revision with delta', async () => taken.at(-1)?.includes('Cluster/commits/delta'));

    const after = taken.slice(before);
    expect(after).toEqual([['Cluster/commits/alpha', 'Cluster/commits/beta', 'Cluster/commits/delta']]);
    const created = (await events('Cluster/commits/delta')).find((event) => event.reason === 'Created');
    const deleted = (await events('Cluster/commits/gamma')).find((event) => event.reason === 'Deleted');
    expect(created?.reason).toBe('Created');
    expect(deleted).toBeDefined();
    expect(Date.parse(deleted?.at ?? '')).toBeGreaterThanOrEqual(Date.parse(created?.at ?? ''));
  });

  it('shows who pushed a rejected commit: in /revisions, in its event and in shipshape history', async () => {
    // A commit written by hand (or by another tool): push itself would refuse the invalid file.
    const bad =
      'apiVersion: shipshape.dev/v1\nkind: Cluster\nmetadata: {name: bad, namespace: commits}\nspec:\n  clusterName: 7\n';
    await h.s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: `${PREFIX}bad.yaml`, Body: bad }));
    const record = serialiseCommitRecord({
      format: COMMIT_FORMAT,
      id: 'f'.repeat(40),
      author: 'Mallory <mallory@example.com>',
      message: 'sneak in a bad cluster',
      time: new Date().toISOString(),
      objects: [{ key: 'bad.yaml', sha256: sha256Hex(bad), size: Buffer.byteLength(bad) }],
    });
    await h.s3.send(
      new PutObjectCommand({ Bucket: BUCKET, Key: `${PREFIX}${COMMIT_RECORD_KEY}`, Body: record }),
    );
    const rejected = await h.waitFor('the rejection', async () =>
      (await revisions()).find((revision) => revision.result === 'rejected'),
    );
    expect(rejected.commit).toMatchObject({
      id: 'f'.repeat(40),
      author: 'Mallory <mallory@example.com>',
      message: 'sneak in a bad cluster',
    });
    expect(
      (await events('operator')).find((event) => event.reason === 'RevisionRejected')?.message,
    ).toContain('(commit ffffffffffff by Mallory <mallory@example.com>: "sneak in a bad cluster")');
    const history = await shipshape('history', '--api', h.running.url);
    expect(history.code).toBe(0);
    const lines = history.stdout.split('\n');
    expect(lines[0]).toMatch(/^AT\s+RESULT\s+REVISION\s+COMMIT\s+AUTHOR\s+MESSAGE$/);
    const line = lines.find((text) => text.includes('rejected'));
    expect(line).toContain('ffffffffffff');
    expect(line).toContain('Mallory <mallory@example.com>');
    expect(line).toContain('sneak in a bad cluster');
    expect(history.stdout).toContain(`${PREFIX}bad.yaml:5:16 spec.clusterName:`);
    // Still in force: the last good commit, by Ann.
    expect(lines.find((text) => text.includes('(in force'))).toContain('rename gamma to delta');
  });
});
