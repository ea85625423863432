import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { dispatch } from '../../src/cli/dispatch.ts';
import { type RunningEmulator, startEmulator } from '../../src/emulator/server.ts';
import { CliOutput } from '../cli/cli-output.ts';

vi.setConfig({ testTimeout: 60_000 });

const DEV = 'manifests/environments/runner/dev';

async function shipshape(...args: string[]): Promise<CliOutput & { code: number }> {
  const out = new CliOutput();
  const code = await dispatch(args, out.io);
  return Object.assign(out, { code });
}

describe('validate and plan on an overlay folder', () => {
  it('validate --show-rendered prints each rendered manifest headed by where it came from, then the summary', async () => {
    const run = await shipshape('validate', DEV, '--show-rendered');
    expect(run.code).toBe(0);
    const documents = run.stdout.split('\n---\n');
    expect(documents.map((d) => d.split('\n').filter((line) => line.startsWith('# from ')))).toEqual([
      ['# from manifests/environments/runner/base/cluster.yaml'],
      ['# from manifests/environments/runner/base/service.yaml'],
      [
        '# from manifests/environments/runner/base/task-definition.yaml, patched by manifests/environments/runner/dev/overlay.yaml:13',
      ],
    ]);
    expect(run.stdout).toContain('  name: dev-uoc-tfm-runner\n  namespace: runner-dev\n');
    expect(run.stdout).toContain(
      'image: 451747690955.dkr.ecr.eu-south-2.amazonaws.com/uoc-tfm/runner:latest\n',
    );
    expect(run.stdout).toMatch(/\nvalid: 3 manifests, 0 errors, 0 warnings, revision sha256:[0-9a-f]{64}\n$/);
  });

  it('validate --output json carries the rendered files under "rendered"', async () => {
    const run = await shipshape('validate', DEV, '--output', 'json', '--show-rendered');
    expect(run.code).toBe(0);
    const body = JSON.parse(run.stdout) as { valid: boolean; rendered: Array<{ file: string }> };
    expect(body.valid).toBe(true);
    expect(body.rendered.map((r) => r.file)).toEqual([
      'manifests/environments/runner/base/cluster.yaml',
      'manifests/environments/runner/base/service.yaml',
      'manifests/environments/runner/base/task-definition.yaml',
    ]);
  });

  it('validate points an error at the overlay line it came from and exits 1', async () => {
    const run = await shipshape('validate', 'test/fixtures/overlays/invalid/patched-schema/env');
    expect(run.code).toBe(1);
    expect(run.stdout).toBe(
      'test/fixtures/overlays/invalid/patched-schema/env/overlay.yaml:7:23 Service/app/api: spec.desiredCount: must be an integer, not a string [SS111]\n' +
        'invalid: 1 error, 0 warnings; nothing from this revision would be applied\n',
    );
  });

  describe('plan', () => {
    let emulator: RunningEmulator;
    beforeAll(async () => {
      emulator = await startEmulator();
      // The emulator takes any key pair; the SDK needs one to sign with.
      vi.stubEnv('AWS_ACCESS_KEY_ID', 'test');
      vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'test');
    });
    afterAll(async () => {
      vi.unstubAllEnvs();
      await emulator.close();
    });

    it('plans the rendering, and --show-rendered prints it first', async () => {
      const run = await shipshape(
        'plan',
        DEV,
        '--show-rendered',
        '--endpoint-url',
        emulator.endpoint,
        '--region',
        'us-east-1',
      );
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      const [rendered, plan] = run.stdout.split(/\n(?=Revision sha256:)/);
      expect(rendered).toContain('# from manifests/environments/runner/base/service.yaml\n');
      expect(plan).toContain('Cluster/runner-dev/dev-uoc-tfm-cluster');
      expect(plan).toContain('Service/runner-dev/dev-uoc-tfm-worker-service');
    });
  });
});
