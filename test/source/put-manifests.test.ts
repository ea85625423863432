import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { putManifestsCommand } from '../../src/cli/put-manifests.ts';
import { localClientConfig } from '../../src/local/client-config.ts';
import { type LocalDynamoDb, startLocalDynamoDb } from '../../src/local/dynamodb.ts';
import { DynamoDbSource } from '../../src/source/dynamodb-source.ts';
import { FolderSource } from '../../src/source/folder-source.ts';
import { queryItems } from '../../src/source/manifest-table.ts';
import { createManifestTable } from '../../src/source/manifest-table-create.ts';
import { readTableHead } from '../../src/source/table-commit.ts';
import { clusterYaml } from './manifests.ts';

const TABLE = 'manifests';
const ENV = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_REGION'] as const;
const savedEnv = new Map(ENV.map((name) => [name, process.env[name]]));
let dynamodb: LocalDynamoDb;
let client: DynamoDBClient;
let doc: DynamoDBDocumentClient;
let dir: string;

beforeAll(async () => {
  // The command takes credentials from the standard chain, as it would in production.
  Object.assign(process.env, {
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_REGION: 'us-east-1',
  });
  dynamodb = await startLocalDynamoDb();
  client = new DynamoDBClient(localClientConfig(dynamodb.endpoint, 'us-east-1'));
  doc = DynamoDBDocumentClient.from(client);
  await createManifestTable(client, TABLE);
  dir = await mkdtemp(join(tmpdir(), 'shipshape-put-manifests-'));
});

afterAll(async () => {
  for (const [name, value] of savedEnv) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  client?.destroy();
  await dynamodb?.close();
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
});

async function run(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await putManifestsCommand.run(args, {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
  });
  return { code, stdout, stderr };
}

const versions = async () => Object.fromEntries((await queryItems(doc, TABLE)).map((i) => [i.sk, i.version]));

describe('shipshape put-manifests', () => {
  it('writes a folder that a dynamodb:// source reads back the same', async () => {
    await mkdir(join(dir, 'apps'));
    await writeFile(join(dir, 'apps', 'web.yaml'), clusterYaml('web'));
    await writeFile(join(dir, 'api.yml'), clusterYaml('api'));
    const result = await run(dir, '--table', TABLE, '--endpoint-url', dynamodb.endpoint);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toContain(`${TABLE}: 2 created, 0 updated, 0 unchanged, 0 deleted`);
    const fromTable = await new DynamoDbSource({ doc, table: TABLE }).snapshot();
    const fromFolder = await new FolderSource({ dir, fsWatch: false }).snapshot();
    expect(fromTable.inputs).toEqual(fromFolder.inputs);
    expect(await versions()).toEqual({ 'api.yml': 1, 'apps/web.yaml': 1 });
  });

  it('bumps the version of a changed file only, and keeps a removed file without --prune', async () => {
    await writeFile(
      join(dir, 'apps', 'web.yaml'),
      clusterYaml('web', '  settings: [{name: containerInsights, value: enabled}]'),
    );
    await rm(join(dir, 'api.yml'));
    const result = await run(dir, '--table', TABLE, '--endpoint-url', dynamodb.endpoint);
    expect(result.stdout).toContain('0 created, 1 updated, 0 unchanged, 0 deleted');
    expect(await versions()).toEqual({ 'api.yml': 1, 'apps/web.yaml': 2 });
  });

  it('deletes the items of removed files with --prune', async () => {
    const result = await run(dir, '--table', TABLE, '--prune', '--endpoint-url', dynamodb.endpoint);
    expect(result.stdout).toContain('deleted api.yml');
    expect(result.stdout).toContain('0 created, 0 updated, 1 unchanged, 1 deleted');
    expect(await versions()).toEqual({ 'apps/web.yaml': 2 });
  });

  it('writes a commit record with --message and --author, the author $USER by default', async () => {
    const savedUser = process.env.USER;
    process.env.USER = 'grace';
    try {
      await writeFile(join(dir, 'api.yml'), clusterYaml('api'));
      const parent = (await readTableHead(doc, TABLE))?.record.id;
      const byUser = await run(dir, '--table', TABLE, '--endpoint-url', dynamodb.endpoint);
      const head = await readTableHead(doc, TABLE);
      expect(byUser.stdout).toContain(`commit ${head?.record.id} (parent ${parent})\n`);
      expect(head?.record).toMatchObject({ author: 'grace', message: `put-manifests ${dir}`, parent });

      await writeFile(
        join(dir, 'api.yml'),
        clusterYaml('api', '  settings: [{name: containerInsights, value: enabled}]'),
      );
      const result = await run(
        dir,
        '--table',
        TABLE,
        '--message',
        'Enable insights',
        '--author',
        'Ada <ada@example.com>',
        '--endpoint-url',
        dynamodb.endpoint,
      );
      expect(result).toMatchObject({ code: 0, stderr: '' });
      const snapshot = await new DynamoDbSource({ doc, table: TABLE }).snapshot();
      expect(snapshot.commit).toMatchObject({
        author: 'Ada <ada@example.com>',
        message: 'Enable insights',
        parent: head?.record.id,
      });
      expect(snapshot.inputs.map((i) => i.file)).toEqual(['api.yml', 'apps/web.yaml']);

      const again = await run(dir, '--table', TABLE, '--endpoint-url', dynamodb.endpoint);
      expect(again.stdout).toContain(`commit ${snapshot.commit?.id} already in force\n`);
    } finally {
      if (savedUser === undefined) delete process.env.USER;
      else process.env.USER = savedUser;
    }
  });

  it('fails with exit 1 when the table does not exist', async () => {
    const result = await run(dir, '--table', 'no-such-table', '--endpoint-url', dynamodb.endpoint);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^shipshape put-manifests: .*(not found|non-existent|ResourceNotFound)/i);
  });

  it.each([
    [[]],
    [['--table', TABLE]],
    [[dir]],
    [[dir, 'other', '--table', TABLE]],
    [[dir, '--tabel', TABLE]],
  ])('answers %j with a usage error', async (args) => {
    const result = await run(...args);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('usage: shipshape put-manifests');
  });
});
