import { type AwsClients, createAwsClients } from '../aws/clients.ts';
import { ownershipFor } from '../providers/ownership.ts';
import type { ProviderContextBase } from '../providers/types.ts';

/** Options every command that talks to AWS takes. */
export const AWS_OPTIONS = {
  'endpoint-url': { type: 'string' },
  region: { type: 'string' },
  instance: { type: 'string' },
} as const;

export const AWS_OPTIONS_USAGE = `  --endpoint-url URL  a custom AWS endpoint (the emulator, LocalStack); AWS_ENDPOINT_URL is honoured
  --region REGION     default AWS_REGION, AWS_DEFAULT_REGION, else us-east-1
  --instance NAME     the Shipshape instance whose ownership tags are used; default SHIPSHAPE_INSTANCE, else "default"`;

export interface AwsOptionValues {
  readonly 'endpoint-url'?: string | undefined;
  readonly region?: string | undefined;
  readonly instance?: string | undefined;
}

/** The counted clients and provider context for a command; credentials come from the standard chain. */
export function awsContext(values: AwsOptionValues): {
  aws: AwsClients;
  base: ProviderContextBase;
  region: string;
} {
  const region = values.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1';
  const endpoint = values['endpoint-url'] ?? process.env.AWS_ENDPOINT_URL;
  const aws = createAwsClients({ region, ...(endpoint === undefined ? {} : { endpoint }) });
  const instance = values.instance ?? process.env.SHIPSHAPE_INSTANCE ?? 'default';
  return { aws, base: { aws, ownership: ownershipFor(instance) }, region };
}
