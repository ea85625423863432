import { jsonBody, type Message, slackBody } from './message.ts';
import { DELIVERY_HEADER, SIGNATURE_HEADER, sign, TIMESTAMP_HEADER } from './signature.ts';
import { type Attempt, httpAttempt, networkAttempt, type Transport } from './transport.ts';

const TIMEOUT_MS = 10_000;

async function post(
  url: string,
  body: string,
  headers: Record<string, string>,
  signal: AbortSignal,
): Promise<Attempt> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', ...headers },
      signal: AbortSignal.any([signal, AbortSignal.timeout(TIMEOUT_MS)]),
      redirect: 'error',
    });
    await response.body?.cancel();
    return httpAttempt(response.status);
  } catch (error) {
    return networkAttempt(error);
  }
}

/** A generic webhook: JSON, signed with HMAC-SHA256 over the timestamp and the body. */
export function webhookTransport(url: string, secret: string, now: () => number = Date.now): Transport {
  return {
    send(message, signal) {
      const body = jsonBody(message);
      const timestamp = String(Math.floor(now() / 1000));
      return post(
        url,
        body,
        {
          [TIMESTAMP_HEADER]: timestamp,
          [SIGNATURE_HEADER]: sign(secret, timestamp, body),
          [DELIVERY_HEADER]: message.id,
        },
        signal,
      );
    },
    close() {},
  };
}

/** A Slack incoming webhook: its URL is the credential, so nothing more is sent. */
export function slackTransport(url: string): Transport {
  return {
    send: (message: Message, signal) => post(url, slackBody(message), {}, signal),
    close() {},
  };
}
