import { redactRandom } from './entropy.ts';
import { REDACTED } from './marker.ts';
import { isSecretName } from './names.ts';

/** A PEM private key block, whole. */
const PRIVATE_KEY = /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z0-9 ]*PRIVATE KEY-----/g;

/** scheme://user:password@host: the password goes, the user and host stay. */
const URL_PASSWORD = /\b([a-z][a-z0-9+.-]*:\/\/[^\s/:@'"]*):[^\s/@'"]+@/gi;

/** `Bearer <token>`, `Basic <base64>`: the credential of an Authorization header. */
const AUTH_SCHEME = /\b(Bearer|Basic|BEARER|BASIC|bearer|basic)(\s+)([\w.~+/=-]{8,})/g;

/** curl and wget style `-u user:password`, `--user=user:password`, `-uuser:password`. */
const USER_PASSWORD_OPTION =
  /(^|[\s'"])(-u|-U|--user|--proxy-user)(=|\s+)?(['"]?)([^\s:'"]*):(?!\s)[^\s'"]+/g;

const VALUE = `("[^"]*"|'[^']*'|[^\\s'"]+)`;

/** `--name=value` or `--name value`, judged by the flag's name (`--password`, `--api-token`). */
const NAMED_OPTION = new RegExp(`(^|[\\s'"])--([A-Za-z][\\w.-]*)(=|\\s+(?!-))${VALUE}`, 'g');

/** MySQL and MariaDB clients take the password glued to `-p`; elsewhere `-p` is a port or a path. */
export const MYSQL_CLIENT = /\b(?:mysql|mysqldump|mysqladmin|mariadb|mariadb-dump)\b/;
const GLUED_PASSWORD = new RegExp(`(^|[\\s'"])-p${VALUE}`, 'g');

/**
 * `NAME=value`, `NAME: value` (a shell assignment, a query parameter, a header), judged by NAME.
 * A NAME right after `[` is a field path's selector (`tags[key=Team]`) and is left alone.
 */
const ASSIGNMENT = /(^|[^\w.[-])([A-Za-z_][\w.-]*)(=|:[ \t]+)("[^"]*"|'[^']*'|[^\s&;,'"\]]+)/g;

/**
 * A string with the secrets inside it cut out: private keys, passwords in URLs, Authorization
 * credentials, credential options of a command line, values assigned to secret-looking names,
 * and runs of characters that look generated. What is not secret stays as it was.
 */
export function redactText(text: string): string {
  if (text === REDACTED || text === '') return text;
  let out = text
    .replace(PRIVATE_KEY, REDACTED)
    .replace(URL_PASSWORD, `$1:${REDACTED}@`)
    .replace(AUTH_SCHEME, (whole, scheme: string, space: string, credential: string) =>
      // "Basic authentication." is prose, not a credential.
      /^[a-z]+[.,;:!?]?$/.test(credential) ? whole : `${scheme}${space}${REDACTED}`,
    )
    .replace(USER_PASSWORD_OPTION, `$1$2$3$4$5:${REDACTED}`)
    .replace(NAMED_OPTION, (whole, before: string, name: string, separator: string) =>
      isSecretName(name) ? `${before}--${name}${separator}${REDACTED}` : whole,
    );
  if (MYSQL_CLIENT.test(out)) out = out.replace(GLUED_PASSWORD, `$1-p${REDACTED}`);
  out = out.replace(ASSIGNMENT, (whole, before: string, name: string, separator: string, value: string) =>
    isSecretName(name) && !/^(?:Bearer|Basic)$/i.test(value) && !value.startsWith('arn:')
      ? `${before}${name}${separator}${REDACTED}`
      : whole,
  );
  return redactRandom(out);
}
