import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '../..');
export const schemaDir = join(repoRoot, 'schemas');
const idBase = 'https://shipshape.dev/schemas/';

export const schemaFiles = readdirSync(schemaDir)
  .filter((f) => f.endsWith('.schema.json'))
  .sort();

/** `TaskDefinition` -> `task-definition.schema.json` */
export function schemaFileOf(kind: string): string {
  return `${kind.replace(/(?<=[a-z])(?=[A-Z])/g, '-').toLowerCase()}.schema.json`;
}

/** An Ajv2020 instance in strict mode with every schema added, as the manifest loader builds it. */
export function createAjv(): Ajv2020 {
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  addFormats.default(ajv);
  for (const file of schemaFiles) ajv.addSchema(JSON.parse(readFileSync(join(schemaDir, file), 'utf8')));
  return ajv;
}

export function validatorFor(ajv: Ajv2020, file: string): ValidateFunction {
  const validate = ajv.getSchema(`${idBase}${file}`);
  if (validate === undefined) throw new Error(`no schema ${file}`);
  return validate;
}
