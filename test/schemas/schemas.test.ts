import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAjv, schemaDir, schemaFiles, validatorFor } from './schema-registry.ts';

const kindFiles = schemaFiles.filter(
  (f) => f !== 'common.schema.json' && f !== 'manifest.schema.json' && f !== 'overlay.schema.json',
);
const read = (file: string): Record<string, unknown> =>
  JSON.parse(readFileSync(join(schemaDir, file), 'utf8'));

describe('schemas/', () => {
  it('has one schema per kind, plus common, the manifest union and the overlay file', () => {
    expect(kindFiles).toEqual([
      'access-point.schema.json',
      'cluster.schema.json',
      'discovery-service.schema.json',
      'dns-namespace.schema.json',
      'file-system.schema.json',
      'job.schema.json',
      'listener-rule.schema.json',
      'listener.schema.json',
      'load-balancer.schema.json',
      'scalable-target.schema.json',
      'scaling-policy.schema.json',
      'service.schema.json',
      'target-group.schema.json',
      'target.schema.json',
      'task-definition.schema.json',
    ]);
  });

  it.each(schemaFiles)('%s has its $id and draft 2020-12', (file) => {
    const schema = read(file);
    expect(schema.$id).toBe(`https://shipshape.dev/schemas/${file}`);
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
  });

  it.each(schemaFiles)('%s compiles with Ajv2020 in strict mode', (file) => {
    const ajv = createAjv();
    expect(() => validatorFor(ajv, file)).not.toThrow();
  });

  it('closes every object schema that declares properties', () => {
    const open: string[] = [];
    const walk = (node: unknown, path: string): void => {
      if (Array.isArray(node)) {
        for (const [i, child] of node.entries()) walk(child, `${path}/${i}`);
        return;
      }
      if (node === null || typeof node !== 'object') return;
      const schema = node as Record<string, unknown>;
      // Subschemas of if/anyOf/dependentSchemas only add constraints to an already closed object.
      const isConstraint = /\/(if|then|else|(anyOf|allOf|oneOf)\/\d+|dependentSchemas\/[^/]+)$/.test(path);
      if (schema.properties !== undefined && schema.additionalProperties !== false && !isConstraint)
        open.push(path);
      for (const [key, child] of Object.entries(schema)) {
        if (key === 'properties' || key === '$defs' || key === 'dependentSchemas') {
          for (const [name, sub] of Object.entries(child as Record<string, unknown>))
            walk(sub, `${path}/${key}/${name}`);
        } else walk(child, `${path}/${key}`);
      }
    };
    for (const file of [...kindFiles, 'common.schema.json']) walk(read(file), file);
    expect(open).toEqual([]);
  });

  it('the manifest union picks the schema by kind', () => {
    const validate = validatorFor(createAjv(), 'manifest.schema.json');
    const cluster = { apiVersion: 'shipshape.dev/v1', kind: 'Cluster', metadata: { name: 'c' }, spec: {} };
    expect(validate(cluster)).toBe(true);
    expect(validate({ ...cluster, spec: { desiredCount: 1 } })).toBe(false);
    expect(validate.errors).toContainEqual(
      expect.objectContaining({ instancePath: '/spec', keyword: 'additionalProperties' }),
    );
    expect(validate({ ...cluster, kind: 'Bucket' })).toBe(false);
    expect(validate.errors).toContainEqual(
      expect.objectContaining({ instancePath: '/kind', keyword: 'enum' }),
    );
  });
});
