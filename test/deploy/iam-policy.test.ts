import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  buildPolicy,
  type PolicyDocument,
  reachableFiles,
  requiredActions,
  scanAwsCalls,
  scanSource,
  TEMPLATE_POLICY_PATH,
} from '../../scripts/gen-iam-policy.ts';
import { at, readTemplate, walk } from './cloudformation-tags.ts';

const policy = JSON.parse(
  readFileSync(new URL('../../deploy/iam-policy.json', import.meta.url), 'utf8'),
) as PolicyDocument;
const calls = scanAwsCalls();

function policyActions(document: PolicyDocument): Set<string> {
  return new Set(document.Statement.flatMap((statement) => statement.Action));
}

/** `{'Fn::Sub': text}` back to `text`, so the template's document compares with the JSON file. */
function unwrapSub(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(unwrapSub);
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value);
  const [only] = entries;
  if (entries.length === 1 && only?.[0] === 'Fn::Sub' && typeof only[1] === 'string') return only[1];
  return Object.fromEntries(entries.map(([key, child]) => [key, unwrapSub(child)]));
}

describe('deploy/iam-policy.json', () => {
  it('names exactly the actions of the AWS calls in src/ (fix: npm run gen:iam)', () => {
    const needed = requiredActions(calls);
    const granted = policyActions(policy);
    const difference = {
      missingFromPolicy: [...needed].filter((action) => !granted.has(action)).sort(),
      notCalledByCode: [...granted].filter((action) => !needed.has(action)).sort(),
    };
    expect(difference).toEqual({ missingFromPolicy: [], notCalledByCode: [] });
  });

  it('is exactly what the generator writes, resources and conditions included', () => {
    expect(policy).toEqual(buildPolicy(calls));
  });

  it('finds the calls of every service the operator uses, and none from the emulator', () => {
    const prefixes = new Set([...requiredActions(calls)].map((action) => action.split(':')[0]));
    for (const prefix of [
      'ecs',
      'elasticloadbalancing',
      'elasticfilesystem',
      'servicediscovery',
      'application-autoscaling',
      'dynamodb',
      's3',
    ]) {
      expect(prefixes).toContain(prefix);
    }
    expect(calls.filter((call) => /^src\/(emulator|local)\//.test(call.file))).toEqual([]);
    for (const action of requiredActions(calls)) expect(action).toMatch(/^[a-z0-9-]+:[A-Z][A-Za-z0-9]+$/);
  });

  it('scans what serve can load, and not dev, put-manifests, the emulator or the local servers', () => {
    const files = reachableFiles();
    expect(files).toEqual(
      expect.arrayContaining(['src/cli/serve.ts', 'src/state/lease.ts', 'src/source/s3-fetch.ts']),
    );
    expect(
      files.filter((file) => /^src\/(emulator|local)\/|^src\/cli\/(dev|put-manifests)\.ts$/.test(file)),
    ).toEqual([]);
    expect(requiredActions(calls)).not.toContain('s3:PutObject');
  });

  it('gives the state table only the calls of src/state/, on the table and its index', () => {
    const state = policy.Statement.find((statement) => statement.Sid === 'StateTable');
    expect(state?.Action).toEqual(
      expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:ConditionCheckItem']),
    );
    expect(state?.Resource).toEqual([
      expect.stringMatching(/:table\/\$\{StateTable\}$/),
      expect.stringMatching(/:table\/\$\{StateTable\}\/index\/\*$/),
    ]);
  });

  it('passes only the roles under PassRolePrefix, and only to ECS and Application Auto Scaling', () => {
    const pass = policy.Statement.find((statement) => statement.Action.includes('iam:PassRole'));
    expect(pass?.Action).toEqual(['iam:PassRole']);
    expect(pass?.Resource).toMatch(/:role\/\$\{PassRolePrefix\}\*$/);
    expect(Object.keys(pass?.Condition ?? {})).toEqual(['StringEquals']);
    expect(Object.keys(pass?.Condition?.StringEquals ?? {})).toEqual(['iam:PassedToService']);
  });

  it('fits an inline role policy (10,240 characters without whitespace)', () => {
    expect(JSON.stringify(policy).length).toBeLessThan(10_240);
  });
});

describe('the CloudFormation template', () => {
  it('gives the task role the same policy document, with each substitution through Fn::Sub', () => {
    const template = readTemplate();
    const document = at(template, ...TEMPLATE_POLICY_PATH);
    expect(unwrapSub(document)).toEqual(policy);
    const subs = [...walk(document)].filter((value) => at(value, 'Fn::Sub') !== undefined);
    expect(subs.length).toBeGreaterThan(0);
    const bare = [...walk(document)].filter(
      (value) =>
        typeof value === 'string' &&
        value.includes('${') &&
        !subs.some((sub) => at(sub, 'Fn::Sub') === value),
    );
    expect(bare).toEqual([]);
    expect(at(template, 'Resources', 'TaskRolePolicy', 'Properties', 'RoleName')).toEqual({
      Ref: 'TaskRole',
    });
  });
});

describe('the call scanner', () => {
  it('follows renamed imports, paginators, waiters and the document client', () => {
    const source = `
      import { GetObjectCommand as Fetch, paginateListObjectsV2 } from '@aws-sdk/client-s3';
      import { waitUntilTableExists, type DescribeTableCommand } from '@aws-sdk/client-dynamodb';
      import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
      import { ListClustersCommand } from '@aws-sdk/client-ecs';
      await s3.send(new Fetch({ Bucket: 'b', Key: 'k' }));
      for await (const page of paginateListObjectsV2({ client: s3 }, { Bucket: 'b' })) void page;
      await waitUntilTableExists({ client, maxWaitTime: 5 }, { TableName: 't' });
      await doc.send(new TransactWriteCommand({ TransactItems: [] }));
      const notACall = 'new ListClustersCommand(';
    `;
    const found = scanSource('src/example.ts', source);
    expect(found.map((call) => [call.operation, call.actions])).toEqual([
      ['GetObject', ['s3:GetObject']],
      ['ListObjectsV2', ['s3:ListBucket']],
      ['TableExists', ['dynamodb:DescribeTable']],
      [
        'TransactWrite',
        ['dynamodb:ConditionCheckItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'],
      ],
    ]);
  });

  it('refuses an SDK package or operation it cannot map, naming the line', () => {
    expect(() =>
      scanSource(
        'src/x.ts',
        "import { SendEmailCommand } from '@aws-sdk/client-ses';\nnew SendEmailCommand({});",
      ),
    ).toThrow(/^src\/x\.ts:2: no IAM prefix known for @aws-sdk\/client-ses/);
    expect(() =>
      scanSource(
        'src/y.ts',
        "import { PutObjectCommand } from '@aws-sdk/client-s3';\nnew PutObjectCommand({});",
      ),
    ).toThrow(/^src\/y\.ts:2: no IAM action known for @aws-sdk\/client-s3 PutObject/);
  });
});
