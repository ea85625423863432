import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localClientConfig } from '../../src/local/client-config.ts';
import { type LocalS3, startLocalS3 } from '../../src/local/s3.ts';
import { gitCommitOf } from '../../src/push/git-commit.ts';
import { clusterYaml } from '../source/manifests.ts';
import { readRecord, shipshape, writeTree } from './bucket.ts';

const run = promisify(execFile);
const BUCKET = 'from-git';
const AUTHOR = { GIT_AUTHOR_NAME: 'Ada Lovelace', GIT_AUTHOR_EMAIL: 'ada@example.com' };
const ENV = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_REGION', 'AWS_ENDPOINT_URL', 'USER'] as const;
const savedEnv = new Map(ENV.map((name) => [name, process.env[name]]));
let local: LocalS3;
let client: S3Client;
let work: string;

async function git(cwd: string, ...args: string[]): Promise<string> {
  const env = { ...process.env, ...AUTHOR, GIT_COMMITTER_NAME: 'CI', GIT_COMMITTER_EMAIL: 'ci@example.com' };
  const { stdout } = await run('git', ['-c', 'commit.gpgsign=false', ...args], { cwd, env });
  return stdout.trim();
}

/** A repository whose manifests are in `manifests/`, with one commit. */
async function repository(name: string): Promise<{ repo: string; dir: string; head: string }> {
  const repo = join(work, name);
  const dir = join(repo, 'manifests');
  await writeTree(repo, {
    'manifests/a.yaml': clusterYaml('a'),
    'manifests/b.yaml': clusterYaml('b'),
    'README.md': '# docs\n',
  });
  await git(repo, 'init', '--quiet', '--initial-branch=main');
  await git(repo, 'add', '.');
  await git(repo, 'commit', '--quiet', '-m', 'Scale the web service\n\nLonger body.');
  return { repo, dir, head: await git(repo, 'rev-parse', 'HEAD') };
}

beforeAll(async () => {
  Object.assign(process.env, {
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_REGION: 'us-east-1',
    USER: 'local-user',
  });
  delete process.env.AWS_ENDPOINT_URL;
  local = await startLocalS3({ buckets: [BUCKET] });
  client = new S3Client(localClientConfig(local.endpoint, 'us-east-1'));
  work = await mkdtemp(join(tmpdir(), 'shipshape-push-git-'));
});

afterAll(async () => {
  for (const [name, value] of savedEnv) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  client?.destroy();
  await local?.close();
  if (work !== undefined) await rm(work, { recursive: true, force: true });
});

describe('gitCommitOf', () => {
  it("gives HEAD's SHA, author and subject for a folder of a clean checkout", async () => {
    const { repo, dir, head } = await repository('clean');
    expect(await gitCommitOf(dir)).toEqual({
      sha: head,
      author: 'Ada Lovelace <ada@example.com>',
      subject: 'Scale the web service',
      dirty: false,
    });
    // A change outside the folder, or to a file that is not a manifest, leaves it clean.
    await writeFile(join(repo, 'README.md'), '# changed\n');
    await writeFile(join(dir, 'notes.txt'), 'untracked\n');
    expect((await gitCommitOf(dir))?.dirty).toBe(false);
  });

  it('says dirty for a changed, an untracked and an ignored manifest', async () => {
    const changed = await repository('changed');
    await writeFile(join(changed.dir, 'a.yaml'), clusterYaml('a', '  clusterName: edited'));
    expect((await gitCommitOf(changed.dir))?.dirty).toBe(true);

    const untracked = await repository('untracked');
    await writeFile(join(untracked.dir, 'new.yml'), clusterYaml('new'));
    expect((await gitCommitOf(untracked.dir))?.dirty).toBe(true);

    const ignored = await repository('ignored');
    await writeFile(join(ignored.repo, '.gitignore'), 'local.yaml\n');
    await git(ignored.repo, 'add', '.gitignore');
    await git(ignored.repo, 'commit', '--quiet', '-m', 'ignore');
    expect((await gitCommitOf(ignored.dir))?.dirty).toBe(false);
    await writeFile(join(ignored.dir, 'local.yaml'), clusterYaml('local'));
    expect((await gitCommitOf(ignored.dir))?.dirty).toBe(true);
  });

  it('gives nothing outside a work tree and in a repository without a commit', async () => {
    const plain = join(work, 'plain');
    await writeTree(plain, { 'a.yaml': clusterYaml('a') });
    expect(await gitCommitOf(plain)).toBeUndefined();
    const empty = join(work, 'no-commit');
    await writeTree(empty, { 'a.yaml': clusterYaml('a') });
    await git(empty, 'init', '--quiet');
    expect(await gitCommitOf(empty)).toBeUndefined();
  });
});

describe('shipshape push from a Git checkout', () => {
  it("records HEAD's SHA as the id, its author and its subject", async () => {
    const { dir, head } = await repository('pushed');
    const pushed = await shipshape('push', dir, `s3://${BUCKET}/app`, '--endpoint-url', local.endpoint);
    expect(pushed.stderr).toBe('');
    expect(pushed.code).toBe(0);
    expect(pushed.stdout).toContain(
      `pushed ${head} to s3://${BUCKET}/app/: 2 uploaded, 0 deleted, 0 unchanged\n`,
    );
    const record = await readRecord(client, BUCKET, 'app/');
    expect(record).toMatchObject({
      id: head,
      author: 'Ada Lovelace <ada@example.com>',
      message: 'Scale the web service',
    });
    expect(record.parent).toBeUndefined();

    // Uncommitted changes: the id is the content's digest, and Git's author and message are not claimed.
    await writeFile(join(dir, 'b.yaml'), clusterYaml('b', '  clusterName: edited'));
    const dirty = await shipshape('push', dir, `s3://${BUCKET}/app`, '--endpoint-url', local.endpoint);
    expect(dirty.code).toBe(0);
    expect(dirty.stderr).toContain('has uncommitted changes: the commit id is the content');
    const second = await readRecord(client, BUCKET, 'app/');
    expect(second).toMatchObject({ parent: head, author: 'local-user', message: '' });
    expect(second.id).toMatch(/^sha256:[0-9a-f]{64}$/);

    // Flags win over Git.
    await git(join(work, 'pushed'), 'commit', '--quiet', '-am', 'Edit b');
    const flagged = await shipshape(
      'push',
      dir,
      `s3://${BUCKET}/app`,
      '--endpoint-url',
      local.endpoint,
      '--author',
      'Release Bot',
      '-m',
      'release 7',
    );
    expect(flagged.code).toBe(0);
    expect(await readRecord(client, BUCKET, 'app/')).toMatchObject({
      id: await git(join(work, 'pushed'), 'rev-parse', 'HEAD'),
      parent: second.id,
      author: 'Release Bot',
      message: 'release 7',
    });
  });
});
