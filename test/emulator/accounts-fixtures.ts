import { ECSClient } from '@aws-sdk/client-ecs';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { AssumeRoleCommand, type AssumeRoleCommandInput, STSClient } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';

/** The account of every key the emulator does not know (its default). */
export const DEFAULT_ACCOUNT = '123456789012';
export const ACCOUNT_B = '210987654321';
export const DEFAULT_KEYS: AwsCredentialIdentity = { accessKeyId: 'test', secretAccessKey: 'test' };

type Credentials = AwsCredentialIdentity | AwsCredentialIdentityProvider;

const base = (endpoint: string, credentials: Credentials, region: string) => ({
  endpoint,
  region,
  credentials,
  maxAttempts: 1,
});

export const ecsAs = (endpoint: string, credentials: Credentials = DEFAULT_KEYS, region = 'us-east-1') =>
  new ECSClient(base(endpoint, credentials, region));
export const elbv2As = (endpoint: string, credentials: Credentials = DEFAULT_KEYS, region = 'us-east-1') =>
  new ElasticLoadBalancingV2Client(base(endpoint, credentials, region));
export const stsAs = (endpoint: string, credentials: Credentials = DEFAULT_KEYS, region = 'us-east-1') =>
  new STSClient(base(endpoint, credentials, region));

/** POST to the emulator's control endpoint; throws with the answer's error on a non-2xx status. */
export async function controlPost(endpoint: string, path: string, body: object): Promise<unknown> {
  const response = await fetch(`${endpoint}/_emulator${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const answer: unknown = await response.json();
  if (!response.ok) throw new Error(`${response.status} ${JSON.stringify(answer)}`);
  return answer;
}

export async function declareRole(
  endpoint: string,
  role: { roleArn: string; externalId?: string; maxSessionDuration?: number },
): Promise<void> {
  await controlPost(endpoint, '/sts/roles', role);
}

export async function registerKey(endpoint: string, accessKeyId: string, accountId: string): Promise<void> {
  await controlPost(endpoint, '/accounts/keys', { accessKeyId, accountId });
}

/** Temporary credentials from the emulator's AssumeRole, as an SDK credential identity. */
export async function assume(sts: STSClient, input: AssumeRoleCommandInput): Promise<AwsCredentialIdentity> {
  const { Credentials } = await sts.send(new AssumeRoleCommand(input));
  if (Credentials?.AccessKeyId === undefined || Credentials.SecretAccessKey === undefined) {
    throw new Error(`AssumeRole of ${input.RoleArn} answered no credentials`);
  }
  return {
    accessKeyId: Credentials.AccessKeyId,
    secretAccessKey: Credentials.SecretAccessKey,
    ...(Credentials.SessionToken === undefined ? {} : { sessionToken: Credentials.SessionToken }),
    ...(Credentials.Expiration === undefined ? {} : { expiration: Credentials.Expiration }),
  };
}
