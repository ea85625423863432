import type { ConfigKey } from '../config/config-type.ts';
import { SETTING_SOURCES } from '../config/sources.ts';
import { DEFAULT_READ_LIMITS, type ReadLimits } from '../manifest/limits.ts';

const SETTING_OF: Readonly<Record<keyof ReadLimits, ConfigKey>> = {
  fileBytes: 'maxFileBytes',
  revisionBytes: 'maxRevisionBytes',
  documents: 'maxDocuments',
};

/** The parseArgs options of the read limits: the flags `serve` takes for them. */
export const LIMIT_OPTIONS = {
  'max-file-bytes': { type: 'string' },
  'max-revision-bytes': { type: 'string' },
  'max-documents': { type: 'string' },
} as const;

/** The read limits as `serve` takes them (a flag, else its environment variable, else the default), or what is wrong. */
export function limitsFrom(
  flags: Readonly<Record<string, unknown>>,
  env: Readonly<Record<string, string | undefined>>,
): { readonly limits: ReadLimits } | { readonly error: string } {
  const limits = { ...DEFAULT_READ_LIMITS };
  for (const [key, setting] of Object.entries(SETTING_OF) as [keyof ReadLimits, ConfigKey][]) {
    const { env: names, flag } = SETTING_SOURCES[setting];
    const fromFlag = flag === undefined ? undefined : flags[flag];
    const name = names.find((n) => (env[n] ?? '').trim() !== '');
    const given =
      typeof fromFlag === 'string'
        ? { origin: `--${flag}`, text: fromFlag }
        : name === undefined
          ? undefined
          : { origin: name, text: env[name] ?? '' };
    if (given === undefined) continue;
    const value = Number(given.text.trim());
    if (!Number.isSafeInteger(value) || value < 1) {
      return { error: `${given.origin}=${JSON.stringify(given.text)}: must be a whole number of at least 1` };
    }
    limits[key] = value;
  }
  return { limits };
}
