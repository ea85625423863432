import { ListClustersCommand } from '@aws-sdk/client-ecs';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentity } from '@smithy/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningEmulator, startEmulator } from '../../src/emulator/server.ts';
import { ACCOUNT_B, ecsAs, registerKey, stsAs } from './accounts-fixtures.ts';

const KEY_A: AwsCredentialIdentity = { accessKeyId: 'AKIAACCOUNTA0000001', secretAccessKey: 'secret-a' };
const KEY_B: AwsCredentialIdentity = { accessKeyId: 'AKIAACCOUNTB0000001', secretAccessKey: 'secret-b' };
const ACCOUNT_A = '111111111111';
/** ECS cluster reads: a bucket of 50 (src/aws/rates.ts); the manual clock never refills it. */
const CLUSTER_READ_BURST = 50;

let running: RunningEmulator;

beforeAll(async () => {
  running = await startEmulator({ throttling: true });
  await registerKey(running.endpoint, KEY_A.accessKeyId, ACCOUNT_A);
  await registerKey(running.endpoint, KEY_B.accessKeyId, ACCOUNT_B);
});
afterAll(async () => {
  await running.close();
});

/** How many of `calls` ListClusters at once were throttled. */
async function throttledOf(credentials: AwsCredentialIdentity, calls: number): Promise<number> {
  const ecs = ecsAs(running.endpoint, credentials);
  const outcomes = await Promise.allSettled(
    Array.from({ length: calls }, () => ecs.send(new ListClustersCommand({}))),
  );
  const refused = outcomes.filter((outcome) => outcome.status === 'rejected');
  for (const outcome of refused) expect(outcome.reason).toMatchObject({ name: 'ThrottlingException' });
  return refused.length;
}

describe('throttling per account and region', () => {
  it('throttles account A once its burst is spent, and not account B in the same region', async () => {
    expect(await throttledOf(KEY_A, CLUSTER_READ_BURST + 10)).toBe(10);
    expect(await throttledOf(KEY_B, CLUSTER_READ_BURST)).toBe(0);
    expect(await throttledOf(KEY_A, 1)).toBe(1);
    const counts = await fetch(`${running.endpoint}/_emulator/requests?account=${ACCOUNT_A}`);
    expect(await counts.json()).toEqual({
      'ecs:ListClusters': { ok: 50, error: 0, throttled: 11, fault: 0 },
    });
    // STS has its own bucket: account A's spent ECS one does not touch it.
    const identity = await stsAs(running.endpoint, KEY_A).send(new GetCallerIdentityCommand({}));
    expect(identity.Account).toBe(ACCOUNT_A);
  });
});
