/**
 * Whether a name (an environment variable, a log driver option, a map key, a command-line flag)
 * says its value is a secret. The name is split into words (`DB_PASS`, `dbPass`, `db-pass`,
 * `db.pass` -> DB, PASS); docs/SECURITY.md gives the rule with its examples.
 */
export function isSecretName(name: string): boolean {
  const words = wordsOf(name);
  const last = words.at(-1);
  if (last === undefined || words[0] === 'NO' || REFERENCE_QUALIFIERS.has(last)) return false;
  if (last === 'PASS') return true;
  return words.some((word) => SECRET_WORD.test(word) || SECRET_INSIDE.test(word));
}

/** Unambiguous words that count even inside a longer word: `PGPASSWORD`, `clientsecret`. */
const SECRET_INSIDE = /PASSWORD|PASSWD|PASSPHRASE|SECRET|CREDENTIAL/;

/**
 * Short words that count only as a whole word (singular or plural), so that KEYCLOAK, KEYSPACE,
 * TOKENIZER and AUTHOR do not: TOKEN, KEY, AUTH, AUTHORIZATION, PWD, and the one-word compounds
 * APIKEY, ACCESSTOKEN and the like.
 */
const SECRET_WORD =
  /^(?:(?:API|ACCESS|AUTH|PRIVATE|SESSION|REFRESH|BEARER|CLIENT)?(?:TOKEN|KEY)|AUTH|AUTHORIZATION|PWD)S?$/;

/**
 * A last word saying the value points at a secret or configures one, rather than being it:
 * `DB_PASSWORD_SECRET_ARN`, `DB_PASSWORD_FILE`, `OAUTH_TOKEN_URL`, `KMS_KEY_ID`, `AUTH_MODE`.
 * A URL still has its password cut out by the content rules.
 */
const REFERENCE_QUALIFIERS = new Set([
  'ARN',
  'ID',
  'IDS',
  'NAME',
  'FILE',
  'PATH',
  'DIR',
  'URL',
  'URI',
  'ENDPOINT',
  'HOST',
  'PORT',
  'ENABLED',
  'DISABLED',
  'MODE',
  'TYPE',
  'STDIN',
]);

/** `dbPassword`, `DB_PASSWORD`, `db-password`, `APIKey` -> ['DB', 'PASSWORD'], ['API', 'KEY']. */
export function wordsOf(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z])([A-Z][a-z])/g, '$1_$2')
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word !== '')
    .map((word) => word.toUpperCase());
}
