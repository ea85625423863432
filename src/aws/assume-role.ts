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
  /** The clock sessions are aged by, in ms. Default Date.now. */
  readonly now?: () => number;
}

export interface AssumedRoleCredentials extends AwsCredentialIdentityProvider {
  /**
   * Makes the next call assume the role again. Given the access key id AWS rejected, only if it
   * is still the current session's: a session that already replaced it is kept.
   */
  invalidate(rejectedAccessKeyId?: string): void;
  /** Closes the STS client. */
  destroy(): void;
  /**
   * Read by the SDK clients (`AwsSdkSigV4Memoized` in @aws-sdk/core): a provider marked so is
   * asked on every call instead of being wrapped in the SDK's own cache, which would keep a
   * session until five minutes before its expiration by Date.now and never hear of `invalidate`.
   * The session cache is here, and the identity keeps AWS's true expiration.
   */
  readonly memoized: true;
}

const DEFAULT_DURATION_SECONDS = 3600;
const REFRESH_MARGIN_MS = 5 * 60_000;

interface Session {
  readonly identity: AwsCredentialIdentity;
  /** When, by the provider's clock, the next call assumes the role again. */
  readonly refreshAt: number;
}

/**
 * Credentials of a role assumed with STS AssumeRole, kept until less than five minutes (a third
 * of the session for short ones) remain, then replaced; at once after `invalidate`. Callers
 * asking while an AssumeRole is in flight share it.
 */
export function assumeRoleCredentials(options: AssumeRoleOptions): AssumedRoleCredentials {
  const sts = new STSClient({
    region: options.region,
    ...(options.endpoint === undefined ? {} : { endpoint: options.endpoint }),
    ...(options.credentials === undefined ? {} : { credentials: options.credentials }),
  });
  const now = options.now ?? Date.now;
  const durationSeconds = options.durationSeconds ?? DEFAULT_DURATION_SECONDS;
  let current: Session | undefined;
  let pending: Promise<Session> | undefined;

  const assume = async (): Promise<Session> => {
    const answer = await sts.send(
      new AssumeRoleCommand({
        RoleArn: options.roleArn,
        RoleSessionName: options.sessionName,
        DurationSeconds: durationSeconds,
        ...(options.externalId === undefined ? {} : { ExternalId: options.externalId }),
      }),
    );
    const credentials = answer.Credentials;
    if (credentials?.AccessKeyId === undefined || credentials.SecretAccessKey === undefined)
      throw new Error(`STS AssumeRole of ${options.roleArn} answered no credentials`);
    // Aged from its arrival by our clock, not by AWS's Expiration: a clock that disagrees with
    // AWS's does not make the session look longer or shorter than the duration STS granted.
    const lifetimeMs = durationSeconds * 1000;
    return {
      identity: {
        accessKeyId: credentials.AccessKeyId,
        secretAccessKey: credentials.SecretAccessKey,
        ...(credentials.SessionToken === undefined ? {} : { sessionToken: credentials.SessionToken }),
        ...(credentials.Expiration === undefined ? {} : { expiration: credentials.Expiration }),
      },
      refreshAt: now() + lifetimeMs - Math.min(REFRESH_MARGIN_MS, lifetimeMs / 3),
    };
  };

  const provider = async (): Promise<AwsCredentialIdentity> => {
    if (current !== undefined && now() < current.refreshAt) return current.identity;
    pending ??= assume()
      .then((session) => {
        current = session;
        return session;
      })
      .finally(() => {
        pending = undefined;
      });
    return (await pending).identity;
  };

  return Object.assign(provider, {
    invalidate(rejectedAccessKeyId?: string): void {
      if (rejectedAccessKeyId !== undefined && current?.identity.accessKeyId !== rejectedAccessKeyId) return;
      current = undefined;
    },
    destroy: () => sts.destroy(),
    memoized: true as const,
  });
}
