import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { parseArgs } from 'node:util';
import { Ajv, type ErrorObject } from 'ajv';
import { parseSourceUrl } from '../source/source-url.ts';
import type { Config, ConfigKey } from './config-type.ts';
import { deepFreeze } from './deep-freeze.ts';
import { CONFIG_SCHEMA } from './schema.ts';
import { describeSource, SETTING_SOURCES } from './sources.ts';

export type LoadConfigResult =
  | { readonly ok: true; readonly config: Config }
  | { readonly ok: false; readonly errors: readonly string[] };

/** Values used where neither the environment nor a flag sets a setting, before the schema's own defaults. */
export type ConfigDefaults = { readonly [K in ConfigKey]?: Config[K] };

type Env = Readonly<Record<string, string | undefined>>;
type PropertySchema = { readonly type: string; readonly default?: unknown };

const KEYS = Object.keys(CONFIG_SCHEMA.properties) as ConfigKey[];
/** A boolean setting's flag takes no value: `--suspend` turns it on. */
function isSwitch(key: ConfigKey): boolean {
  const schema: PropertySchema = CONFIG_SCHEMA.properties[key];
  return schema.type === 'boolean';
}
const validate = new Ajv({ allErrors: true, strict: true, discriminator: true }).compile(CONFIG_SCHEMA);
/** Settings whose value is never shown in an error: it is, or holds, a secret. */
const HIDDEN: ReadonlySet<ConfigKey> = new Set(['apiToken', 'notifications']);

/**
 * The operator's configuration from the environment and flags (a flag overrides the environment),
 * validated once: every problem is listed, each naming the variable or flag it came from. The
 * config returned is deeply frozen. `argv` is the arguments after the command name.
 */
export function loadConfig(
  env: Env,
  argv: readonly string[],
  defaults: ConfigDefaults = {},
): LoadConfigResult {
  const flags = readFlags(argv);
  const origins = new Map<ConfigKey, string>();
  const candidate: Record<string, unknown> = {};
  for (const key of KEYS) {
    const given = givenValue(key, env, flags.values);
    const schema: PropertySchema = CONFIG_SCHEMA.properties[key];
    if (given !== undefined) {
      origins.set(key, given.origin);
      candidate[key] = coerce(given.text, schema.type);
    } else if (defaults[key] !== undefined) {
      candidate[key] = defaults[key];
    } else if (schema.default !== undefined) {
      candidate[key] = schema.default;
    } else if (key === 'replicaId') {
      candidate[key] = `${hostname().replace(/[^A-Za-z0-9_.:/-]/g, '-')}-${randomBytes(4).toString('hex')}`;
    }
  }
  const errors = [...flags.errors];
  if (!validate(candidate)) {
    for (const error of validate.errors ?? []) errors.push(describeError(error, candidate, origins));
  }
  errors.push(...crossChecks(candidate, origins));
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, config: deepFreeze(candidate as unknown as Config) };
}

interface FlagReading {
  readonly values: ReadonlyMap<string, string>;
  readonly errors: readonly string[];
}

/** Every flag problem at once (parseArgs' strict mode stops at the first). */
function readFlags(argv: readonly string[]): FlagReading {
  const known = new Map<string, ConfigKey>();
  for (const key of KEYS) {
    const flag = SETTING_SOURCES[key].flag;
    if (flag !== undefined) known.set(flag, key);
  }
  const options = Object.fromEntries(
    [...known].map(([flag, key]) => [flag, { type: isSwitch(key) ? 'boolean' : 'string' } as const]),
  );
  const { tokens } = parseArgs({
    args: [...argv],
    options,
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  const values = new Map<string, string>();
  const errors: string[] = [];
  for (const token of tokens) {
    if (token.kind === 'positional') errors.push(`unexpected argument "${token.value}"`);
    if (token.kind !== 'option') continue;
    const key = known.get(token.name);
    if (key === undefined) {
      errors.push(
        `${token.rawName}: unknown option; options: ${[...known.keys()].map((f) => `--${f}`).join(', ')}`,
      );
    } else if (isSwitch(key)) {
      if (token.value !== undefined) errors.push(`${token.rawName}: takes no value (it turns ${key} on)`);
      else values.set(token.name, 'true');
    } else if (token.value === undefined || token.value === '') {
      errors.push(`${token.rawName}: expects a value`);
    } else {
      values.set(token.name, token.value);
    }
  }
  return { values, errors };
}

function givenValue(
  key: ConfigKey,
  env: Env,
  flags: ReadonlyMap<string, string>,
): { text: string; origin: string } | undefined {
  const { flag, env: names } = SETTING_SOURCES[key];
  const fromFlag = flag === undefined ? undefined : flags.get(flag);
  if (fromFlag !== undefined) return { text: fromFlag, origin: `--${flag}` };
  for (const name of names) {
    const text = env[name];
    // An empty variable is unset: `FOO=` in a task definition must not mean 0 or "".
    if (text !== undefined && text.trim() !== '') return { text, origin: name };
  }
  return undefined;
}

/** Text to the schema's type where it reads as one; otherwise the text stays, and ajv reports it. */
function coerce(text: string, type: string): unknown {
  const trimmed = text.trim();
  if (type === 'integer' || type === 'number') {
    const number = Number(trimmed);
    return trimmed !== '' && Number.isFinite(number) ? number : text;
  }
  if (type === 'array') {
    try {
      return JSON.parse(trimmed) as unknown;
    } catch {
      return text;
    }
  }
  if (type === 'boolean') {
    if (/^(true|1|yes|on)$/i.test(trimmed)) return true;
    if (/^(false|0|no|off)$/i.test(trimmed)) return false;
    return text;
  }
  return trimmed;
}

function describeError(
  error: ErrorObject,
  candidate: Record<string, unknown>,
  origins: Map<ConfigKey, string>,
) {
  const [, top, ...rest] = error.instancePath.split('/');
  if (error.keyword === 'required' && top === undefined) {
    const key = String(error.params.missingProperty) as ConfigKey;
    return `${key} is required: set ${describeSource(key)}`;
  }
  const key = top as ConfigKey;
  const origin = origins.get(key) ?? `${key} (default)`;
  if (rest.length > 0 || (key === 'notifications' && Array.isArray(candidate[key]))) {
    return `${origin}: ${nestedPath(key, rest, candidate[key])}: ${nestedMessage(error)}`;
  }
  if (key === 'notifications')
    return `${origin}: must be a JSON array of receivers (it is not JSON, or not an array)`;
  const value = HIDDEN.has(key) ? '(hidden)' : JSON.stringify(candidate[key]);
  const message =
    error.keyword === 'enum'
      ? `must be one of ${(error.params.allowedValues as unknown[]).join(', ')}`
      : (error.message ?? 'is invalid');
  return `${origin}=${value}: ${message}`;
}

/** `notifications[1] ("ops").secret`: the receiver by index and, when it has one, by name. */
function nestedPath(key: string, rest: readonly string[], value: unknown): string {
  const [index, ...fields] = rest;
  if (index === undefined) return key;
  const item: unknown = Array.isArray(value) ? value[Number(index)] : undefined;
  const name =
    typeof item === 'object' && item !== null && 'name' in item && typeof item.name === 'string'
      ? ` ("${item.name.slice(0, 64)}")`
      : '';
  return `${key}[${index}]${name}${fields.map((field) => (/^\d+$/.test(field) ? `[${field}]` : `.${field}`)).join('')}`;
}

/** ajv's message without the value (which may be a secret). */
function nestedMessage(error: ErrorObject): string {
  switch (error.keyword) {
    case 'required':
      return `missing "${String(error.params.missingProperty)}"`;
    case 'additionalProperties':
      return `unknown field "${String(error.params.additionalProperty)}"`;
    case 'enum':
      return `must be one of ${(error.params.allowedValues as unknown[]).join(', ')}`;
    case 'discriminator':
      return `"type" must be one of webhook, slack, sns`;
    default:
      return error.message ?? 'is invalid';
  }
}

/**
 * What a schema cannot say: the source must parse, protected reads need a token, and the lease
 * durations must nest.
 */
function crossChecks(candidate: Record<string, unknown>, origins: Map<ConfigKey, string>): string[] {
  const errors: string[] = [];
  if (candidate.apiProtectReads === true && candidate.apiToken === undefined) {
    errors.push(
      `${origins.get('apiProtectReads') ?? 'apiProtectReads'}: the GET routes would refuse everyone; set ${describeSource('apiToken')}`,
    );
  }
  if (typeof candidate.source === 'string' && candidate.source !== '') {
    try {
      const location = parseSourceUrl(candidate.source);
      if (location.kind !== 's3' && candidate.sourceQueueUrl !== undefined) {
        errors.push(
          `${origins.get('sourceQueueUrl')}: a queue of bucket notifications needs an s3:// source`,
        );
      }
    } catch (error) {
      errors.push(
        `${origins.get('source') ?? 'source'}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
  errors.push(...duplicateReceivers(candidate.notifications, origins));
  const {
    leaseRetrySeconds: retry,
    leaseRenewDeadlineSeconds: deadline,
    leaseDurationSeconds: duration,
  } = candidate;
  if (typeof retry === 'number' && typeof deadline === 'number' && typeof duration === 'number') {
    if (!(retry < deadline && deadline < duration)) {
      errors.push(
        `lease: expected ${describeSource('leaseRetrySeconds')} (${retry}) < ${describeSource('leaseRenewDeadlineSeconds')} (${deadline}) < ${describeSource('leaseDurationSeconds')} (${duration})`,
      );
    }
  }
  return errors;
}

/** Receiver names key the outbox and the delivery log: two of one name would share them. */
function duplicateReceivers(value: unknown, origins: Map<ConfigKey, string>): string[] {
  if (!Array.isArray(value)) return [];
  const seen = new Set<string>();
  const errors: string[] = [];
  value.forEach((item: unknown, index) => {
    if (typeof item !== 'object' || item === null || !('name' in item) || typeof item.name !== 'string')
      return;
    if (seen.has(item.name))
      errors.push(
        `${origins.get('notifications') ?? 'notifications'}: notifications[${index}].name: "${item.name}" is already the name of another receiver`,
      );
    seen.add(item.name);
  });
  return errors;
}
