import { isRecord } from '../field-path.ts';
import type { Entry, Finding } from '../revision-context.ts';

const SECRET_WORDS: readonly (readonly string[])[] = [
  ['PASSWORD'],
  ['PASSWD'],
  ['SECRET'],
  ['TOKEN'],
  ['API', 'KEY'],
  ['PRIVATE', 'KEY'],
  ['ACCESS', 'KEY'],
  ['CREDENTIAL'],
];

/** scheme://user:password@host */
const URL_WITH_CREDENTIALS = /^[a-z][a-z0-9+.-]*:\/\/[^/\s:@]*:[^/\s@]+@/i;

/**
 * Warns about plaintext environment values that look like secrets. The message names the variable
 * and why, never the value.
 */
export function checkPlaintextSecrets(entry: Entry): Finding[] {
  const { kind, spec } = entry.manifest;
  const containers = spec.containerDefinitions;
  if (kind !== 'TaskDefinition' || !Array.isArray(containers)) return [];
  const findings: Finding[] = [];
  containers.forEach((container, i) => {
    if (!isRecord(container) || !Array.isArray(container.environment)) return;
    container.environment.forEach((variable, j) => {
      if (!isRecord(variable) || typeof variable.name !== 'string' || typeof variable.value !== 'string')
        return;
      const why = secretReason(variable.name, variable.value);
      if (why === undefined) return;
      findings.push({
        entry,
        problem: {
          name: 'PLAINTEXT_SECRET',
          segments: ['spec', 'containerDefinitions', i, 'environment', j, 'value'],
          target: 'value',
          params: { name: variable.name, why },
        },
      });
    });
  });
  return findings;
}

export function secretReason(name: string, value: string): string | undefined {
  if (URL_WITH_CREDENTIALS.test(value)) return 'holds a URL with a password in it';
  if (value === '' || value.startsWith('arn:')) return undefined;
  const words = wordsOf(name);
  const hit = SECRET_WORDS.find((pattern) =>
    words.some((_, start) => pattern.every((p, k) => sameWord(words[start + k], p))),
  );
  return hit === undefined ? undefined : `has a name that says ${hit.join('_')} and a plaintext value`;
}

/** `dbPassword`, `DB_PASSWORD`, `db-password` -> ['DB', 'PASSWORD']. */
function wordsOf(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w !== '')
    .map((w) => w.toUpperCase());
}

/** A whole word, singular or plural: TOKEN and TOKENS, not TOKENIZER. */
function sameWord(word: string | undefined, expected: string): boolean {
  return word === expected || word === `${expected}S`;
}
