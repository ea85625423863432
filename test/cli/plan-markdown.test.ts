import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { dispatch } from '../../src/cli/dispatch.ts';
import { type LocalAws, startLocalAws } from '../../src/local/aws.ts';
import { CliOutput } from './cli-output.ts';

const FIRST_SECRET = 'first-secret-Hx81dQ';
const SECOND_SECRET = 'second-secret-Pz40kW';

const cluster = (name: string) =>
  `apiVersion: shipshape.dev/v1\nkind: Cluster\nmetadata: {name: ${name}, namespace: md}\nspec: {}\n`;

const taskDefinition = (image: string, password: string) => `apiVersion: shipshape.dev/v1
kind: TaskDefinition
metadata: {name: app, namespace: md}
spec:
  requiresCompatibilities: [FARGATE]
  networkMode: awsvpc
  cpu: "256"
  memory: "512"
  containerDefinitions:
    - name: app
      image: ${image}
      essential: true
      environment:
        - {name: DB_PASSWORD, value: ${password}}
`;

let local: LocalAws;
let root: string;

async function shipshape(...args: string[]): Promise<CliOutput & { code: number }> {
  const out = new CliOutput();
  const code = await dispatch([...args, '--endpoint-url', local.endpoints.aws, '--instance', 'md'], out.io);
  return Object.assign(out, { code });
}

async function folder(name: string, files: Record<string, string>): Promise<string> {
  const dir = join(root, name);
  await mkdir(dir);
  for (const [file, content] of Object.entries(files)) await writeFile(join(dir, file), content);
  return dir;
}

beforeAll(async () => {
  local = await startLocalAws();
  root = await mkdtemp(join(tmpdir(), 'shipshape-plan-md-'));
  vi.stubEnv('AWS_ACCESS_KEY_ID', local.credentials.accessKeyId);
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', local.credentials.secretAccessKey);
  vi.stubEnv('AWS_REGION', local.region);
  const live = await folder('live', {
    'cluster.yaml': cluster('md-one'),
    'task.yaml': taskDefinition('app:1', FIRST_SECRET),
  });
  const applied = await shipshape('apply', live);
  if (applied.code !== 0) throw new Error(`apply failed:\n${applied.stdout}\n${applied.stderr}`);
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await local?.close();
  if (root !== undefined) await rm(root, { recursive: true, force: true });
});

describe('shipshape plan --output markdown', () => {
  it('prints a heading with the counts, a table of changes, and field diffs folded, secrets redacted', async () => {
    const next = await folder('next', {
      'cluster.yaml': cluster('md-one'),
      'cluster-two.yaml': cluster('md-two'),
      'task.yaml': taskDefinition('app:2', SECOND_SECRET),
    });
    const run = await shipshape('plan', next, '--output', 'markdown');
    expect(run.code).toBe(0);
    const md = run.stdout;
    // The plaintext password's warning, in the comment as on standard error.
    expect(md).toMatch(
      /\n#### 1 warning\(s\)\n\n- `[^`]+\/next\/task\.yaml:14:38` `spec\.containerDefinitions\[name=app\]\.environment\[name=DB_PASSWORD\]\.value`: .+ \(SS150\)\n/,
    );
    expect(run.stderr).toContain('[SS150]');
    const lines = md.split('\n');
    expect(lines[0]).toMatch(
      /^### Shipshape plan: 1 to create, (1 to update, 0 to replace|0 to update, 1 to replace), 0 to delete, 1 unchanged$/,
    );
    expect(lines[2]).toMatch(/^Revision `sha256:[0-9a-f]+`$/);
    expect(lines).toContain('| action | resource | fields | note |');
    expect(lines).toContain('| ➕ create | `Cluster/md/md-two` |  |  |');
    const taskRow = lines.find((line) => line.includes('`TaskDefinition/md/app`') && line.startsWith('|'));
    expect(taskRow).toMatch(/^\| \S+ (update|replace) \| `TaskDefinition\/md\/app` \| 2 \| {2}\|$/);
    expect(md).not.toContain('Cluster/md/md-one');

    const block = md.slice(md.indexOf('<details>'), md.indexOf('</details>'));
    expect(block).toMatch(
      /<summary><code>TaskDefinition\/md\/app<\/code>: (update|replace), 2 field\(s\)<\/summary>/,
    );
    const diff = block.slice(block.indexOf('```diff\n') + 8, block.lastIndexOf('```'));
    expect(diff).toContain(
      '- containerDefinitions[name=app].image: "app:1"\n+ containerDefinitions[name=app].image: "app:2"\n',
    );
    expect(diff).toMatch(
      /^- containerDefinitions\[name=app\]\.environment\[name=DB_PASSWORD\]\.value: "\(redacted\)"$/m,
    );
    expect(diff).toMatch(
      /^\+ containerDefinitions\[name=app\]\.environment\[name=DB_PASSWORD\]\.value: "\(redacted\)"$/m,
    );
    expect(md).not.toContain(FIRST_SECRET);
    expect(md).not.toContain(SECOND_SECRET);
  });

  it('says there are no changes when live matches', async () => {
    const same = await folder('same', {
      'cluster.yaml': cluster('md-one'),
      'task.yaml': taskDefinition('app:1', FIRST_SECRET),
    });
    const run = await shipshape('plan', same, '--output', 'markdown');
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n')[0]).toBe(
      '### Shipshape plan: 0 to create, 0 to update, 0 to replace, 0 to delete, 2 unchanged',
    );
    expect(run.stdout).toContain('\nNo changes. Live resources match the manifests.\n');
    expect(run.stdout).not.toContain('<details>');
  });

  it('lists the errors of an invalid folder at file:line:col, and exits 1', async () => {
    const fixture = join(import.meta.dirname, '..', 'fixtures', 'invalid', '12-desired-count-is-a-string');
    const bad = join(root, 'bad');
    await cp(fixture, bad, { recursive: true });
    const run = await shipshape('plan', bad, '--output', 'markdown');
    expect(run.code).toBe(1);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toBe('### Shipshape plan: the manifests are invalid (1 error(s))');
    expect(lines).toContainEqual(
      expect.stringMatching(
        new RegExp(`^- \`${bad}/service\\.yaml:8:17\` \`spec\\.desiredCount\`: .+ \\(SS\\d+\\)$`),
      ),
    );
    expect(run.stderr).toBe('The revision is invalid: 1 error(s). Nothing was planned.\n');
  });
});
