import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONFIG_SCHEMA, type ConfigKey, SETTING_SOURCES } from '../../src/config/index.ts';

const doc = readFileSync(new URL('../../docs/CONFIGURATION.md', import.meta.url), 'utf8');

/** The table rows of docs/CONFIGURATION.md, by the setting named in their first cell. */
function rows(): Map<string, string> {
  const found = new Map<string, string>();
  for (const line of doc.split('\n')) {
    const name = /^\| `([A-Za-z]+)` \|/.exec(line)?.[1];
    if (name !== undefined) found.set(name, line);
  }
  return found;
}

describe('docs/CONFIGURATION.md', () => {
  const table = rows();
  const keys = Object.keys(CONFIG_SCHEMA.properties) as ConfigKey[];

  it.each(keys)('documents %s with its variables, flag and default', (key) => {
    const row = table.get(key);
    expect(row, `no row for ${key}`).toBeDefined();
    const { env, flag } = SETTING_SOURCES[key];
    for (const name of env) expect(row).toContain(`\`${name}\``);
    if (flag !== undefined) expect(row).toContain(`\`--${flag}\``);
    const schema: { readonly type: string; readonly default?: unknown } = CONFIG_SCHEMA.properties[key];
    const shown =
      typeof schema.default === 'object' ? JSON.stringify(schema.default) : String(schema.default);
    if (schema.default !== undefined) expect(row).toContain(`\`${shown}\``);
  });

  it('documents no setting that does not exist', () => {
    expect([...table.keys()].filter((name) => !keys.includes(name as ConfigKey))).toEqual([]);
  });
});
