import { CloudWatchClient, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import {
  CreateClusterCommand,
  ListClustersCommand,
  RegisterTaskDefinitionCommand,
} from '@aws-sdk/client-ecs';
import { CreateFileSystemCommand, EFSClient } from '@aws-sdk/client-efs';
import { CreateTargetGroupCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import {
  CreateHttpNamespaceCommand,
  GetOperationCommand,
  ListNamespacesCommand,
  ServiceDiscoveryClient,
} from '@aws-sdk/client-servicediscovery';
import type { AwsCredentialIdentity } from '@smithy/types';
import { beforeEach, describe, expect, it } from 'vitest';
import { emulatorPerFile } from '../support/emulator-per-file.ts';
import {
  ACCOUNT_B,
  assume,
  controlPost,
  DEFAULT_ACCOUNT,
  declareRole,
  ecsAs,
  elbv2As,
  registerKey,
  stsAs,
} from './accounts-fixtures.ts';

const KEY_B: AwsCredentialIdentity = { accessKeyId: 'AKIAACCOUNTB0000001', secretAccessKey: 'secret-b' };
const ROLE_B = `arn:aws:iam::${ACCOUNT_B}:role/shipshape`;

const emulator = emulatorPerFile();
beforeEach(async () => {
  await registerKey(emulator.running.endpoint, KEY_B.accessKeyId, ACCOUNT_B);
});

async function clusterArns(credentials?: AwsCredentialIdentity, region = 'us-east-1'): Promise<string[]> {
  const answer = await ecsAs(emulator.running.endpoint, credentials, region).send(
    new ListClustersCommand({}),
  );
  return answer.clusterArns ?? [];
}

async function requestsOf(account: string): Promise<unknown> {
  const response = await fetch(`${emulator.running.endpoint}/_emulator/requests?account=${account}`);
  return response.json();
}

describe('the emulator keeps one state per account and region', () => {
  it('gives two accounts separate clusters of the same name, with their own account ids', async () => {
    await ecsAs(emulator.running.endpoint).send(new CreateClusterCommand({ clusterName: 'apps' }));
    await ecsAs(emulator.running.endpoint, KEY_B).send(new CreateClusterCommand({ clusterName: 'apps' }));
    expect(await clusterArns()).toEqual([`arn:aws:ecs:us-east-1:${DEFAULT_ACCOUNT}:cluster/apps`]);
    expect(await clusterArns(KEY_B)).toEqual([`arn:aws:ecs:us-east-1:${ACCOUNT_B}:cluster/apps`]);
    expect(await clusterArns(KEY_B, 'eu-west-1')).toEqual([]);
  });

  it('maps any key it does not know to the default account', async () => {
    const stranger = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'x' };
    await ecsAs(emulator.running.endpoint, stranger).send(
      new CreateClusterCommand({ clusterName: 'shared' }),
    );
    expect(await clusterArns()).toEqual([`arn:aws:ecs:us-east-1:${DEFAULT_ACCOUNT}:cluster/shared`]);
  });

  it('puts an assumed role session in the role account', async () => {
    await declareRole(emulator.running.endpoint, { roleArn: ROLE_B });
    await ecsAs(emulator.running.endpoint, KEY_B).send(new CreateClusterCommand({ clusterName: 'b-only' }));
    const session = await assume(stsAs(emulator.running.endpoint), {
      RoleArn: ROLE_B,
      RoleSessionName: 'op',
    });
    expect(await clusterArns(session)).toEqual([`arn:aws:ecs:us-east-1:${ACCOUNT_B}:cluster/b-only`]);
    expect(await clusterArns()).toEqual([]);
  });

  it('reaches account B through a credentials provider that calls AssumeRole', async () => {
    await declareRole(emulator.running.endpoint, { roleArn: ROLE_B, externalId: 'ext-1' });
    const sts = stsAs(emulator.running.endpoint);
    let assumed = 0;
    const provider = async (): Promise<AwsCredentialIdentity> => {
      assumed += 1;
      return assume(sts, { RoleArn: ROLE_B, RoleSessionName: 'shipshape', ExternalId: 'ext-1' });
    };
    const ecs = ecsAs(emulator.running.endpoint, provider);
    await ecs.send(new CreateClusterCommand({ clusterName: 'via-provider' }));
    expect(await clusterArns(KEY_B)).toEqual([`arn:aws:ecs:us-east-1:${ACCOUNT_B}:cluster/via-provider`]);
    await ecs.send(new ListClustersCommand({}));
    // The SDK keeps the credentials until shortly before their Expiration.
    expect(assumed).toBe(1);
  });

  it('builds every service ARN and owner from the calling account', async () => {
    const ecs = ecsAs(emulator.running.endpoint, KEY_B);
    const definition = await ecs.send(
      new RegisterTaskDefinitionCommand({
        family: 'web',
        containerDefinitions: [{ name: 'web', image: 'nginx', memory: 512 }],
      }),
    );
    expect(definition.taskDefinition?.taskDefinitionArn).toBe(
      `arn:aws:ecs:us-east-1:${ACCOUNT_B}:task-definition/web:1`,
    );
    const group = await elbv2As(emulator.running.endpoint, KEY_B).send(
      new CreateTargetGroupCommand({
        Name: 'web',
        Protocol: 'HTTP',
        Port: 80,
        VpcId: 'vpc-0123456789abcdef0',
      }),
    );
    expect(group.TargetGroups?.[0]?.TargetGroupArn).toMatch(
      new RegExp(`^arn:aws:elasticloadbalancing:us-east-1:${ACCOUNT_B}:targetgroup/web/`),
    );
    const config = {
      endpoint: emulator.running.endpoint,
      region: 'us-east-1',
      credentials: KEY_B,
      maxAttempts: 1,
    };
    const fileSystem = await new EFSClient(config).send(new CreateFileSystemCommand({ CreationToken: 't1' }));
    expect(fileSystem.OwnerId).toBe(ACCOUNT_B);
    expect(fileSystem.FileSystemArn).toContain(`:${ACCOUNT_B}:file-system/`);
    const cloudMap = new ServiceDiscoveryClient(config);
    const { OperationId } = await cloudMap.send(new CreateHttpNamespaceCommand({ Name: 'apps' }));
    const operation = await cloudMap.send(new GetOperationCommand({ OperationId }));
    expect(operation.Operation?.OwnerAccount).toBe(ACCOUNT_B);
    await emulator.control.advance(60_000);
    const namespaces = await cloudMap.send(new ListNamespacesCommand({}));
    expect(namespaces.Namespaces?.map((namespace) => namespace.Arn)).toEqual([
      expect.stringMatching(new RegExp(`^arn:aws:servicediscovery:us-east-1:${ACCOUNT_B}:namespace/ns-`)),
    ]);
  });

  it('lets control actions name an account, by query or body; the default account otherwise', async () => {
    await emulator.control.action('ecs', 'alarm-state', { alarmName: 'default-alarm', state: 'ALARM' });
    await controlPost(emulator.running.endpoint, `/ecs/alarm-state?account=${ACCOUNT_B}`, {
      alarmName: 'b-query',
      state: 'ALARM',
    });
    await controlPost(emulator.running.endpoint, '/ecs/alarm-state', {
      alarmName: 'b-body',
      state: 'OK',
      account: ACCOUNT_B,
    });
    const alarms = async (credentials?: AwsCredentialIdentity) => {
      const client = new CloudWatchClient({
        endpoint: emulator.running.endpoint,
        region: 'us-east-1',
        credentials: credentials ?? { accessKeyId: 'test', secretAccessKey: 'test' },
        maxAttempts: 1,
      });
      const answer = await client.send(new DescribeAlarmsCommand({}));
      return (answer.MetricAlarms ?? []).map((alarm) => alarm.AlarmArn);
    };
    expect(await alarms()).toEqual([`arn:aws:cloudwatch:us-east-1:${DEFAULT_ACCOUNT}:alarm:default-alarm`]);
    expect(await alarms(KEY_B)).toEqual([
      `arn:aws:cloudwatch:us-east-1:${ACCOUNT_B}:alarm:b-body`,
      `arn:aws:cloudwatch:us-east-1:${ACCOUNT_B}:alarm:b-query`,
    ]);
    await expect(controlPost(emulator.running.endpoint, '/ecs/alarm-state?account=12', {})).rejects.toThrow(
      /400 .*account must be 12 digits/,
    );
  });

  it('counts requests per calling account', async () => {
    await clusterArns(KEY_B);
    await clusterArns(KEY_B);
    await clusterArns();
    expect(await requestsOf(ACCOUNT_B)).toEqual({
      'ecs:ListClusters': { ok: 2, error: 0, throttled: 0, fault: 0 },
    });
    expect(await requestsOf(DEFAULT_ACCOUNT)).toEqual({
      'ecs:ListClusters': { ok: 1, error: 0, throttled: 0, fault: 0 },
    });
    expect((await emulator.control.requests())['ecs:ListClusters']).toMatchObject({ ok: 3 });
  });

  it('says what is wrong with a key registration or a role declaration', async () => {
    await expect(registerKey(emulator.running.endpoint, 'AKIAOTHER', '1234')).rejects.toThrow(
      /400 .*Expected accountId to be 12 digits, got 1234/,
    );
    await expect(
      declareRole(emulator.running.endpoint, { roleArn: 'arn:aws:iam::1:user/x' }),
    ).rejects.toThrow(/400 .*Expected roleArn to be an IAM role ARN/);
  });
});
