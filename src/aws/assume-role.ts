import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';

export interface AssumeRoleOptions {
  readonly roleArn: string;
  readonly externalId?: string;
  /** Who the session says it is in CloudTrail: `shipshape-<instance>`. */
  readonly sessionName: string;
  /** STS's region and endpoint, and the operator's own credentials that assume the role. */
  readonly region: string;
  readonly endpoint?: string;
  readonly credentials?: AwsCredentialIdentity;
  /** Seconds each session lasts. Default 3600 (a role's default maximum). */
  readonly durationSeconds?: number;
}

/**
 * Credentials of a role assumed with STS AssumeRole. Each answer carries its expiration, so the
 * SDK asks again before it ends (five minutes ahead): the clients of a target never sign with an
 * expired session. `destroy` closes the STS client.
 */
export function assumeRoleCredentials(
  options: AssumeRoleOptions,
): AwsCredentialIdentityProvider & { destroy(): void } {
  const sts = new STSClient({
    region: options.region,
    ...(options.endpoint === undefined ? {} : { endpoint: options.endpoint }),
    ...(options.credentials === undefined ? {} : { credentials: options.credentials }),
  });
  const provider = async (): Promise<AwsCredentialIdentity> => {
    const answer = await sts.send(
      new AssumeRoleCommand({
        RoleArn: options.roleArn,
        RoleSessionName: options.sessionName,
        DurationSeconds: options.durationSeconds ?? 3600,
        ...(options.externalId === undefined ? {} : { ExternalId: options.externalId }),
      }),
    );
    const credentials = answer.Credentials;
    if (credentials?.AccessKeyId === undefined || credentials.SecretAccessKey === undefined)
      throw new Error(`STS AssumeRole of ${options.roleArn} answered no credentials`);
    return {
      accessKeyId: credentials.AccessKeyId,
      secretAccessKey: credentials.SecretAccessKey,
      ...(credentials.SessionToken === undefined ? {} : { sessionToken: credentials.SessionToken }),
      ...(credentials.Expiration === undefined ? {} : { expiration: credentials.Expiration }),
    };
  };
  return Object.assign(provider, { destroy: () => sts.destroy() });
}
