import { PublishCommand, SNSClient, type SNSClientConfig } from '@aws-sdk/client-sns';
import { headline, jsonBody } from './message.ts';
import { httpAttempt, networkAttempt, type Transport } from './transport.ts';

/** An SNS topic: the JSON body as the message, the headline as the subject. */
export function snsTransport(topicArn: string, config: SNSClientConfig): Transport {
  const client = new SNSClient({ maxAttempts: 1, ...config });
  return {
    async send(message, signal) {
      try {
        await client.send(
          new PublishCommand({
            TopicArn: topicArn,
            Subject: headline(message).replace(/[^\x20-\x7e]/g, ' '),
            Message: jsonBody(message),
            MessageAttributes: { deliveryId: { DataType: 'String', StringValue: message.id } },
          }),
          { abortSignal: signal },
        );
        return { ok: true };
      } catch (error) {
        const status = statusOf(error);
        if (status !== undefined) {
          const attempt = httpAttempt(status);
          return attempt.ok ? attempt : { ...attempt, error: `${errorName(error)} (HTTP ${status})` };
        }
        return networkAttempt(error);
      }
    },
    close() {
      client.destroy();
    },
  };
}

function statusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null || !('$metadata' in error)) return undefined;
  const metadata = error.$metadata;
  return typeof metadata === 'object' && metadata !== null && 'httpStatusCode' in metadata
    ? (metadata.httpStatusCode as number | undefined)
    : undefined;
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : 'error';
}
