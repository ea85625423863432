import { ListClustersCommand } from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assumeRoleCredentials } from '../../src/aws/assume-role.ts';
import { createAwsClients } from '../../src/aws/clients.ts';
import { type RunningEmulator, startEmulator } from '../../src/emulator/server.ts';
import { controlPost, DEFAULT_KEYS } from '../emulator/accounts-fixtures.ts';

const ROLE = 'arn:aws:iam::222222222222:role/shipshape-target';

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator();
  await controlPost(emulator.endpoint, '/sts/roles', { roleArn: ROLE, externalId: 'ext-1' });
});
afterAll(async () => {
  await emulator.close();
});

describe('assumeRoleCredentials', () => {
  it('answers a session of the role with its expiration, so the SDK asks again before it ends', async () => {
    const credentials = assumeRoleCredentials({
      roleArn: ROLE,
      externalId: 'ext-1',
      sessionName: 'shipshape-test',
      region: 'us-east-1',
      endpoint: emulator.endpoint,
      credentials: DEFAULT_KEYS,
      durationSeconds: 900,
    });
    try {
      const first = await credentials();
      expect(first.accessKeyId).toMatch(/^ASIA/);
      expect(first.sessionToken).toBeDefined();
      // STS answers the expiration to the second.
      expect(first.expiration?.getTime()).toBe(
        Math.floor((emulator.emulator.clock.now() + 900_000) / 1000) * 1000,
      );
      // Asked again (as the SDK does five minutes before the expiration): a new session.
      const second = await credentials();
      expect(second.accessKeyId).not.toBe(first.accessKeyId);
      // Clients given it work in the role's account.
      const aws = createAwsClients({ region: 'us-east-1', endpoint: emulator.endpoint, credentials });
      await aws.ecs.send(new ListClustersCommand({}));
      expect(emulator.emulator.requests.snapshot('222222222222')['ecs:ListClusters']?.ok).toBe(1);
      aws.destroy();
    } finally {
      credentials.destroy();
    }
  });

  it('fails with the role and STS reason when the external id is wrong', async () => {
    const credentials = assumeRoleCredentials({
      roleArn: ROLE,
      externalId: 'wrong',
      sessionName: 'shipshape-test',
      region: 'us-east-1',
      endpoint: emulator.endpoint,
      credentials: DEFAULT_KEYS,
    });
    await expect(credentials()).rejects.toMatchObject({ name: 'AccessDenied' });
    credentials.destroy();
  });
});
