import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { isRecord } from './field-path.ts';
import { type Kind, schemaFileOf } from './kinds.ts';
import { SchemaIndex } from './schema-index.ts';

export const DEFAULT_SCHEMA_DIR = fileURLToPath(new URL('../../schemas/', import.meta.url));

/** The compiled schemas of one folder: a validator per kind, and the index to explain its errors. */
export interface SchemaSet {
  readonly index: SchemaIndex;
  validatorFor(kind: Kind): ValidateFunction | undefined;
}

const cache = new Map<string, SchemaSet>();

/** Loads every `*.schema.json` of `dir` once; validators compile on first use and stay cached. */
export function loadSchemaSet(dir: string = DEFAULT_SCHEMA_DIR): SchemaSet {
  const cached = cache.get(dir);
  if (cached !== undefined) return cached;
  const files = readdirSync(dir).filter((name) => name.endsWith('.schema.json'));
  const schemas = new Map<string, Record<string, unknown>>();
  for (const name of files) {
    const parsed: unknown = JSON.parse(readFileSync(join(dir, name), 'utf8'));
    if (isRecord(parsed)) schemas.set(name, parsed);
  }
  // verbose: errors carry the failing sub-schema, which is how oneOf branches are told apart.
  const ajv = new Ajv2020({ allErrors: true, strict: true, verbose: true });
  addFormats.default(ajv);
  for (const [name, schema] of schemas)
    ajv.addSchema(schema, typeof schema.$id === 'string' ? undefined : name);
  const validators = new Map<Kind, ValidateFunction | undefined>();
  const set: SchemaSet = {
    index: new SchemaIndex([...schemas.values()]),
    validatorFor(kind) {
      if (validators.has(kind)) return validators.get(kind);
      const schema = schemas.get(schemaFileOf(kind));
      const key =
        schema === undefined ? undefined : typeof schema.$id === 'string' ? schema.$id : schemaFileOf(kind);
      if (key === undefined) throw new Error(`no schema for kind ${kind} in ${dir}`);
      const validator = ajv.getSchema(key);
      validators.set(kind, validator);
      return validator;
    },
  };
  cache.set(dir, set);
  return set;
}
