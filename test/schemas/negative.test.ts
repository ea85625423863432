import { describe, expect, it } from 'vitest';
import {
  applyEdit,
  bases,
  type Edit,
  Merge,
  negativeCases,
  positiveCases,
  REMOVE,
} from './negative-cases.ts';
import { createAjv, schemaFileOf, validatorFor } from './schema-registry.ts';

const ajv = createAjv();

function edited(edit: Edit): Record<string, unknown> {
  const base = bases[edit.kind];
  if (base === undefined) throw new Error(`no base document for ${edit.kind}`);
  const document = base();
  applyEdit(document, edit);
  return document;
}

function describeValue(value: unknown): string {
  if (value === REMOVE) return 'removed';
  const text = JSON.stringify(value instanceof Merge ? value.fields : value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

describe('base documents', () => {
  it.each(Object.keys(bases))('%s is valid', (kind) => {
    const validate = validatorFor(ajv, schemaFileOf(kind));
    expect(
      validate(edited({ kind, path: 'metadata.name', value: 'example' })) ? [] : validate.errors,
    ).toEqual([]);
  });

  it('cover every kind', () => {
    expect(Object.keys(bases)).toHaveLength(13);
  });
});

describe('schemas reject', () => {
  const table = negativeCases.map((c) => ({ ...c, shown: describeValue(c.value) }));
  it.each(table)('$kind $path = $shown: $keyword at "$instancePath"', (testCase) => {
    const validate = validatorFor(ajv, schemaFileOf(testCase.kind));
    expect(validate(edited(testCase))).toBe(false);
    const found = (validate.errors ?? []).map((e) => ({ instancePath: e.instancePath, keyword: e.keyword }));
    expect(found).toContainEqual({ instancePath: testCase.instancePath, keyword: testCase.keyword });
  });
});

describe('schemas accept', () => {
  const table = positiveCases.map((c) => ({ ...c, shown: describeValue(c.value) }));
  it.each(table)('$kind $path = $shown', (edit) => {
    const validate = validatorFor(ajv, schemaFileOf(edit.kind));
    expect(validate(edited(edit)) ? [] : validate.errors).toEqual([]);
  });
});
