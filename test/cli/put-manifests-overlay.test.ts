import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { putManifestsCommand } from '../../src/cli/put-manifests.ts';
import { LOCAL_CREDENTIALS, localClientConfig } from '../../src/local/client-config.ts';
import { type LocalDynamoDb, startLocalDynamoDb } from '../../src/local/dynamodb.ts';
import { loadRendering, renderDirectory } from '../../src/manifest/overlay/index.ts';
import { queryItems } from '../../src/source/manifest-table.ts';
import { createManifestTable } from '../../src/source/manifest-table-create.ts';
import { openSource } from '../../src/source/open-source.ts';
import { RevisionTracker } from '../../src/source/revision-tracker.ts';
import { identities } from '../source/manifests.ts';

const RUNNER = join(import.meta.dirname, '../../manifests/environments/runner');
const ENV = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_REGION'] as const;
const savedEnv = new Map(ENV.map((name) => [name, process.env[name]]));
let dynamodb: LocalDynamoDb;
let client: DynamoDBClient;
let doc: DynamoDBDocumentClient;
let work: string;
let tables = 0;

beforeAll(async () => {
  Object.assign(process.env, {
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_REGION: 'us-east-1',
  });
  dynamodb = await startLocalDynamoDb();
  client = new DynamoDBClient(localClientConfig(dynamodb.endpoint, 'us-east-1'));
  doc = DynamoDBDocumentClient.from(client);
  work = await mkdtemp(join(tmpdir(), 'shipshape-put-manifests-overlay-'));
});

afterAll(async () => {
  for (const [name, value] of savedEnv) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  client?.destroy();
  await dynamodb?.close();
  if (work !== undefined) await rm(work, { recursive: true, force: true });
});

async function putManifests(dir: string, table: string) {
  let stdout = '';
  let stderr = '';
  const code = await putManifestsCommand.run([dir, '--table', table, '--endpoint-url', dynamodb.endpoint], {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
  });
  return { code, stdout, stderr };
}

async function freshTable(): Promise<string> {
  const table = `runner-${++tables}`;
  await createManifestTable(client, table);
  return table;
}

async function runnerCopy(name: string): Promise<string> {
  const dir = join(work, name);
  await cp(RUNNER, dir, { recursive: true });
  return dir;
}

describe('shipshape put-manifests of a folder holding overlays', () => {
  it('writes base and overlays as they are; dynamodb://table/prod and /dev render each', async () => {
    const dir = await runnerCopy('valid');
    const table = await freshTable();
    const run = await putManifests(dir, table);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect((await queryItems(doc, table)).map((item) => item.sk)).toEqual([
      'base/cluster.yaml',
      'base/service.yaml',
      'base/task-definition.yaml',
      'dev/overlay.yaml',
      'prod/overlay.yaml',
    ]);
    for (const env of ['prod', 'dev']) {
      const expected = loadRendering(await renderDirectory(join(dir, env)));
      if (!expected.ok) throw new Error(`${env} does not render`);
      const tracker = new RevisionTracker(
        openSource(`dynamodb://${table}/${env}`, {
          endpoint: dynamodb.endpoint,
          region: 'us-east-1',
          credentials: { ...LOCAL_CREDENTIALS },
        }),
      );
      expect((await tracker.sync()).kind).toBe('accepted');
      expect(identities(tracker.current()?.revision.documents ?? [])).toEqual(
        identities(expected.revision.documents),
      );
      expect(tracker.current()?.revision.id).toBe(expected.revision.id);
      expect(tracker.current()?.commit).toBeDefined();
    }
  });

  it('an invalid overlay writes nothing and names the overlay file:line:col', async () => {
    const dir = await runnerCopy('invalid');
    const overlay = join(dir, 'dev/overlay.yaml');
    const text = await readFile(overlay, 'utf8');
    await writeFile(overlay, text.replace('value: debug}', `value: "\${log_level}"}`));
    const table = await freshTable();
    const run = await putManifests(dir, table);
    expect(run.code).toBe(1);
    const line = text.split('\n').findIndex((l) => l.includes('value: debug}')) + 1;
    expect(run.stderr).toMatch(
      new RegExp(`^${dir}/dev/overlay\\.yaml:${line}:\\d+.* unknown variable "log_level"`, 'm'),
    );
    expect(run.stderr).toContain('nothing was written');
    expect(await queryItems(doc, table)).toEqual([]);
  });
});
