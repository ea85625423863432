import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { dispatch } from '../../src/cli/dispatch.ts';
import { type RuntimeHarness, startRuntimeHarness } from '../support/runtime-harness.ts';
import { CliOutput } from './cli-output.ts';
import { closedPort } from './closed-port.ts';

vi.setConfig({ testTimeout: 60_000 });

const cluster = (name: string) =>
  `apiVersion: shipshape.dev/v1\nkind: Cluster\nmetadata: {name: ${name}, namespace: acts}\nspec: {}\n`;

let h: RuntimeHarness;
let token: string;
let folder: string;
let tokenFile: string;
/** Everything every command printed, to look for the token in. */
const printed: string[] = [];

async function shipshape(...args: string[]): Promise<CliOutput & { code: number }> {
  const out = new CliOutput();
  const code = await dispatch([...args, '--api', h.running.url], out.io);
  printed.push(out.stdout, out.stderr);
  return Object.assign(out, { code });
}

async function healthOf(identity: string): Promise<string> {
  const body = (await (await fetch(`${h.running.url}/status/${identity}`)).json()) as { health: string };
  return body.health;
}

beforeAll(async () => {
  h = await startRuntimeHarness({ seed: { 'acts/one.yaml': cluster('one') } });
  token = h.config.apiToken ?? '';
  folder = await mkdtemp(join(tmpdir(), 'shipshape-api-actions-'));
  tokenFile = join(folder, 'token');
  await writeFile(tokenFile, `${token}\n`);
  await h.waitFor('Cluster/acts/one Healthy', async () => (await healthOf('Cluster/acts/one')) === 'Healthy');
  vi.stubEnv('SHIPSHAPE_API_TOKEN', '');
}, 120_000);
afterAll(async () => {
  vi.unstubAllEnvs();
  await h?.close();
  if (folder !== undefined) await rm(folder, { recursive: true, force: true });
});

describe('shipshape sync, reconcile, suspend, resume, prune allow', () => {
  it('refuses without a token: exit 1, naming the URL and how to give one', async () => {
    const run = await shipshape('sync');
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      `shipshape sync: POST ${h.running.url}/sync: 401 Expected an Authorization: Bearer <token> header.\nThis needs the API token: give --token-file FILE or set SHIPSHAPE_API_TOKEN.\n`,
    );
  });

  it('syncs with the token from a file', async () => {
    const run = await shipshape('sync', '--token-file', tokenFile);
    expect(run).toMatchObject({ code: 0, stdout: 'The source will be read now.\n', stderr: '' });
  });

  it('syncs with the token from SHIPSHAPE_API_TOKEN', async () => {
    vi.stubEnv('SHIPSHAPE_API_TOKEN', token);
    try {
      expect((await shipshape('sync')).code).toBe(0);
    } finally {
      vi.stubEnv('SHIPSHAPE_API_TOKEN', '');
    }
  });

  it('says the token was refused when it is wrong', async () => {
    const wrong = join(folder, 'wrong');
    await writeFile(wrong, 'not-the-token-0123456789');
    const run = await shipshape('sync', '--token-file', wrong);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(': 401 The token is wrong.\nThe API refused the token given.\n');
    expect(run.stderr).not.toContain('not-the-token');
  });

  it('names a token file it cannot read', async () => {
    const run = await shipshape('sync', '--token-file', join(folder, 'missing'));
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      `shipshape sync: cannot read the token file ${join(folder, 'missing')} (ENOENT)\n`,
    );
  });

  it('says which URL it could not reach', async () => {
    const port = await closedPort();
    const out = new CliOutput();
    const code = await dispatch(
      ['sync', '--api', `http://127.0.0.1:${port}`, '--token-file', tokenFile],
      out.io,
    );
    expect(code).toBe(1);
    expect(out.stderr).toBe(
      `shipshape sync: cannot reach the Shipshape API at http://127.0.0.1:${port}/sync: connection refused (is the operator running? see --api)\n`,
    );
    printed.push(out.stderr);
  });

  it('queues one resource, and says 404 for one no manifest names', async () => {
    const queued = await shipshape('reconcile', 'Cluster/acts/one', '--token-file', tokenFile);
    expect(queued).toMatchObject({ code: 0, stdout: 'Cluster/acts/one is queued.\n' });
    const unknown = await shipshape('reconcile', 'Cluster/acts/nowhere', '--token-file', tokenFile);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toBe(
      `shipshape reconcile: POST ${h.running.url}/reconcile/Cluster/acts/nowhere: 404 No manifest names Cluster/acts/nowhere.\n`,
    );
    const bad = await shipshape('reconcile', 'one', '--token-file', tokenFile);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('name one resource as Kind/namespace/name');
  });

  it('suspends a resource, which the operator then reports Suspended, and resumes it', async () => {
    const suspended = await shipshape('suspend', 'Cluster/acts/one', '--token-file', tokenFile);
    expect(suspended).toMatchObject({
      code: 0,
      stdout: 'Cluster/acts/one suspended: observed, never written.\n',
    });
    await h.waitFor('Suspended', async () => (await healthOf('Cluster/acts/one')) === 'Suspended');
    const again = await shipshape('suspend', 'Cluster/acts/one', '--token-file', tokenFile);
    expect(again.stdout).toBe('Cluster/acts/one was already suspended.\n');

    const resumed = await shipshape('resume', 'Cluster/acts/one', '--token-file', tokenFile);
    expect(resumed).toMatchObject({ code: 0, stdout: 'Cluster/acts/one resumed.\n' });
    await h.waitFor('Healthy again', async () => (await healthOf('Cluster/acts/one')) === 'Healthy');
  });

  it('needs a resource or --all to suspend', async () => {
    const run = await shipshape('suspend', '--token-file', tokenFile);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('name one resource as Kind/namespace/name, or give --all');
  });

  it('allows a prune of the revision in force, and refuses another revision with the reason', async () => {
    const other = await shipshape('prune', 'allow', '--revision', 'sha256:0000', '--token-file', tokenFile);
    expect(other.code).toBe(1);
    expect(other.stderr).toMatch(
      new RegExp(`^shipshape prune allow: POST ${h.running.url}/prune/allow: 409 `),
    );
    const allowed = await shipshape('prune', 'allow', '--token-file', tokenFile);
    expect(allowed.code).toBe(0);
    expect(allowed.stdout).toMatch(/^The prune guard is overridden for revision sha256:/);
    expect((await shipshape('prune', '--token-file', tokenFile)).code).toBe(2);
  });

  it('never printed the token', () => {
    expect(token.length).toBeGreaterThan(10);
    expect(printed.join('\n')).not.toContain(token);
  });
});
