import type { Logger } from 'pino';

/** Where a bearer token could appear in a request log line; always censored. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  'request.headers.authorization',
];

/** A child of the operator's logger that censors the token whatever the parent's own redact paths are. */
export function apiLogger(parent: Logger): Logger {
  return parent.child({ component: 'api' }, { redact: { paths: REDACTED_PATHS, censor: '[redacted]' } });
}
