import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRevision } from '../../src/manifest/revision.ts';

/**
 * A throwaway schema whose spec uses the combinator shapes that make ajv noisy: oneOf over
 * $ref'd branches (with nested refs, so ajv does not inline them), an action discriminated by
 * `type`, a string-or-object union, oneOf over `required` alternatives and `not: {required}`.
 */
const COMMON = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://shipshape.dev/schemas/common.schema.json',
  $defs: {
    port: { type: 'integer', minimum: 1, maximum: 65535 },
    forward: {
      type: 'object',
      additionalProperties: false,
      required: ['type', 'target'],
      properties: { type: { const: 'forward' }, target: { type: 'string' }, port: { $ref: '#/$defs/port' } },
    },
    fixed: {
      type: 'object',
      additionalProperties: false,
      required: ['type', 'statusCode'],
      properties: {
        type: { const: 'fixed-response' },
        statusCode: { type: 'string', pattern: '^[2-5]\\d\\d$' },
      },
    },
    action: { oneOf: [{ $ref: '#/$defs/forward' }, { $ref: '#/$defs/fixed' }] },
  },
};

const CLUSTER = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://shipshape.dev/schemas/cluster.schema.json',
  type: 'object',
  additionalProperties: false,
  required: ['apiVersion', 'kind', 'metadata', 'spec'],
  properties: {
    apiVersion: { const: 'shipshape.dev/v1' },
    kind: { const: 'Cluster' },
    metadata: { type: 'object', required: ['name'], properties: { name: { type: 'string' } } },
    spec: {
      type: 'object',
      additionalProperties: false,
      properties: {
        actions: { type: 'array', items: { $ref: 'common.schema.json#/$defs/action' } },
        image: { oneOf: [{ type: 'string' }, { type: 'object', properties: { uri: { type: 'string' } } }] },
        target: {
          type: 'object',
          oneOf: [
            { properties: { clusterRef: true }, required: ['clusterRef'] },
            { properties: { cluster: true }, required: ['cluster'] },
          ],
        },
        clusterRef: { type: 'string' },
        cluster: { type: 'string' },
        mode: { type: 'string' },
        strategy: { type: 'string' },
      },
      not: { properties: { mode: true, strategy: true }, required: ['mode', 'strategy'] },
    },
  },
};

let schemaDir = '';
beforeAll(async () => {
  schemaDir = await mkdtemp(join(tmpdir(), 'shipshape-schemas-'));
  await writeFile(join(schemaDir, 'common.schema.json'), JSON.stringify(COMMON));
  await writeFile(join(schemaDir, 'cluster.schema.json'), JSON.stringify(CLUSTER));
});
afterAll(async () => {
  await rm(schemaDir, { recursive: true, force: true });
});

function errorsFor(spec: string) {
  const content = `apiVersion: shipshape.dev/v1\nkind: Cluster\nmetadata: {name: c}\nspec:\n${spec}`;
  const result = loadRevision([{ file: 'c.yaml', content }], { schemaDir });
  return result.ok
    ? []
    : result.errors.map((e) => ({ code: e.code, path: e.path, line: e.line, message: e.message }));
}

describe('collapsing ajv errors to one per problem', () => {
  it('keeps only the branch an action was meant to match', () => {
    expect(errorsFor('  actions:\n    - {type: forward, target: tg, port: 0}\n')).toEqual([
      { code: 'SS112', path: 'spec.actions[0].port', line: 6, message: 'must be from 1 to 65535, not 0' },
    ]);
    expect(errorsFor('  actions:\n    - {type: fixed-response, statusCode: "700"}\n')).toEqual([
      {
        code: 'SS114',
        path: 'spec.actions[0].statusCode',
        line: 6,
        message: 'must match the pattern ^[2-5]\\d\\d$',
      },
    ]);
  });

  it('merges a discriminator no branch accepts into one enum error', () => {
    expect(errorsFor('  actions:\n    - {type: redirect, target: tg}\n')).toEqual([
      {
        code: 'SS115',
        path: 'spec.actions[0].type',
        line: 6,
        message: 'must be one of forward or fixed-response, not "redirect"',
      },
    ]);
  });

  it('reports a value that fits no shape of a union as one wrong type', () => {
    expect(errorsFor('  image: [a, b]\n')).toEqual([
      { code: 'SS111', path: 'spec.image', line: 5, message: 'must be string or object, not array' },
    ]);
  });

  it('reports each of several problems, one error each', () => {
    const errors = errorsFor(
      '  actions:\n    - {type: forward, target: 1}\n    - {type: fixed-response, statusCode: "200", extra: x}\n  colour: red\n',
    );
    expect(errors.map((e) => `${e.code} ${e.path}`)).toEqual([
      'SS111 spec.actions[0].target',
      'SS110 spec.actions[1].extra',
      'SS110 spec.colour',
    ]);
  });

  it('names both alternatives when oneOf-required matches twice or not at all', () => {
    // (the reference itself names no manifest here: that is its own error, SS141)
    expect(errorsFor('  target: {clusterRef: a, cluster: b}\n').filter((e) => e.code !== 'SS141')).toEqual([
      {
        code: 'SS131',
        path: 'spec.target.clusterRef',
        line: 5,
        message:
          'set either "clusterRef" (a reference to a manifest) or "cluster" (a literal id or ARN), not both',
      },
    ]);
    expect(errorsFor('  target: {}\n')).toEqual([
      {
        code: 'SS116',
        path: 'spec.target',
        line: 5,
        message: 'missing required field "clusterRef" or "cluster"',
      },
    ]);
  });

  it('turns not-required into a conflict between the two fields', () => {
    expect(errorsFor('  mode: a\n  strategy: b\n')).toEqual([
      { code: 'SS130', path: 'spec.strategy', line: 6, message: '"mode" and "strategy" cannot both be set' },
    ]);
  });
});
