import { type DestinationStream, type Level, type Logger, pino } from 'pino';
import { redactText } from './redact/index.ts';

export const REDACTED = '[redacted]';

/** Paths pino censors after serializers ran (request logs carry the bearer token here). */
const REDACT_PATHS = [
  'authorization',
  'headers.authorization',
  'req.headers.authorization',
  'req.headers.cookie',
  'request.headers.authorization',
  'res.headers["set-cookie"]',
  'config.apiToken',
  'config.notifications',
];

/**
 * Keys whose values are secrets wherever they appear. `fencingToken` and similar counters are
 * not: only a bare token or one named for credentials is.
 */
const SECRET_KEY =
  /secret|password|passwd|authorization|cookie|credential|^(api|access|session|auth|bearer|id|refresh)?[-_]?token$/i;

/** A bearer credential inside a message string. */
const BEARER = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi;

export interface LoggerOptions {
  readonly level?: Level | 'silent';
  /** Default: standard output. Tests pass a stream to read the lines back. */
  readonly destination?: DestinationStream;
  readonly bindings?: Record<string, unknown>;
}

/** The operator's logger: JSON lines, secrets censored by key name, by path and inside messages. */
export function createLogger(options: LoggerOptions = {}): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      base: { ...options.bindings },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACT_PATHS, censor: REDACTED },
      formatters: {
        level: (label) => ({ level: label }),
        bindings: (bindings) => censorSecrets(bindings) as Record<string, unknown>,
        log: (object) => censorSecrets(object) as Record<string, unknown>,
      },
      hooks: {
        logMethod(args, method) {
          const scrubbed = args.map((arg) =>
            typeof arg === 'string' ? arg.replace(BEARER, `$1 ${REDACTED}`) : arg,
          );
          method.apply(this, scrubbed as typeof args);
        },
        streamWrite: censorLine,
      },
    },
    options.destination ?? pino.destination(1),
  );
}

/**
 * The last look at a line before it is written: what serializers made (an error's message and
 * stack, a request's URL) gets the same censoring, and every string the content rules of
 * src/redact (passwords in URLs and command lines, secret assignments, generated-looking runs).
 */
function censorLine(line: string): string {
  try {
    return `${JSON.stringify(censorSecrets(JSON.parse(line)))}\n`;
  } catch {
    return redactText(line);
  }
}

/**
 * A copy of plain data with secret-named keys censored and secrets cut out of strings.
 * Class instances (requests, errors, buffers) are left to pino's serializers and redact paths:
 * walking them would copy sockets and streams.
 */
export function censorSecrets(value: unknown, seen: WeakSet<object> = new WeakSet()): unknown {
  if (typeof value === 'string') return redactText(value.replace(BEARER, `$1 ${REDACTED}`));
  if (value === null || typeof value !== 'object' || seen.has(value)) return value;
  if (Array.isArray(value)) {
    seen.add(value);
    return value.map((item) => censorSecrets(item, seen));
  }
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return value;
  seen.add(value);
  // fromEntries, not `out[key] =`: a `__proto__` key of the data stays a key.
  return Object.fromEntries(
    Object.entries(value).map(([key, child]) => [
      key,
      SECRET_KEY.test(key) && child !== undefined && child !== null ? REDACTED : censorSecrets(child, seen),
    ]),
  );
}
