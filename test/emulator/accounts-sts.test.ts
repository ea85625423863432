import { ListClustersCommand } from '@aws-sdk/client-ecs';
import { DescribeLoadBalancersCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { AssumeRoleCommand, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { describe, expect, it } from 'vitest';
import { emulatorPerFile } from '../support/emulator-per-file.ts';
import {
  ACCOUNT_B,
  assume,
  DEFAULT_ACCOUNT,
  declareRole,
  ecsAs,
  elbv2As,
  stsAs,
} from './accounts-fixtures.ts';

const ROLE = `arn:aws:iam::${ACCOUNT_B}:role/deploy/shipshape-target`;

const emulator = emulatorPerFile();

describe('STS AssumeRole on the emulator', () => {
  it('answers credentials for a declared role, ending on the emulator clock', async () => {
    await declareRole(emulator.running.endpoint, { roleArn: ROLE });
    await emulator.control.advance(7 * 24 * 3600 * 1000);
    const now = await emulator.control.now();
    const answer = await stsAs(emulator.running.endpoint).send(
      new AssumeRoleCommand({ RoleArn: ROLE, RoleSessionName: 'reconcile' }),
    );
    expect(answer.Credentials?.AccessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
    expect(answer.Credentials?.SecretAccessKey).toHaveLength(40);
    expect(answer.Credentials?.SessionToken?.length).toBeGreaterThan(100);
    expect(answer.Credentials?.Expiration?.getTime()).toBe(Math.floor((now + 3600_000) / 1000) * 1000);
    expect(answer.AssumedRoleUser?.Arn).toBe(
      `arn:aws:sts::${ACCOUNT_B}:assumed-role/shipshape-target/reconcile`,
    );
    expect(answer.AssumedRoleUser?.AssumedRoleId).toMatch(/^AROA[A-Z2-7]{17}:reconcile$/);
  });

  it('refuses a role that was not declared, as AWS words it', async () => {
    const refused = stsAs(emulator.running.endpoint).send(
      new AssumeRoleCommand({ RoleArn: ROLE, RoleSessionName: 's1' }),
    );
    await expect(refused).rejects.toMatchObject({
      name: 'AccessDenied',
      message: `User: arn:aws:iam::${DEFAULT_ACCOUNT}:root is not authorized to perform: sts:AssumeRole on resource: ${ROLE}`,
      $metadata: { httpStatusCode: 403 },
    });
  });

  it('requires the declared external id, and only then answers', async () => {
    await declareRole(emulator.running.endpoint, { roleArn: ROLE, externalId: 'shipshape-7f3a' });
    const sts = stsAs(emulator.running.endpoint);
    for (const ExternalId of [undefined, 'someone-else']) {
      await expect(
        sts.send(new AssumeRoleCommand({ RoleArn: ROLE, RoleSessionName: 's1', ExternalId })),
      ).rejects.toMatchObject({ name: 'AccessDenied', $metadata: { httpStatusCode: 403 } });
    }
    const answer = await sts.send(
      new AssumeRoleCommand({ RoleArn: ROLE, RoleSessionName: 's1', ExternalId: 'shipshape-7f3a' }),
    );
    expect(answer.AssumedRoleUser?.Arn).toContain(`:${ACCOUNT_B}:assumed-role/`);
  });

  it('keeps DurationSeconds within 900 and the role maximum (3600 unless declared)', async () => {
    await declareRole(emulator.running.endpoint, { roleArn: ROLE });
    const sts = stsAs(emulator.running.endpoint);
    const attempt = (DurationSeconds: number) =>
      sts.send(new AssumeRoleCommand({ RoleArn: ROLE, RoleSessionName: 's1', DurationSeconds }));
    await expect(attempt(899)).rejects.toMatchObject({ name: 'ValidationError' });
    await expect(attempt(7200)).rejects.toMatchObject({
      name: 'ValidationError',
      message: 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.',
    });
    await declareRole(emulator.running.endpoint, { roleArn: ROLE, maxSessionDuration: 43_200 });
    await expect(attempt(43_200)).resolves.toBeDefined();
    await expect(attempt(43_201)).rejects.toMatchObject({ name: 'ValidationError' });
  });

  it('answers GetCallerIdentity for the root of the default account and for an assumed role', async () => {
    expect(await stsAs(emulator.running.endpoint).send(new GetCallerIdentityCommand({}))).toMatchObject({
      Account: DEFAULT_ACCOUNT,
      Arn: `arn:aws:iam::${DEFAULT_ACCOUNT}:root`,
      UserId: DEFAULT_ACCOUNT,
    });
    await declareRole(emulator.running.endpoint, { roleArn: ROLE });
    const credentials = await assume(stsAs(emulator.running.endpoint), {
      RoleArn: ROLE,
      RoleSessionName: 'who',
    });
    const identity = await stsAs(emulator.running.endpoint, credentials).send(
      new GetCallerIdentityCommand({}),
    );
    expect(identity).toMatchObject({
      Account: ACCOUNT_B,
      Arn: `arn:aws:sts::${ACCOUNT_B}:assumed-role/shipshape-target/who`,
    });
    expect(identity.UserId).toMatch(/^AROA[A-Z2-7]{17}:who$/);
  });
});

describe('expired temporary credentials', () => {
  it('are refused from their Expiration on, in each protocol’s words; a new AssumeRole works again', async () => {
    await declareRole(emulator.running.endpoint, { roleArn: ROLE });
    const sts = stsAs(emulator.running.endpoint);
    const credentials = await assume(sts, { RoleArn: ROLE, RoleSessionName: 'short', DurationSeconds: 900 });
    const ecs = ecsAs(emulator.running.endpoint, credentials);
    const elbv2 = elbv2As(emulator.running.endpoint, credentials);

    await emulator.control.advance(899_000);
    await expect(ecs.send(new ListClustersCommand({}))).resolves.toBeDefined();
    await emulator.control.advance(1_000);
    await expect(ecs.send(new ListClustersCommand({}))).rejects.toMatchObject({
      name: 'ExpiredTokenException',
      message: 'The security token included in the request is expired',
      $metadata: { httpStatusCode: 400 },
    });
    await expect(elbv2.send(new DescribeLoadBalancersCommand({}))).rejects.toMatchObject({
      name: 'ExpiredToken',
      $metadata: { httpStatusCode: 400 },
    });
    await expect(
      stsAs(emulator.running.endpoint, credentials).send(new GetCallerIdentityCommand({})),
    ).rejects.toMatchObject({
      name: 'ExpiredToken',
    });
    expect((await emulator.control.requests())['ecs:ListClusters']).toMatchObject({ ok: 1, error: 1 });

    const renewed = await assume(sts, { RoleArn: ROLE, RoleSessionName: 'short' });
    expect(renewed.accessKeyId).not.toBe(credentials.accessKeyId);
    await expect(
      ecsAs(emulator.running.endpoint, renewed).send(new ListClustersCommand({})),
    ).resolves.toBeDefined();
  });

  it('limits a session assumed from another session to one hour (role chaining)', async () => {
    await declareRole(emulator.running.endpoint, { roleArn: ROLE, maxSessionDuration: 43_200 });
    const first = await assume(stsAs(emulator.running.endpoint), { RoleArn: ROLE, RoleSessionName: 'first' });
    const chained = stsAs(emulator.running.endpoint, first).send(
      new AssumeRoleCommand({ RoleArn: ROLE, RoleSessionName: 'second', DurationSeconds: 7200 }),
    );
    await expect(chained).rejects.toMatchObject({ name: 'ValidationError' });
  });
});
