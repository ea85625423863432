import { redactArgs } from './args.ts';
import { REDACTED } from './marker.ts';
import { isSecretName } from './names.ts';
import { redactText } from './text.ts';

/** Members that name the value beside them (`{name, value}`, `{Key, Value}`): never redacted by name. */
const NAME_MEMBER = /^(?:name|key)$/i;
const VALUE_MEMBER = /^value$/i;

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** An ARN names a secret (Secrets Manager, SSM), it is not one; an empty value hides nothing. */
function plainlyNotSecret(value: string): boolean {
  return value === '' || value.startsWith('arn:');
}

/** The name a `{name, value}` or `{Key, Value}` pair gives its value. */
function pairName(object: Record<string, unknown>): string | undefined {
  let name: string | undefined;
  let hasValue = false;
  for (const [key, member] of Object.entries(object)) {
    if (NAME_MEMBER.test(key) && typeof member === 'string') name = member;
    if (VALUE_MEMBER.test(key)) hasValue = true;
  }
  return hasValue ? name : undefined;
}

/** Redacts a plain object itself (a drift entry knows its own context), or answers undefined. */
export type ObjectRule = (object: Record<string, unknown>) => unknown;

/**
 * A copy of JSON-like data with secret-looking values replaced: by name (a member, a `{name,
 * value}` pair's name, the `name` given for a whole value) and by content (`redactText`; lists
 * of strings as argument vectors). The structure, the member names and everything not secret
 * stay as they were; class instances are returned as they are.
 */
export function redactValue(value: unknown, name?: string, rule?: ObjectRule): unknown {
  const secretName = name !== undefined && isSecretName(name);
  if (typeof value === 'string') {
    return secretName && !plainlyNotSecret(value) ? REDACTED : redactText(value);
  }
  if (typeof value === 'number') return secretName ? REDACTED : value;
  if (Array.isArray(value)) {
    const items = value.every((item) => typeof item === 'string') ? redactArgs(value) : value;
    return items.map((item) => redactValue(item, name, rule));
  }
  if (!isPlainObject(value)) return value;
  const own = rule?.(value);
  if (own !== undefined) return own;
  const named = pairName(value);
  // fromEntries, not `out[key] =`: a `__proto__` member of the data stays a member.
  return Object.fromEntries(
    Object.entries(value).map(([key, member]) => {
      if (NAME_MEMBER.test(key)) return [key, redactValue(member, undefined, rule)];
      if (named !== undefined && VALUE_MEMBER.test(key)) return [key, redactValue(member, named, rule)];
      return [key, redactValue(member, key, rule)];
    }),
  );
}
