import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  buildPolicy,
  type PolicyDocument,
  type PolicyStatement,
  reachableFiles,
  requiredActions,
  scanAwsCalls,
} from '../../scripts/gen-iam-policy.ts';
import { AUTHORIZATION, MANAGED_SERVICES } from '../../scripts/iam-authorization.ts';
import { UNSCOPED, WHY } from '../../scripts/iam-statements.ts';
import { INSTANCE_TAG } from '../../src/providers/ownership.ts';
import { at, readTemplate } from './cloudformation-tags.ts';
import { isAllowed, substitute } from './iam-evaluate.ts';

const policy = JSON.parse(
  readFileSync(new URL('../../deploy/iam-policy.json', import.meta.url), 'utf8'),
) as PolicyDocument;
const calls = scanAwsCalls();
const called = new Set(calls.flatMap((call) => call.actions));
const resources = (statement: PolicyStatement): string[] =>
  typeof statement.Resource === 'string' ? [statement.Resource] : statement.Resource;
const isManaged = (action: string) => MANAGED_SERVICES.includes(action.split(':')[0] ?? '');

describe('what serve can reach', () => {
  it('is not the manifest table writer nor its table creation (put-manifests and dev only)', () => {
    const files = reachableFiles();
    expect(files).toContain('src/source/dynamodb-source.ts');
    expect(files).not.toContain('src/source/manifest-table-writer.ts');
    expect(files).not.toContain('src/source/manifest-table-create.ts');
    const manifests = policy.Statement.find((statement) => statement.Sid === 'ManifestsTable');
    // Reads only: the commit record (GetItem) and the manifests (Query).
    expect(manifests?.Action).toEqual(['dynamodb:GetItem', 'dynamodb:Query']);
  });
});

describe('Resource "*" in deploy/iam-policy.json', () => {
  it('is only in statements whose Sid says why, and the why holds for every action', () => {
    const unjustified: string[] = [];
    for (const statement of policy.Statement.filter((s) => resources(s).includes('*'))) {
      const reason = UNSCOPED[statement.Sid];
      for (const action of statement.Action) {
        const authorization = AUTHORIZATION[action];
        const holds =
          reason === 'read'
            ? authorization?.access === 'read'
            : reason === 'no-resource-level'
              ? authorization !== undefined && !authorization.resourceLevel
              : reason === 'implied'
                ? !called.has(action) && requiredActions(calls).has(action)
                : false;
        if (!holds) unjustified.push(`${statement.Sid}: ${action} (${reason ?? 'no reason'})`);
      }
    }
    expect(unjustified).toEqual([]);
  });

  it('has its reason written beside it in the template', () => {
    const template = readFileSync(new URL('../../deploy/cloudformation.yaml', import.meta.url), 'utf8');
    for (const statement of policy.Statement) {
      expect(WHY[statement.Sid], statement.Sid).toBeDefined();
      expect(template).toContain(`# ${statement.Sid}: ${WHY[statement.Sid]}`);
    }
    // Statements share condition objects; CloudFormation takes no YAML anchors or aliases.
    expect(template).not.toMatch(/[:-] [&*][A-Za-z0-9]+\s*$/m);
  });
});

describe('the writes to ECS, ELB, EFS, Cloud Map and Application Auto Scaling', () => {
  it('are all looked up in the Service Authorization Reference (scripts/iam-authorization.ts)', () => {
    const missing = [...requiredActions(calls)].filter((a) => isManaged(a) && AUTHORIZATION[a] === undefined);
    expect(missing).toEqual([]);
  });

  it('are conditioned on the instance tag wherever the reference gives the action a tag key', () => {
    const unconditioned: string[] = [];
    for (const statement of policy.Statement) {
      const keys = Object.values(statement.Condition ?? {}).flatMap((block) => Object.keys(block));
      const onInstanceTag = keys.some((key) => key.endsWith(`Tag/${INSTANCE_TAG}`));
      for (const action of statement.Action.filter(isManaged)) {
        const authorization = AUTHORIZATION[action];
        if (authorization === undefined || authorization.access === 'read') continue;
        const checkable = authorization.resourceTag || authorization.requestTag;
        if (checkable && !onInstanceTag) unconditioned.push(`${statement.Sid}: ${action}`);
      }
    }
    expect(unconditioned).toEqual([]);
  });
});

const VALUES = {
  'AWS::Partition': 'aws',
  'AWS::Region': 'eu-west-1',
  'AWS::AccountId': '123456789012',
  Instance: 'blue',
  PassRolePrefix: 'workloads/',
  StateTable: 'state',
  ManifestsTable: 'manifests',
  ManifestsBucket: 'bucket',
  'ManifestsQueue.QueueName': 'queue',
  NotificationTopicPrefix: 'shipshape-',
  ParameterPathPrefix: '/shipshape/',
  TargetRoleName: 'shipshape-target',
};
const live = substitute(policy, VALUES);
const ARN = 'arn:aws:ecs:eu-west-1:123456789012';
const SERVICE = `${ARN}:service/prod/web`;
const ours = { [`aws:ResourceTag/${INSTANCE_TAG}`]: 'blue' };
const theirs = { [`aws:ResourceTag/${INSTANCE_TAG}`]: 'green' };
const request = (action: string, resource: string, context: Record<string, string> = {}) => ({
  action,
  resource,
  context,
});

describe('the policy, evaluated', () => {
  it('publishes only to SNS topics of its account and region named with NotificationTopicPrefix', () => {
    const topic = (name: string, region = 'eu-west-1') => `arn:aws:sns:${region}:123456789012:${name}`;
    expect(isAllowed(live, request('sns:Publish', topic('shipshape-alerts')))).toBe(true);
    expect(isAllowed(live, request('sns:Publish', topic('billing-alerts')))).toBe(false);
    expect(isAllowed(live, request('sns:Publish', topic('shipshape-alerts', 'us-east-1')))).toBe(false);
    expect(isAllowed(live, request('sns:DeleteTopic', topic('shipshape-alerts')))).toBe(false);
  });

  it('assumes only the Target roles named TargetRoleName, in any account', () => {
    expect(
      isAllowed(live, request('sts:AssumeRole', 'arn:aws:iam::222222222222:role/shipshape-target')),
    ).toBe(true);
    expect(
      isAllowed(live, request('sts:AssumeRole', 'arn:aws:iam::333333333333:role/shipshape-target')),
    ).toBe(true);
    expect(isAllowed(live, request('sts:AssumeRole', 'arn:aws:iam::222222222222:role/admin'))).toBe(false);
  });

  it("reads only overlays' SSM parameters under ParameterPathPrefix, in its account and region", () => {
    const parameter = (name: string, region = 'eu-west-1') =>
      `arn:aws:ssm:${region}:123456789012:parameter${name}`;
    expect(isAllowed(live, request('ssm:GetParameters', parameter('/shipshape/prod/db-host')))).toBe(true);
    expect(isAllowed(live, request('ssm:GetParameters', parameter('/payroll/db-password')))).toBe(false);
    expect(
      isAllowed(live, request('ssm:GetParameters', parameter('/shipshape/prod/db-host', 'us-east-1'))),
    ).toBe(false);
    expect(isAllowed(live, request('ssm:PutParameter', parameter('/shipshape/prod/db-host')))).toBe(false);
  });

  it('changes and deletes only resources carrying this instance tag', () => {
    expect(isAllowed(live, request('ecs:UpdateService', SERVICE, ours))).toBe(true);
    expect(isAllowed(live, request('ecs:DeleteService', SERVICE, theirs))).toBe(false);
    expect(isAllowed(live, request('ecs:DeleteService', SERVICE))).toBe(false);
    const tg = 'arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/web/0123456789abcdef';
    expect(isAllowed(live, request('elasticloadbalancing:DeleteTargetGroup', tg, ours))).toBe(true);
    expect(isAllowed(live, request('elasticloadbalancing:DeleteTargetGroup', tg, theirs))).toBe(false);
    const fs = 'arn:aws:elasticfilesystem:eu-west-1:123456789012:file-system/fs-0123';
    expect(isAllowed(live, request('elasticfilesystem:DeleteFileSystem', fs))).toBe(false);
  });

  it('creates only what carries this instance tag in the request', () => {
    const cluster = `${ARN}:cluster/prod`;
    const tagged = { [`aws:RequestTag/${INSTANCE_TAG}`]: 'blue' };
    expect(isAllowed(live, request('ecs:CreateCluster', cluster, tagged))).toBe(true);
    expect(isAllowed(live, request('ecs:CreateCluster', cluster))).toBe(false);
    expect(isAllowed(live, request('elasticfilesystem:CreateFileSystem', '*', tagged))).toBe(true);
    expect(isAllowed(live, request('elasticfilesystem:CreateFileSystem', '*'))).toBe(false);
  });

  it('puts the instance tag only on resources of no instance (create, adoption) and never another', () => {
    const claim = { [`aws:RequestTag/${INSTANCE_TAG}`]: 'blue' };
    const giveAway = { [`aws:RequestTag/${INSTANCE_TAG}`]: 'green' };
    expect(isAllowed(live, request('ecs:TagResource', SERVICE, claim))).toBe(true);
    expect(isAllowed(live, request('ecs:TagResource', SERVICE, { ...theirs, ...claim }))).toBe(false);
    expect(isAllowed(live, request('ecs:TagResource', SERVICE, { Team: 'x' }))).toBe(false);
    expect(
      isAllowed(live, request('ecs:TagResource', SERVICE, { ...ours, 'aws:RequestTag/Team': 'x' })),
    ).toBe(true);
    expect(isAllowed(live, request('ecs:TagResource', SERVICE, { ...ours, ...giveAway }))).toBe(false);
    expect(isAllowed(live, request('ecs:UntagResource', SERVICE, ours))).toBe(true);
    expect(isAllowed(live, request('ecs:UntagResource', SERVICE, theirs))).toBe(false);
    expect(isAllowed(live, request('ecs:UntagResource', SERVICE))).toBe(false);
  });

  it('registers a scalable target over another instance only as an update of its own', () => {
    const target = 'arn:aws:application-autoscaling:eu-west-1:123456789012:scalable-target/0123abcd';
    const register = 'application-autoscaling:RegisterScalableTarget';
    const claim = { [`aws:RequestTag/${INSTANCE_TAG}`]: 'blue' };
    expect(isAllowed(live, request(register, target, claim))).toBe(true);
    expect(isAllowed(live, request(register, target, ours))).toBe(true);
    expect(isAllowed(live, request(register, target, { ...theirs, ...claim }))).toBe(false);
    expect(isAllowed(live, request(register, target))).toBe(false);
  });

  it('lets Cloud Map tags be written on any resource (no aws:ResourceTag there), never naming another instance', () => {
    const namespace = 'arn:aws:servicediscovery:eu-west-1:123456789012:namespace/ns-0123';
    const tagNamespace = (context: Record<string, string>) =>
      isAllowed(live, request('servicediscovery:TagResource', namespace, context));
    expect(tagNamespace({ ...theirs, [`aws:RequestTag/${INSTANCE_TAG}`]: 'blue' })).toBe(true);
    expect(tagNamespace({ [`aws:RequestTag/${INSTANCE_TAG}`]: 'green' })).toBe(false);
    expect(isAllowed(live, request('servicediscovery:DeleteNamespace', namespace, theirs))).toBe(false);
  });

  it('passes only roles under the prefix, and only to the services that take them', () => {
    const role = 'arn:aws:iam::123456789012:role/workloads/web-task';
    const pass = (resource: string, service: string) =>
      request('iam:PassRole', resource, { 'iam:PassedToService': service });
    expect(isAllowed(live, pass(role, 'ecs-tasks.amazonaws.com'))).toBe(true);
    expect(isAllowed(live, pass(role, 'ecs.amazonaws.com'))).toBe(true);
    expect(isAllowed(live, pass(role, 'application-autoscaling.amazonaws.com'))).toBe(true);
    expect(isAllowed(live, pass(role, 'lambda.amazonaws.com'))).toBe(false);
    expect(isAllowed(live, pass('arn:aws:iam::123456789012:role/Admin', 'ecs-tasks.amazonaws.com'))).toBe(
      false,
    );
  });
});

describe('the PassRole statement and the template parameter', () => {
  it('names the prefix parameter and the services of the calls that pass roles', () => {
    const pass = buildPolicy(calls).Statement.filter((statement) =>
      statement.Action.includes('iam:PassRole'),
    );
    expect(pass).toHaveLength(1);
    expect(pass[0]?.Resource).toBe(
      // biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation Fn::Sub
      'arn:${AWS::Partition}:iam::${AWS::AccountId}:role/${PassRolePrefix}*',
    );
    expect(pass[0]?.Condition).toEqual({
      StringEquals: {
        'iam:PassedToService': [
          'application-autoscaling.amazonaws.com',
          'ecs-tasks.amazonaws.com',
          'ecs.amazonaws.com',
        ],
      },
    });
    const parameter = at(readTemplate(), 'Parameters', 'PassRolePrefix');
    expect(at(parameter, 'Default')).toBeUndefined();
    expect(String(at(parameter, 'AllowedPattern'))).not.toMatch(/\*/);
  });
});
