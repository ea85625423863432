import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AWS_NAMES, METADATA_NAME } from '../../src/manifest/checks/aws-names.ts';
import type { Kind } from '../../src/manifest/kinds.ts';
import { loadRevision } from '../../src/manifest/revision.ts';
import { loadSchemaSet } from '../../src/manifest/schemas.ts';
import { applyEdit, bases, Merge, REMOVE } from '../schemas/negative-cases.ts';

const schemas = loadSchemaSet();

// Names on either side of every rule: lengths at the limits, each character class, hyphens at
// either end, the prefixes, domain names, Cloud Map's SRV-style labels.
const SAMPLES = [
  '',
  'a',
  'web',
  'Web-Blue-2',
  'internal-lb',
  'Internal-lb',
  'my-internal-lb',
  '-web',
  'web-',
  'web_blue',
  '_web',
  'web.blue',
  'example.com',
  'shop.example.com',
  'a.b',
  '.',
  '.web',
  'web.',
  'web blue',
  'web\tblue',
  'wéb',
  'arn:web',
  'web:arn',
  '_http._tcp',
  `${'a'.repeat(63)}.com`,
  `${'a'.repeat(64)}.com`,
  ...[31, 32, 33, 63, 64, 127, 128, 253, 254, 255, 256, 257, 1024, 1025].map((n) => 'a'.repeat(n)),
  `${'a'.repeat(62)}.${'b'.repeat(62)}`,
  `${'a'.repeat(62)}.${'b'.repeat(63)}`,
];

/** Whether the kind's schema accepts `name` in its name field (only errors at that field count). */
function schemaAccepts(kind: Kind, field: string, name: string, spec: Record<string, unknown> = {}): boolean {
  const base = bases[kind];
  if (base === undefined) throw new Error(`no base document for ${kind}`);
  const document = base();
  applyEdit(document, { kind, path: 'spec', value: new Merge({ ...spec, [field]: name }) });
  const validate = schemas.validatorFor(kind);
  if (validate === undefined) throw new Error(`no schema for ${kind}`);
  validate(document);
  return !(validate.errors ?? []).some((e) => e.instancePath === `/spec/${field}`);
}

function tableAccepts(kind: Kind, name: string, spec: Record<string, unknown> = {}): boolean {
  const rules = AWS_NAMES.get(kind)?.rules(spec);
  if (rules === undefined) throw new Error(`no name rules for ${kind}`);
  return rules.every((rule) => rule(name) === undefined);
}

const NAMESPACE_TYPES: ReadonlyArray<Record<string, unknown>> = [
  { type: 'DNS_PRIVATE' },
  { type: 'DNS_PUBLIC', vpc: REMOVE },
  { type: 'HTTP', vpc: REMOVE },
];

describe('the AWS name rules of the default-name check', () => {
  const cases = [...AWS_NAMES].flatMap(([kind, { field }]) =>
    (kind === 'DnsNamespace' ? NAMESPACE_TYPES : [{}]).map((spec) => ({ kind, field, spec })),
  );

  it.each(cases)('agree with the schema of $kind $field $spec', ({ kind, field, spec }) => {
    const disagreements = SAMPLES.filter(
      (name) => schemaAccepts(kind, field, name, spec) !== tableAccepts(kind, name, spec),
    );
    expect(disagreements).toEqual([]);
  });

  it('cover every kind whose docs say its AWS name defaults to metadata.name', () => {
    const manifests = readFileSync(new URL('../../docs/MANIFESTS.md', import.meta.url), 'utf8');
    const line = manifests.match(/The AWS name field is optional and defaults to `metadata.name`:([^.]*)\./s);
    const documented = [...(line?.[1] ?? '').matchAll(/`(\w+)` \(([^)]+)\)/g)].flatMap(([, field, kinds]) =>
      (kinds ?? '').split(', ').map((kind) => `${kind} ${field}`),
    );
    const table = [...AWS_NAMES].map(([kind, { field }]) => `${kind} ${field}`);
    expect(table.sort()).toEqual(documented.sort());
  });

  it('skip a metadata.name its own schema rule rejects, with the same rule', () => {
    const common = JSON.parse(
      readFileSync(new URL('../../schemas/common.schema.json', import.meta.url), 'utf8'),
    );
    expect(common.$defs.name.pattern).toBe(METADATA_NAME.pattern.source);
    expect(common.$defs.name.maxLength).toBe(METADATA_NAME.maxLength);
  });
});

const targetGroup = (name: string, extra = '') =>
  `apiVersion: shipshape.dev/v1\nkind: TargetGroup\nmetadata: {name: ${name}}\nspec: {protocol: HTTP, port: 80, targetType: ip, vpcId: vpc-0a1b2c3d${extra}}\n`;
const loadBalancer = (name: string, extra = '') =>
  `apiVersion: shipshape.dev/v1\nkind: LoadBalancer\nmetadata: {name: ${name}}\nspec: {subnets: [subnet-0a1b2c3d, subnet-1a2b3c4d]${extra}}\n`;
const namespace = (type: string, extra = '') =>
  `apiVersion: shipshape.dev/v1\nkind: DnsNamespace\nmetadata: {name: shop}\nspec: {type: ${type}${extra}}\n`;

function errorsOf(content: string) {
  const result = loadRevision([{ file: 'm.yaml', content }]);
  return result.ok ? [] : result.errors.map((e) => ({ code: e.code, path: e.path, message: e.message }));
}

describe('a name taken from metadata.name', () => {
  it('is held to the rules of the name it stands for, and the message names the rule broken', () => {
    expect(errorsOf(loadBalancer(`internal-${'a'.repeat(30)}`))).toEqual([
      {
        code: 'SS120',
        path: 'metadata.name',
        message: `spec.name is not set, so the load balancer takes its AWS name from metadata.name "internal-${'a'.repeat(30)}", which AWS rejects: a load balancer name must have at most 32 characters (it has 39), and must not begin with "internal-"; set spec.name to a name AWS accepts`,
      },
    ]);
    expect(errorsOf(targetGroup('a'.repeat(33)))).toMatchObject([{ code: 'SS120', path: 'metadata.name' }]);
    expect(errorsOf(namespace('DNS_PUBLIC'))).toMatchObject([{ code: 'SS120', path: 'metadata.name' }]);
  });

  it('is not checked when the name field is set: the schema checks the field', () => {
    expect(errorsOf(targetGroup('a'.repeat(40), ', name: web'))).toEqual([]);
    expect(errorsOf(loadBalancer('internal-lb', ', name: lb'))).toEqual([]);
    expect(errorsOf(namespace('DNS_PUBLIC', ', name: shop.example.com'))).toEqual([]);
  });

  it('passes where metadata.name already follows the rules, at their limits', () => {
    expect(errorsOf(targetGroup('a'.repeat(32)))).toEqual([]);
    expect(errorsOf(loadBalancer('my-internal-lb'))).toEqual([]);
    expect(errorsOf(namespace('DNS_PRIVATE', ', vpc: vpc-0a1b2c3d'))).toEqual([]);
    expect(errorsOf(namespace('HTTP'))).toEqual([]);
  });

  it('is reported once, by metadata.name own rule, when metadata.name is not a DNS label', () => {
    expect(errorsOf(loadBalancer(`internal-${'A'.repeat(30)}`))).toMatchObject([
      { code: 'SS114', path: 'metadata.name' },
    ]);
  });
});
