import { GetParametersCommand, SSMClient } from '@aws-sdk/client-ssm';
import type { AwsCredentialIdentity } from '@smithy/types';
import type { ParameterStore, ParameterValue } from '../manifest/overlay/reader.ts';

/** GetParameters takes at most this many names per call. */
export const GET_PARAMETERS_MAX_NAMES = 10;

export interface SsmParameterStoreOptions {
  /** Default AWS_REGION, AWS_DEFAULT_REGION, else us-east-1. */
  readonly region?: string;
  /** Default AWS_ENDPOINT_URL, else AWS's own. */
  readonly endpoint?: string;
  /** Default: the SDK's credential chain. */
  readonly credentials?: AwsCredentialIdentity;
  /** A client of the caller's; not destroyed here. */
  readonly client?: SSMClient;
}

/**
 * Overlay parameters from SSM Parameter Store: GetParameters with decryption, ten names a call.
 * The client is made on first use, so overlays without parameters make none.
 */
export function ssmParameterStore(options: SsmParameterStoreOptions): ParameterStore & { destroy(): void } {
  let own: SSMClient | undefined;
  const client = (): SSMClient => {
    if (options.client !== undefined) return options.client;
    if (own === undefined) {
      const endpoint = options.endpoint ?? process.env.AWS_ENDPOINT_URL;
      own = new SSMClient({
        region: options.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1',
        ...(endpoint === undefined || endpoint === '' ? {} : { endpoint }),
        ...(options.credentials === undefined ? {} : { credentials: options.credentials }),
      });
    }
    return own;
  };
  return {
    async getParameters(names) {
      const found = new Map<string, ParameterValue>();
      const ssm = client();
      for (let i = 0; i < names.length; i += GET_PARAMETERS_MAX_NAMES) {
        const batch = names.slice(i, i + GET_PARAMETERS_MAX_NAMES);
        const answer = await ssm.send(new GetParametersCommand({ Names: [...batch], WithDecryption: true }));
        for (const parameter of answer.Parameters ?? []) {
          if (parameter.Name === undefined || parameter.Value === undefined) continue;
          found.set(parameter.Name, { value: parameter.Value, secure: parameter.Type === 'SecureString' });
        }
      }
      return found;
    },
    destroy() {
      own?.destroy();
    },
  };
}
