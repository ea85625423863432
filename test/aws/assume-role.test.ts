import { ListClustersCommand } from '@aws-sdk/client-ecs';
import { DescribeLoadBalancersCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type AssumedRoleCredentials, assumeRoleCredentials } from '../../src/aws/assume-role.ts';
import { type AwsClients, createAwsClients } from '../../src/aws/clients.ts';
import { type RunningEmulator, startEmulator } from '../../src/emulator/server.ts';
import { controlPost, DEFAULT_ACCOUNT, DEFAULT_KEYS } from '../emulator/accounts-fixtures.ts';

const ROLE_ACCOUNT = '222222222222';
const ROLE = `arn:aws:iam::${ROLE_ACCOUNT}:role/shipshape-target`;
const MINUTE_MS = 60_000;
/** The shortest session STS grants: its refresh margin is the full five minutes. */
const SESSION_MS = 15 * MINUTE_MS;

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator();
  await controlPost(emulator.endpoint, '/sts/roles', { roleArn: ROLE, externalId: 'ext-1' });
});
afterAll(async () => {
  await emulator.close();
});
beforeEach(() => {
  emulator.emulator.requests.reset();
});

const assumeRoleCalls = () => emulator.emulator.requests.snapshot(DEFAULT_ACCOUNT)['sts:AssumeRole'];
const roleCalls = (action: string) => emulator.emulator.requests.snapshot(ROLE_ACCOUNT)[action];

function roleCredentials(now?: () => number): AssumedRoleCredentials {
  return assumeRoleCredentials({
    roleArn: ROLE,
    externalId: 'ext-1',
    sessionName: 'shipshape-test',
    region: 'us-east-1',
    endpoint: emulator.endpoint,
    credentials: DEFAULT_KEYS,
    durationSeconds: SESSION_MS / 1000,
    ...(now === undefined ? {} : { now }),
  });
}

/** Clients signing with `credentials` that invalidate them on ExpiredToken, as a Target's do; `rejected` lists the keys AWS refused. */
function clientsWith(
  credentials: AssumedRoleCredentials,
): AwsClients & { readonly rejected: (string | undefined)[] } {
  const rejected: (string | undefined)[] = [];
  const aws = createAwsClients({
    region: 'us-east-1',
    endpoint: emulator.endpoint,
    credentials,
    maxAttempts: 1,
    onExpiredToken: (key) => {
      rejected.push(key);
      credentials.invalidate(key);
    },
  });
  return Object.assign(aws, { rejected });
}

describe('assumeRoleCredentials', () => {
  it('answers a session of the role with its expiration and keeps it while it is fresh', async () => {
    const credentials = roleCredentials(() => emulator.emulator.clock.now());
    try {
      const first = await credentials();
      expect(first.accessKeyId).toMatch(/^ASIA/);
      expect(first.sessionToken).toBeDefined();
      // STS answers the expiration to the second.
      expect(first.expiration?.getTime()).toBe(
        Math.floor((emulator.emulator.clock.now() + SESSION_MS) / 1000) * 1000,
      );
      expect(await credentials()).toBe(first);
      expect(assumeRoleCalls()?.ok).toBe(1);
    } finally {
      credentials.destroy();
    }
  });

  it('moves the clients to a new session five minutes before the old one ends, by its clock', async () => {
    const credentials = roleCredentials(() => emulator.emulator.clock.now());
    const aws = clientsWith(credentials);
    try {
      await aws.ecs.send(new ListClustersCommand({}));
      await aws.ecs.send(new ListClustersCommand({}));
      expect(assumeRoleCalls()?.ok).toBe(1);

      emulator.emulator.advance(SESSION_MS - 5 * MINUTE_MS + 1000);
      await aws.ecs.send(new ListClustersCommand({}));
      expect(assumeRoleCalls()?.ok).toBe(2);
      // Every call was signed with a live session: AWS never had to refuse one.
      expect(roleCalls('ecs:ListClusters')).toMatchObject({ ok: 3, error: 0 });
      expect(aws.rejected).toEqual([]);

      // The replaced session's end passes unnoticed: the clients are on the new one.
      emulator.emulator.advance(5 * MINUTE_MS);
      await aws.ecs.send(new ListClustersCommand({}));
      expect(roleCalls('ecs:ListClusters')).toMatchObject({ ok: 4, error: 0 });
      expect(assumeRoleCalls()?.ok).toBe(2);
    } finally {
      aws.destroy();
      credentials.destroy();
    }
  });

  it('assumes the role again and repeats the call once when AWS says the session expired before its clock does', async () => {
    // The provider's clock stays behind AWS's: by it the session is young.
    const skewed = emulator.emulator.clock.now();
    const credentials = roleCredentials(() => skewed);
    const aws = clientsWith(credentials);
    try {
      const first = await credentials();
      emulator.emulator.advance(SESSION_MS + 1000);

      await aws.ecs.send(new ListClustersCommand({}));
      expect(roleCalls('ecs:ListClusters')).toMatchObject({ ok: 1, error: 1 });
      expect(aws.rejected).toEqual([first.accessKeyId]);
      expect(assumeRoleCalls()?.ok).toBe(2);
      // One call as the clients count it, two attempts.
      expect(aws.stats.snapshot()['ecs:ListClusters']).toEqual({ ok: 1, error: 0, throttled: 0 });
      expect(aws.attempts.snapshot()['ecs:ListClusters']).toEqual({ ok: 1, error: 1, throttled: 0 });

      // The query protocol's ExpiredToken (ELBv2) is heard too.
      emulator.emulator.advance(SESSION_MS + 1000);
      await aws.elbv2.send(new DescribeLoadBalancersCommand({}));
      expect(roleCalls('elbv2:DescribeLoadBalancers')).toMatchObject({ ok: 1, error: 1 });
      expect(aws.rejected).toHaveLength(2);
      expect(assumeRoleCalls()?.ok).toBe(3);
    } finally {
      aws.destroy();
      credentials.destroy();
    }
  });

  it('shares one AssumeRole between the calls made after an invalidation', async () => {
    const credentials = roleCredentials(() => emulator.emulator.clock.now());
    const aws = clientsWith(credentials);
    try {
      const first = await credentials();
      credentials.invalidate();
      const answers = await Promise.all([credentials(), credentials(), credentials()]);
      expect(new Set(answers.map((answer) => answer.accessKeyId)).size).toBe(1);
      expect(answers[0]?.accessKeyId).not.toBe(first.accessKeyId);
      expect(assumeRoleCalls()?.ok).toBe(2);

      credentials.invalidate();
      await Promise.all(Array.from({ length: 5 }, () => aws.ecs.send(new ListClustersCommand({}))));
      expect(roleCalls('ecs:ListClusters')).toMatchObject({ ok: 5, error: 0 });
      expect(assumeRoleCalls()?.ok).toBe(3);
    } finally {
      aws.destroy();
      credentials.destroy();
    }
  });

  it('keeps the session that already replaced a rejected one', async () => {
    const credentials = roleCredentials(() => emulator.emulator.clock.now());
    try {
      const first = await credentials();
      credentials.invalidate(first.accessKeyId);
      const second = await credentials();
      // A late report of the first session's rejection leaves the second in place.
      credentials.invalidate(first.accessKeyId);
      expect(await credentials()).toBe(second);
      expect(assumeRoleCalls()?.ok).toBe(2);
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
