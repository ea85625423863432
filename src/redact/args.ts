import { REDACTED } from './marker.ts';
import { isSecretName } from './names.ts';
import { MYSQL_CLIENT, redactText } from './text.ts';

/** Flags whose next argument is `user:password`. */
const USER_PASSWORD_FLAGS = new Set(['-u', '-U', '--user', '--proxy-user']);

/**
 * An argument vector (a container's `command` or `entryPoint`) with its secrets cut out: what
 * `redactText` finds in each argument, plus what only the neighbours show: the argument after
 * `-u`/`--user` (its password part) or after a secret-named flag (`--password`, `--api-token`),
 * and `-p<password>` when the vector runs a MySQL client.
 */
export function redactArgs(args: readonly string[]): string[] {
  const mysql = args.some((arg) => MYSQL_CLIENT.test(arg));
  return args.map((arg, i) => {
    const previous = i > 0 ? args[i - 1] : undefined;
    if (previous !== undefined && USER_PASSWORD_FLAGS.has(previous)) {
      const colon = arg.indexOf(':');
      if (colon >= 0) return `${arg.slice(0, colon)}:${REDACTED}`;
    }
    if (previous !== undefined && /^--[A-Za-z][\w.-]*$/.test(previous) && !arg.startsWith('-')) {
      if (isSecretName(previous.slice(2))) return REDACTED;
    }
    if (mysql && /^-p./.test(arg)) return `-p${REDACTED}`;
    return redactText(arg);
  });
}
