import type { Message } from './message.ts';

/**
 * How one attempt went. `error` is built from a status code or an error code only, never from
 * the URL or the response: a Slack URL is a credential, and so may be a webhook's query.
 */
export type Attempt =
  | { readonly ok: true; readonly status?: number }
  | { readonly ok: false; readonly retryable: boolean; readonly status?: number; readonly error: string };

export interface Transport {
  send(message: Message, signal: AbortSignal): Promise<Attempt>;
  close(): void;
}

/** 408, 429 and 5xx are worth another try; other 4xx say the request itself is wrong. */
export function httpAttempt(status: number): Attempt {
  if (status >= 200 && status < 300) return { ok: true, status };
  const retryable = status === 408 || status === 429 || status >= 500;
  return { ok: false, retryable, status, error: `HTTP ${status}` };
}

/** A network failure by its code (ECONNREFUSED, a timeout), without the address it names. */
export function networkAttempt(error: unknown): Attempt {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  const code =
    typeof cause === 'object' && cause !== null && 'code' in cause && typeof cause.code === 'string'
      ? cause.code
      : error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')
        ? error.name
        : 'network error';
  return { ok: false, retryable: true, error: code };
}
