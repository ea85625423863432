import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { collapseAjvErrors } from '../collapse-ajv-errors.ts';
import { isRecord } from '../field-path.ts';
import { SchemaIndex } from '../schema-index.ts';
import type { Problem } from '../schema-problem.ts';
import { DEFAULT_SCHEMA_DIR } from '../schemas.ts';

export const OVERLAY_SCHEMA_FILE = 'overlay.schema.json';

let compiled: { validate: ValidateFunction; index: SchemaIndex } | undefined;

/** The problems of an overlay.yaml's data against schemas/overlay.schema.json, explained as the kinds' are. */
export function overlaySchemaProblems(data: unknown): Problem[] {
  compiled ??= compile();
  if (compiled.validate(data)) return [];
  return collapseAjvErrors(compiled.validate.errors ?? [], data, compiled.index);
}

function compile(): { validate: ValidateFunction; index: SchemaIndex } {
  const parsed: unknown = JSON.parse(readFileSync(join(DEFAULT_SCHEMA_DIR, OVERLAY_SCHEMA_FILE), 'utf8'));
  if (!isRecord(parsed)) throw new Error(`schemas/${OVERLAY_SCHEMA_FILE} is not a JSON object`);
  // verbose: as for the kinds, errors carry the failing sub-schema that explains them.
  const ajv = new Ajv2020({ allErrors: true, strict: true, verbose: true });
  return { validate: ajv.compile(parsed), index: new SchemaIndex([parsed]) };
}
