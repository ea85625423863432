import { execFileSync } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parse } from 'yaml';
import { dispatch } from '../../src/cli/dispatch.ts';
import { type LocalAws, startLocalAws } from '../../src/local/aws.ts';
import { COMMIT_RECORD_KEY, parseCommitRecord } from '../../src/source/commit-record.ts';
import { CliOutput } from '../cli/cli-output.ts';
import { parseShellLine } from './shell-line.ts';

/**
 * docs/ci/*.yml run these `shipshape` lines; this runs the same lines, placeholders replaced by
 * the emulator and the local S3, so a recipe that drifts from the CLI fails here.
 */

const REPO = join(import.meta.dirname, '..', '..');
const FIXTURE = join(REPO, 'test', 'fixtures', 'valid', 'web-app');
const BUCKET = 'ci-recipes';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const strings = (value: unknown): string[] =>
  typeof value === 'string' ? [value] : Array.isArray(value) ? value.flatMap(strings) : [];

/** Every line of shell the recipe runs: GitHub steps' `run`, GitLab jobs' `script`. */
function shellOf(recipe: unknown): string[] {
  if (!isRecord(recipe)) throw new Error('a recipe is a YAML mapping');
  const scripts: string[] = [];
  if (isRecord(recipe.jobs)) {
    for (const job of Object.values(recipe.jobs)) {
      const steps = isRecord(job) && Array.isArray(job.steps) ? job.steps : [];
      for (const step of steps) if (isRecord(step)) scripts.push(...strings(step.run));
    }
  } else {
    for (const job of Object.values(recipe)) if (isRecord(job)) scripts.push(...strings(job.script));
  }
  return scripts.flatMap((script) => script.split('\n')).map((line) => line.trim());
}

/** The recipe's `npx shipshape ...` lines, in order. */
async function shipshapeLines(file: string): Promise<string[]> {
  const recipe: unknown = parse(await readFile(join(REPO, 'docs', 'ci', file), 'utf8'));
  return shellOf(recipe).filter((line) => /^npx shipshape /.test(line));
}

/** What a recipe's variables become here. */
function expansionsFor(prefix: string) {
  const variables: Readonly<Record<string, string>> = { SHIPSHAPE_BUCKET: BUCKET, SHIPSHAPE_PREFIX: prefix };
  return {
    variable: (name: string) => {
      const value = variables[name];
      if (value === undefined) throw new Error(`the recipe uses $${name}, which this test does not set`);
      return value;
    },
    command: (text: string) => {
      // Run for real, in this Git checkout, as CI runs it in the manifests' one.
      if (text !== 'git log -1 --format=%s') throw new Error(`unexpected command substitution $(${text})`);
      return execFileSync('git', ['log', '-1', '--format=%s'], { cwd: REPO, encoding: 'utf8' }).trim();
    },
  };
}

let local: LocalAws;
let root: string;

beforeAll(async () => {
  local = await startLocalAws({ buckets: [BUCKET] });
  root = await mkdtemp(join(tmpdir(), 'shipshape-ci-recipes-'));
  vi.stubEnv('AWS_ACCESS_KEY_ID', local.credentials.accessKeyId);
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', local.credentials.secretAccessKey);
  vi.stubEnv('AWS_REGION', local.region);
  vi.stubEnv('SHIPSHAPE_INSTANCE', 'ci');
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await local?.close();
  if (root !== undefined) await rm(root, { recursive: true, force: true });
});

describe.each([
  ['github-actions.yml', 'github/'],
  ['gitlab-ci.yml', 'gitlab/'],
])('the CI recipe docs/ci/%s', (file, prefix) => {
  it('validates, posts a markdown plan, and pushes a commit the bucket then holds', async () => {
    const lines = await shipshapeLines(file);
    const manifests = join(root, prefix, 'manifests');
    await cp(FIXTURE, manifests, { recursive: true });
    const expand = expansionsFor(prefix);

    const ran: string[] = [];
    for (const line of lines) {
      const { argv, stdoutFile } = parseShellLine(line, expand);
      const [npx, shipshape, command, ...rest] = argv;
      expect([npx, shipshape]).toEqual(['npx', 'shipshape']);
      const args = rest.map((arg) => (arg === 'manifests/' ? manifests : arg));
      // As the AWS SDK does in CI, but towards the emulator (ECS...) or the local S3 (push).
      vi.stubEnv('AWS_ENDPOINT_URL', command === 'push' ? local.endpoints.s3 : local.endpoints.aws);
      const out = new CliOutput();
      const code = await dispatch([command ?? '', ...args], out.io);
      expect(code, `${line}\n${out.stdout}${out.stderr}`).toBe(0);
      if (stdoutFile !== undefined) await writeFile(join(root, prefix, stdoutFile), out.stdout);
      ran.push([command, ...rest].join(' '));
    }
    expect(ran.map((run) => run.split(' ')[0])).toEqual(['validate', 'plan', 'push']);
    expect(ran[1]).toContain(' --output markdown');

    const plan = await readFile(join(root, prefix, 'plan.md'), 'utf8');
    expect(plan).toMatch(
      /^### Shipshape plan: \d+ to create, 0 to update, 0 to replace, 0 to delete, 0 unchanged\n/,
    );
    expect(plan).toContain('| ➕ create | `Cluster/');

    const s3 = new S3Client(local.clientConfig('s3'));
    try {
      const got = await s3.send(
        new GetObjectCommand({ Bucket: BUCKET, Key: `${prefix}${COMMIT_RECORD_KEY}` }),
      );
      const record = parseCommitRecord(
        (await got.Body?.transformToString()) ?? '',
        `${prefix}${COMMIT_RECORD_KEY}`,
      );
      expect(record.message).toBe(expand.command('git log -1 --format=%s'));
      expect(record.objects.map((object) => object.key).sort()).toEqual([
        'app.yaml',
        'cluster.yaml',
        'discovery.yaml',
        'network.yaml',
        'scaling.yaml',
        'storage.yaml',
      ]);
    } finally {
      s3.destroy();
    }
  });
});

describe('the shell the recipes may use', () => {
  const expand = expansionsFor('p/');

  it('expands variables in and out of quotes, command substitution, and a redirection', () => {
    expect(
      parseShellLine(
        `npx shipshape push manifests/ "s3://$SHIPSHAPE_BUCKET/\${SHIPSHAPE_PREFIX}x" 'a $b' > out.md`,
        expand,
      ),
    ).toEqual({
      argv: ['npx', 'shipshape', 'push', 'manifests/', `s3://${BUCKET}/p/x`, 'a $b'],
      stdoutFile: 'out.md',
    });
  });

  it.each([
    'npx shipshape plan | tee x',
    'npx shipshape plan && echo',
    'npx shipshape plan "$(id)"',
    'npx shipshape plan $HOME',
  ])('refuses what it cannot run faithfully: %s', (line) => {
    expect(() => parseShellLine(line, expand)).toThrow();
  });
});
