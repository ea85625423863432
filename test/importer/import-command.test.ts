import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inCreateOrder } from '../../src/converge/ordered.ts';
import { formatDiagnostic, loadRevision, readManifestFolder } from '../../src/manifest/index.ts';
import { type ProviderHarness, startProviderHarness } from '../support/provider-harness.ts';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const BIN = `${REPO}bin/shipshape.js`;

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

let h: ProviderHarness;
let out: string;
beforeAll(async () => {
  h = await startProviderHarness();
  out = await mkdtemp(join(tmpdir(), 'shipshape-import-cli-'));
});
afterAll(async () => {
  await h.close();
  await rm(out, { recursive: true, force: true });
});

function shipshape(args: readonly string[]): Promise<Run> {
  const env = {
    ...process.env,
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_REGION: 'us-east-1',
  };
  const aws = ['--endpoint-url', h.emulator.endpoint, '--instance', 'test'];
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args, ...aws], { cwd: REPO, env }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
      resolve({ code, stdout, stderr });
    });
  });
}

describe('shipshape import', () => {
  it('writes the runner example back from AWS, and plan on what it wrote shows no change', async () => {
    const loaded = loadRevision(await readManifestFolder(join(REPO, 'manifests/examples/runner')));
    if (!loaded.ok) throw new Error(loaded.errors.map(formatDiagnostic).join('\n'));
    expect((await h.apply(inCreateOrder(loaded.revision))).converged).toBe(true);

    const imported = await shipshape(['import', '--cluster', 'uoc-tfm-cluster', '--out', out]);
    expect(imported.stderr).not.toContain('shipshape import:');
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain('3 manifest(s) written');
    expect((await readdir(join(out, 'runner'))).sort()).toEqual([
      'cluster-uoc-tfm-cluster.yaml',
      'service-uoc-tfm-worker-service.yaml',
      'task-definition-uoc-tfm-runner.yaml',
    ]);

    const planned = await shipshape(['plan', out, '--detailed-exitcode']);
    expect(planned.code).toBe(0);
  });

  it('needs --cluster, and says so', async () => {
    const run = await shipshape(['import']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--cluster is required');
  });

  it('exits 1 with the reason when the cluster does not exist', async () => {
    const run = await shipshape(['import', '--cluster', 'nowhere', '--out', out]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('cluster nowhere not found');
  });
});
