import { type DestinationStream, type Level, type Logger, pino } from 'pino';

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
      },
    },
    options.destination ?? pino.destination(1),
  );
}

/**
 * A copy of plain data with secret-named keys censored and bearer credentials cut out of strings.
 * Class instances (requests, errors, buffers) are left to pino's serializers and redact paths:
 * walking them would copy sockets and streams.
 */
export function censorSecrets(value: unknown, seen: WeakSet<object> = new WeakSet()): unknown {
  if (typeof value === 'string') return value.replace(BEARER, `$1 ${REDACTED}`);
  if (value === null || typeof value !== 'object' || seen.has(value)) return value;
  if (Array.isArray(value)) {
    seen.add(value);
    return value.map((item) => censorSecrets(item, seen));
  }
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return value;
  seen.add(value);
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    out[key] =
      SECRET_KEY.test(key) && child !== undefined && child !== null ? REDACTED : censorSecrets(child, seen);
  }
  return out;
}
