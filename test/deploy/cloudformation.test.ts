import { describe, expect, it } from 'vitest';
import { SETTING_SOURCES } from '../../src/config/index.ts';
import { EVENTS_INDEX } from '../../src/state/keys.ts';
import { TTL_ATTRIBUTE } from '../../src/state/table.ts';
import { at, readTemplate, walk } from './cloudformation-tags.ts';

const template = readTemplate();
const resources = at(template, 'Resources') as Record<string, { Type: string; Properties?: unknown }>;
const parameters = Object.keys(at(template, 'Parameters') as object);
const PSEUDO = ['AWS::AccountId', 'AWS::Region', 'AWS::Partition', 'AWS::StackName', 'AWS::URLSuffix'];

function resourceOfType(type: string): { Properties?: unknown } {
  const found = Object.values(resources).filter((resource) => resource.Type === type);
  expect(found, type).toHaveLength(1);
  return found[0] ?? {};
}

describe('deploy/cloudformation.yaml', () => {
  it('creates the service, the state table, the bucket, the queue, both roles and a log group', () => {
    const types = Object.values(resources).map((resource) => resource.Type);
    expect(types).toEqual(
      expect.arrayContaining([
        'AWS::ECS::Service',
        'AWS::ECS::TaskDefinition',
        'AWS::DynamoDB::Table',
        'AWS::S3::Bucket',
        'AWS::SQS::Queue',
        'AWS::IAM::Role',
        'AWS::IAM::RolePolicy',
        'AWS::Logs::LogGroup',
      ]),
    );
    expect(types.filter((type) => type === 'AWS::IAM::Role')).toHaveLength(2);
  });

  it('keys the state table as src/state does: pk/sk, the events index, TTL', () => {
    const table = resourceOfType('AWS::DynamoDB::Table').Properties;
    expect(at(table, 'KeySchema')).toEqual([
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ]);
    expect(at(table, 'BillingMode')).toBe('PAY_PER_REQUEST');
    expect(at(table, 'GlobalSecondaryIndexes', 0, 'IndexName')).toBe(EVENTS_INDEX);
    expect(at(table, 'GlobalSecondaryIndexes', 0, 'KeySchema')).toEqual([
      { AttributeName: 'gsi1pk', KeyType: 'HASH' },
      { AttributeName: 'gsi1sk', KeyType: 'RANGE' },
    ]);
    expect(at(table, 'TimeToLiveSpecification')).toEqual({ AttributeName: TTL_ATTRIBUTE, Enabled: true });
  });

  it('versions the manifests bucket, blocks public access and notifies the queue', () => {
    const bucket = resourceOfType('AWS::S3::Bucket').Properties;
    expect(at(bucket, 'VersioningConfiguration', 'Status')).toBe('Enabled');
    expect(at(bucket, 'PublicAccessBlockConfiguration', 'BlockPublicPolicy')).toBe(true);
    expect(at(bucket, 'NotificationConfiguration', 'QueueConfigurations', 0, 'Queue')).toEqual({
      'Fn::GetAtt': ['ManifestsQueue', 'Arn'],
    });
  });

  it('runs the task with roles of its own and only known settings in its environment', () => {
    const task = resourceOfType('AWS::ECS::TaskDefinition').Properties;
    expect(at(task, 'RequiresCompatibilities')).toEqual(['FARGATE']);
    expect(at(task, 'TaskRoleArn')).toEqual({ 'Fn::GetAtt': ['TaskRole', 'Arn'] });
    expect(at(task, 'ExecutionRoleArn')).toEqual({ 'Fn::GetAtt': ['ExecutionRole', 'Arn'] });
    const container = at(task, 'ContainerDefinitions', 0);
    expect(at(container, 'LogConfiguration', 'LogDriver')).toBe('awslogs');
    const known = new Set(Object.values(SETTING_SOURCES).flatMap((source) => source.env));
    const names = (at(container, 'Environment') as { Name: string }[]).map((variable) => variable.Name);
    expect(names.filter((name) => !known.has(name))).toEqual([]);
    expect(names).not.toContain('SHIPSHAPE_API_TOKEN');
    expect(at(container, 'Secrets')).toEqual([
      { Name: 'SHIPSHAPE_API_TOKEN', ValueFrom: { Ref: 'ApiTokenSecretArn' } },
    ]);
  });

  it('refers only to parameters, resources and pseudo parameters that exist', () => {
    const known = new Set([...parameters, ...Object.keys(resources), ...PSEUDO]);
    const unknown: string[] = [];
    let references = 0;
    for (const value of walk(template)) {
      const ref = at(value, 'Ref');
      if (ref !== undefined || at(value, 'Fn::GetAtt') !== undefined || at(value, 'Fn::Sub') !== undefined)
        references += 1;
      if (typeof ref === 'string' && !known.has(ref)) unknown.push(`Ref ${ref}`);
      const getAtt = at(value, 'Fn::GetAtt', 0);
      if (typeof getAtt === 'string' && !(getAtt in resources)) unknown.push(`GetAtt ${getAtt}`);
      const sub = at(value, 'Fn::Sub');
      if (typeof sub === 'string') {
        for (const [, name] of sub.matchAll(/\$\{([^}!]+)\}/g)) {
          const head = name?.includes('::') ? name : name?.split('.')[0];
          if (head !== undefined && !known.has(head)) unknown.push(`Sub ${name}`);
        }
      }
    }
    expect(references).toBeGreaterThan(30);
    expect(unknown).toEqual([]);
  });
});
