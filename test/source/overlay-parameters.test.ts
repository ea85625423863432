import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeleteParameterCommand, PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { dispatch } from '../../src/cli/dispatch.ts';
import { EmulatorControl } from '../../src/emulator/control-client.ts';
import { type RunningEmulator, startEmulator } from '../../src/emulator/server.ts';
import { formatDiagnostic } from '../../src/manifest/diagnostic.ts';
import { FolderSource } from '../../src/source/folder-source.ts';
import { RevisionTracker } from '../../src/source/revision-tracker.ts';
import { ssmParameterStore } from '../../src/source/ssm-parameter-store.ts';
import { CliOutput } from '../cli/cli-output.ts';

vi.setConfig({ testTimeout: 60_000 });

const SECRET = 'pw-7Hq2ZsecretX';
const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };

const TASK = `apiVersion: shipshape.dev/v1
kind: TaskDefinition
metadata:
  name: worker
spec:
  requiresCompatibilities: [FARGATE]
  networkMode: awsvpc
  cpu: "256"
  memory: "512"
  containerDefinitions:
    - name: worker
      image: registry.example.com/worker:1
      essential: true
      environment:
        - {name: QUEUE_URL, value: "https://sqs.example.com/\${queue}"}
        - {name: DB_URL, value: "postgres://app:\${db_password}@db:5432/app"}
`;

const OVERLAY = `base: ../base
namespace: dev
parameters:
  queue: /dev/queue
  db_password: /dev/db/password
`;

let running: RunningEmulator;
let control: EmulatorControl;
let ssm: SSMClient;
let root: string;
let trees = 0;

beforeAll(async () => {
  running = await startEmulator();
  control = new EmulatorControl(running.endpoint);
  ssm = new SSMClient({ endpoint: running.endpoint, region: 'us-east-1', credentials, maxAttempts: 1 });
  root = await mkdtemp(join(tmpdir(), 'shipshape-overlay-parameters-'));
});
afterAll(async () => {
  ssm.destroy();
  await running.close();
  await rm(root, { recursive: true, force: true });
});
beforeEach(async () => {
  await control.reset();
  await put('/dev/queue', 'jobs-1', 'String');
  await put('/dev/db/password', SECRET, 'SecureString');
});

async function put(name: string, value: string, type: 'String' | 'SecureString'): Promise<void> {
  await ssm.send(new PutParameterCommand({ Name: name, Value: value, Type: type, Overwrite: true }));
}

/** base/ and dev/ in a fresh folder; returns dev/. */
async function overlayTree(task = TASK): Promise<string> {
  const dir = join(root, `t${++trees}`);
  await mkdir(join(dir, 'base'), { recursive: true });
  await mkdir(join(dir, 'dev'), { recursive: true });
  await writeFile(join(dir, 'base', 'task.yaml'), task);
  await writeFile(join(dir, 'dev', 'overlay.yaml'), OVERLAY);
  return join(dir, 'dev');
}

function trackerOf(dir: string) {
  const parameters = ssmParameterStore({ endpoint: running.endpoint, region: 'us-east-1', credentials });
  return new RevisionTracker(new FolderSource({ dir, fsWatch: false, parameters }));
}

function environmentOf(tracker: RevisionTracker): unknown {
  const [task] = tracker.current()?.revision.documents ?? [];
  const [container] = (task?.spec.containerDefinitions ?? []) as Array<{ environment: unknown }>;
  return container?.environment;
}

describe('overlay parameters from SSM Parameter Store', () => {
  it('substitutes String and SecureString values read with decryption', async () => {
    const tracker = trackerOf(await overlayTree());
    expect((await tracker.sync()).kind).toBe('accepted');
    expect(environmentOf(tracker)).toEqual([
      { name: 'QUEUE_URL', value: 'https://sqs.example.com/jobs-1' },
      { name: 'DB_URL', value: `postgres://app:${SECRET}@db:5432/app` },
    ]);
  });

  it('a parameter changed in SSM, nothing else, makes the next look a new revision', async () => {
    const tracker = trackerOf(await overlayTree());
    await tracker.sync();
    const before = tracker.current();
    await put('/dev/queue', 'jobs-2', 'String');
    expect((await tracker.sync()).kind).toBe('accepted');
    expect(tracker.current()?.digest).not.toBe(before?.digest);
    expect(tracker.current()?.revision.id).not.toBe(before?.revision.id);
    expect(environmentOf(tracker)).toContainEqual({
      name: 'QUEUE_URL',
      value: 'https://sqs.example.com/jobs-2',
    });
  });

  it('a missing parameter rejects the revision, naming it at the overlay line', async () => {
    const tracker = trackerOf(await overlayTree());
    await ssm.send(new DeleteParameterCommand({ Name: '/dev/queue' }));
    expect((await tracker.sync()).kind).toBe('rejected');
    expect((tracker.lastRejected()?.errors ?? []).map(formatDiagnostic)).toEqual([
      // biome-ignore lint/suspicious/noTemplateCurlyInString: an overlay variable, written as the user writes it
      'overlay.yaml:4:10: parameters.queue: SSM parameter "/dev/queue" does not exist (for ${queue}) [SS119]',
    ]);
  });

  it('an error quoting a SecureString value masks it', async () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: an overlay variable, written as the user writes it
    const task = TASK.replace('networkMode: awsvpc', 'networkMode: "${db_password}"');
    const tracker = trackerOf(await overlayTree(task));
    expect((await tracker.sync()).kind).toBe('rejected');
    const errors = (tracker.lastRejected()?.errors ?? []).map(formatDiagnostic);
    expect(errors).toEqual([
      expect.stringMatching(
        /^\.\.\/base\/task\.yaml:7:16 .*networkMode: must be one of .*, not "\*\*\*\*" \[SS115\]$/,
      ),
    ]);
    expect(errors.join('\n')).not.toContain(SECRET);
  });

  describe('validate and plan', () => {
    beforeAll(() => {
      vi.stubEnv('AWS_ENDPOINT_URL', running.endpoint);
      vi.stubEnv('AWS_REGION', 'us-east-1');
      vi.stubEnv('AWS_ACCESS_KEY_ID', 'test');
      vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'test');
    });
    afterAll(() => {
      vi.unstubAllEnvs();
    });

    it('--show-rendered masks SecureString values and says where each variable came from', async () => {
      const out = new CliOutput();
      expect(await dispatch(['validate', await overlayTree(), '--show-rendered'], out.io)).toBe(0);
      expect(out.stdout).toContain('value: "postgres://app:****@db:5432/app"\n');
      expect(out.stdout).toContain(
        '# variables: db_password (ssm:/dev/db/password, secret), queue (ssm:/dev/queue)\n',
      );
      expect(out.stdout + out.stderr).not.toContain(SECRET);
    });

    it('plan prints a SecureString value in a field diff masked', async () => {
      const applied = new CliOutput();
      expect(await dispatch(['apply', await overlayTree()], applied.io)).toBe(0);
      // The same task definition, its image tag now the secret: the diff names the new value.
      // biome-ignore lint/suspicious/noTemplateCurlyInString: an overlay variable, written as the user writes it
      const tagged = TASK.replace('worker:1', 'worker:${db_password}');
      const out = new CliOutput();
      expect(await dispatch(['plan', await overlayTree(tagged)], out.io)).toBe(0);
      expect(out.stdout).toContain(
        '~ containerDefinitions[name=worker].image: "registry.example.com/worker:1" -> "registry.example.com/worker:****"',
      );
      expect(out.stdout + out.stderr).not.toContain(SECRET);
    });
  });
});
