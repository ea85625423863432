import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const BIN = `${REPO}bin/shipshape.js`;

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function shipshape(args: readonly string[], cwd = REPO): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
      resolve({ code, stdout, stderr });
    });
  });
}

interface JsonReport {
  valid: boolean;
  revision: {
    id: string;
    documents: Array<{ identity: string; file: string; line: number }>;
    createOrder: string[];
  } | null;
  errors: Array<Record<string, unknown>>;
  warnings: Array<Record<string, unknown>>;
}

describe('shipshape validate', () => {
  it('exits 0 for a valid folder and prints a summary with the revision', async () => {
    const run = await shipshape(['validate', 'test/fixtures/valid/web-app']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^valid: 12 manifests, 0 errors, 0 warnings, revision sha256:[0-9a-f]{64}\n$/);
  });

  it('exits 1 for an invalid folder, one line per error with the path as given', async () => {
    const run = await shipshape(['validate', 'test/fixtures/invalid/32-duplicate-identity-across-files']);
    expect(run.code).toBe(1);
    expect(run.stdout.split('\n')).toEqual([
      'test/fixtures/invalid/32-duplicate-identity-across-files/a-cluster.yaml:4:9 Cluster/default/main: metadata.name: Cluster/default/main is defined more than once (also at test/fixtures/invalid/32-duplicate-identity-across-files/b-cluster-again.yaml:2) [SS140]',
      'test/fixtures/invalid/32-duplicate-identity-across-files/b-cluster-again.yaml:5:9 Cluster/default/main: metadata.name: Cluster/default/main is defined more than once (also at test/fixtures/invalid/32-duplicate-identity-across-files/a-cluster.yaml:1) [SS140]',
      'invalid: 2 errors, 0 warnings; nothing from this revision would be applied',
      '',
    ]);
  });

  it('validates the current folder by default', async () => {
    const run = await shipshape(['validate'], `${REPO}test/fixtures/invalid/09-unknown-spec-field-typo`);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      'service.yaml:14:3 Service/default/app: spec.desiredCont: unknown field "desiredCont" [SS110]\n',
    );
  });

  it('prints errors as JSON data with --output json', async () => {
    const run = await shipshape([
      'validate',
      '--output',
      'json',
      'test/fixtures/invalid/44-load-balancer-port-not-in-task-definition',
    ]);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as JsonReport;
    expect(report.valid).toBe(false);
    expect(report.revision).toBeNull();
    expect(report.errors).toEqual([
      {
        code: 'SS145',
        severity: 'error',
        file: 'test/fixtures/invalid/44-load-balancer-port-not-in-task-definition/service.yaml',
        line: 15,
        column: 64,
        resource: 'Service/default/app',
        path: 'spec.loadBalancers[0].containerPort',
        message:
          'container "app" of task definition TaskDefinition/default/app has no portMappings entry with containerPort 80',
      },
    ]);
  });

  it('exits 0 with only warnings, and gives the revision in JSON', async () => {
    const run = await shipshape(['validate', 'manifests/examples/runner', '-o', 'json']);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as JsonReport;
    expect(report.valid).toBe(true);
    expect(report.revision?.id).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(report.revision?.createOrder[0]).toMatch(/^Cluster\//);
    expect(report.errors).toEqual([]);
    expect(report.warnings.map((w) => w.code)).toContain('SS150');
  });

  it('exits 1 with SS100 when the folder cannot be read', async () => {
    const run = await shipshape(['validate', 'no/such/folder']);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^no\/such\/folder:1:1: cannot read no\/such\/folder: ENOENT.*\[SS100\]\n/);
  });

  it('rejects an unknown output format and an unknown option as usage errors', async () => {
    const [format, option] = await Promise.all([
      shipshape(['validate', '--output', 'xml']),
      shipshape(['validate', '--colour']),
    ]);
    expect([format.code, option.code]).toEqual([2, 2]);
    expect(format.stderr).toContain('unknown output "xml"');
    expect(option.stderr).toContain("Unknown option '--colour'");
  });
});

describe('shipshape', () => {
  it('names the unknown subcommand and exits 2', async () => {
    const run = await shipshape(['deploy']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /^shipshape: unknown command "deploy"; commands: validate(, [\w-]+)* \(see shipshape --help\)\n$/,
    );
  });

  it('prints the package version and the command list', async () => {
    const pkg = JSON.parse(readFileSync(`${REPO}package.json`, 'utf8')) as { version: string };
    const [version, help] = await Promise.all([shipshape(['--version']), shipshape(['--help'])]);
    expect(version).toEqual({ code: 0, stdout: `${pkg.version}\n`, stderr: '' });
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/\n {2}validate +check a folder of manifests/);
  });
});
