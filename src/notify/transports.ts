import type { AwsCredentialIdentity } from '@smithy/types';
import type { ReceiverConfig } from '../config/index.ts';
import { slackTransport, webhookTransport } from './http-transport.ts';
import { snsTransport } from './sns-transport.ts';
import type { Transport } from './transport.ts';

export interface SnsSettings {
  readonly region: string;
  readonly credentials?: AwsCredentialIdentity;
}

export function transportFor(receiver: ReceiverConfig, sns: SnsSettings): Transport {
  switch (receiver.type) {
    case 'webhook':
      return webhookTransport(receiver.url, receiver.secret);
    case 'slack':
      return slackTransport(receiver.url);
    case 'sns':
      return snsTransport(receiver.topicArn, {
        region: sns.region,
        ...(receiver.endpoint === undefined ? {} : { endpoint: receiver.endpoint }),
        ...(sns.credentials === undefined ? {} : { credentials: sns.credentials }),
      });
  }
}
