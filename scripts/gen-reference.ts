// Generates docs/REFERENCE.md from schemas/*.schema.json: per kind, a table of its spec fields.
// Run with `npm run gen:reference`; test/docs/reference.test.ts checks the file is current.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { KINDS, type Kind, schemaFileOf } from '../src/manifest/kinds.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const schemaDir = join(root, 'schemas');
const outFile = join(root, 'docs/REFERENCE.md');

type Schema = Readonly<Record<string, unknown>>;

/** Nesting shown per kind; deeper objects are listed by type only (see the schema file). */
const DEFAULT_DEPTH = 4;
const DEPTH_OF: Partial<Record<Kind, number>> = { TaskDefinition: 2, Service: 3 };

/** The per-resource controls are the same for every kind: described once, left out of each table. */
const CONTROLS = ['ignoreDifferences', 'selfHeal', 'deletionPolicy', 'suspend'];

interface Row {
  readonly path: string;
  readonly type: string;
  readonly required: string;
  readonly defaultValue: string;
  readonly constraints: string;
  readonly description: string;
}

/** A schema together with the file its local `#/$defs/...` references resolve in. */
interface Located {
  readonly schema: Schema;
  readonly file: string;
}

function isSchema(value: unknown): value is Schema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function loadSchemas(): ReadonlyMap<string, Schema> {
  const files = readdirSync(schemaDir).filter((f) => f.endsWith('.schema.json'));
  const out = new Map<string, Schema>();
  for (const file of files.sort()) {
    const parsed: unknown = JSON.parse(readFileSync(join(schemaDir, file), 'utf8'));
    if (!isSchema(parsed)) throw new Error(`schemas/${file} is not a JSON object`);
    out.set(file, parsed);
  }
  return out;
}

class Resolver {
  readonly #schemas: ReadonlyMap<string, Schema>;

  constructor(schemas: ReadonlyMap<string, Schema>) {
    this.#schemas = schemas;
  }

  file(file: string): Schema {
    const schema = this.#schemas.get(file);
    if (schema === undefined) throw new Error(`schemas/${file} does not exist`);
    return schema;
  }

  /** Follows `$ref`s; a description beside a `$ref` wins over the referenced one. */
  deref(at: Located): Located & { readonly refName?: string } {
    let current = at;
    let description = typeof at.schema.description === 'string' ? at.schema.description : undefined;
    let defaultValue = at.schema.default;
    let refName: string | undefined;
    for (let hops = 0; typeof current.schema.$ref === 'string'; hops += 1) {
      if (hops > 20) throw new Error(`$ref loop at ${current.schema.$ref}`);
      const [fileRef = '', pointer = ''] = current.schema.$ref.split('#');
      const file = fileRef === '' ? current.file : fileRef;
      let target: unknown = this.file(file);
      for (const part of pointer.split('/').filter((p) => p !== '')) {
        target = isSchema(target) ? target[part] : undefined;
      }
      if (!isSchema(target)) throw new Error(`cannot resolve $ref ${current.schema.$ref} in ${current.file}`);
      refName = pointer.split('/').at(-1);
      current = { schema: target, file };
      description ??= typeof target.description === 'string' ? target.description : undefined;
      defaultValue ??= target.default;
    }
    const schema: Schema = {
      ...current.schema,
      ...(description === undefined ? {} : { description }),
      ...(defaultValue === undefined ? {} : { default: defaultValue }),
    };
    return { schema, file: current.file, ...(refName === undefined ? {} : { refName }) };
  }
}

function code(value: unknown): string {
  return `\`${typeof value === 'string' ? value : JSON.stringify(value)}\``;
}

/** Table cells must not break the row: escape pipes, fold newlines. */
function cell(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll(/\s*\n\s*/g, ' ');
}

function properties(schema: Schema): Readonly<Record<string, unknown>> {
  return isSchema(schema.properties) ? schema.properties : {};
}

function stringList(value: unknown): readonly string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function typeOf(resolver: Resolver, at: Located): string {
  const { schema } = resolver.deref(at);
  if (schema.const !== undefined) return `const ${code(schema.const)}`;
  if (schema.type === 'array' && isSchema(schema.items)) {
    return `${typeOf(resolver, { schema: schema.items, file: at.file })}[]`;
  }
  if (schema.type === 'object' && Object.keys(properties(schema)).length === 0) {
    if (isSchema(schema.additionalProperties)) {
      return `map of ${typeOf(resolver, { schema: schema.additionalProperties, file: at.file })}`;
    }
    return 'object';
  }
  if (typeof schema.type === 'string') return schema.type;
  return Array.isArray(schema.type) ? stringList(schema.type).join(' or ') : 'any';
}

function constraintsOf(schema: Schema): string {
  const parts: string[] = [];
  if (Array.isArray(schema.enum)) parts.push(`one of ${schema.enum.map(code).join(', ')}`);
  const ranges: ReadonlyArray<readonly [string, string]> = [
    ['minimum', '>='],
    ['exclusiveMinimum', '>'],
    ['maximum', '<='],
    ['exclusiveMaximum', '<'],
    ['minLength', 'length >='],
    ['maxLength', 'length <='],
    ['minItems', 'items >='],
    ['maxItems', 'items <='],
    ['maxProperties', 'entries <='],
  ];
  for (const [keyword, label] of ranges) {
    if (typeof schema[keyword] === 'number') parts.push(`${label} ${schema[keyword]}`);
  }
  if (schema.uniqueItems === true) parts.push('unique');
  if (typeof schema.pattern === 'string') parts.push(`pattern ${code(schema.pattern)}`);
  return parts.join('; ');
}

/** `yes` when required; `one of a, b` when an `anyOf` of required alternatives names the field. */
function requiredOf(parent: Schema, name: string): string {
  if (stringList(parent.required).includes(name)) return 'yes';
  const alternatives = Array.isArray(parent.anyOf) ? parent.anyOf.filter(isSchema) : [];
  const names = alternatives.map((alt) => stringList(alt.required)).filter((req) => req.length === 1);
  if (names.some((req) => req[0] === name)) {
    return `one of ${names.map((req) => code(req[0])).join(', ')}`;
  }
  return '';
}

/** The object under a field, when its members should be listed as dotted paths. */
function nestedObject(resolver: Resolver, at: Located): Located | undefined {
  const field = resolver.deref(at);
  const target =
    field.schema.type === 'array' && isSchema(field.schema.items) ? field.schema.items : field.schema;
  const object = resolver.deref({ schema: target, file: field.file });
  return Object.keys(properties(object.schema)).length > 0 ? object : undefined;
}

function fieldRows(
  resolver: Resolver,
  parent: Located,
  prefix: string,
  depth: number,
  maxDepth: number,
  skip: readonly string[],
): Row[] {
  const rows: Row[] = [];
  for (const [name, raw] of Object.entries(properties(parent.schema))) {
    if (skip.includes(name) || !isSchema(raw)) continue;
    const at: Located = { schema: raw, file: parent.file };
    const field = resolver.deref(at);
    const path = `${prefix}${name}`;
    const type = typeOf(resolver, at);
    const items =
      field.schema.type === 'array' && isSchema(field.schema.items) ? field.schema.items : undefined;
    const itemConstraints =
      items === undefined ? '' : constraintsOf(resolver.deref({ schema: items, file: field.file }).schema);
    rows.push({
      path,
      type,
      required: requiredOf(parent.schema, name),
      defaultValue: field.schema.default === undefined ? '' : code(field.schema.default),
      constraints: [constraintsOf(field.schema), itemConstraints === '' ? '' : `each: ${itemConstraints}`]
        .filter((c) => c !== '')
        .join('; '),
      description: typeof field.schema.description === 'string' ? field.schema.description : '',
    });
    const nested = nestedObject(resolver, at);
    if (nested !== undefined && depth < maxDepth) {
      const childPrefix = `${path}${field.schema.type === 'array' ? '[]' : ''}.`;
      rows.push(...fieldRows(resolver, nested, childPrefix, depth + 1, maxDepth, []));
    }
  }
  return rows;
}

/** `dependentSchemas` that forbid a member: "`a` excludes `b`", with the object's path. */
function exclusions(resolver: Resolver, at: Located, prefix: string, seen: Set<Schema>): string[] {
  const { schema, file } = resolver.deref(at);
  if (seen.has(schema)) return [];
  seen.add(schema);
  const out: string[] = [];
  if (isSchema(schema.dependentSchemas)) {
    for (const [when, dependent] of Object.entries(schema.dependentSchemas)) {
      if (!isSchema(dependent)) continue;
      const forbidden = Object.entries(properties(dependent)).filter(([, v]) => v === false);
      for (const [other] of forbidden)
        out.push(`${code(`${prefix}${when}`)} excludes ${code(`${prefix}${other}`)}`);
    }
  }
  for (const [name, raw] of Object.entries(properties(schema))) {
    if (!isSchema(raw)) continue;
    const nested = nestedObject(resolver, { schema: raw, file });
    if (nested === undefined) continue;
    const field = resolver.deref({ schema: raw, file });
    out.push(
      ...exclusions(resolver, nested, `${prefix}${name}${field.schema.type === 'array' ? '[]' : ''}.`, seen),
    );
  }
  return out;
}

function table(rows: readonly Row[]): string[] {
  return [
    '| path | type | required | default | constraints | description |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows.map(
      (r) =>
        `| ${[code(r.path), r.type, r.required, r.defaultValue, r.constraints, r.description].map(cell).join(' | ')} |`,
    ),
  ];
}

function kindSection(resolver: Resolver, kind: Kind): string[] {
  const file = schemaFileOf(kind);
  const document = resolver.file(file);
  const specRef = properties(document).spec;
  if (!isSchema(specRef)) throw new Error(`schemas/${file} has no spec`);
  const spec = resolver.deref({ schema: specRef, file });
  const maxDepth = DEPTH_OF[kind] ?? DEFAULT_DEPTH;
  const lines = [`## ${kind}`, ''];
  if (typeof document.description === 'string') lines.push(document.description, '');
  if (typeof spec.schema.description === 'string') lines.push(`spec: ${spec.schema.description}`, '');
  lines.push(`Schema: [schemas/${file}](../schemas/${file}).`, '');
  lines.push(...table(fieldRows(resolver, spec, '', 1, maxDepth, CONTROLS)), '');
  const rules = exclusions(resolver, spec, '', new Set());
  if (rules.length > 0) {
    lines.push('Exclusive fields (a reference or its literal, never both):', '');
    lines.push(...rules.map((r) => `- ${r}`), '');
  }
  return lines;
}

function commonSection(resolver: Resolver): string[] {
  const common: Located = { schema: resolver.file('common.schema.json'), file: 'common.schema.json' };
  const defs = isSchema(common.schema.$defs) ? common.schema.$defs : {};
  const metadata = defs.metadata;
  if (!isSchema(metadata)) throw new Error('common.schema.json has no $defs/metadata');
  const controls: Schema = {
    properties: Object.fromEntries(CONTROLS.map((c) => [c, { $ref: `#/$defs/${c}` }])),
  };
  return [
    '## Every kind',
    '',
    '`metadata` (schemas/common.schema.json):',
    '',
    ...table(fieldRows(resolver, { schema: metadata, file: common.file }, 'metadata.', 1, 1, [])),
    '',
    'Per-resource controls, allowed in the `spec` of every kind and left out of the tables below:',
    '',
    ...table(fieldRows(resolver, { schema: controls, file: common.file }, '', 1, 1, [])),
    '',
  ];
}

/** The whole of docs/REFERENCE.md; pure apart from reading schemas/. */
export function generateReference(): string {
  const resolver = new Resolver(loadSchemas());
  const lines = [
    '<!-- Generated from schemas/*.schema.json by scripts/gen-reference.ts (npm run gen:reference). Do not edit. -->',
    '',
    '# Manifest reference',
    '',
    'The `spec` fields of every kind, generated from the JSON Schemas in schemas/. The format itself',
    '(references, annotations, field paths) is described in [MANIFESTS.md](MANIFESTS.md).',
    '',
    'Paths are dotted; `[]` marks the elements of a list. `required` is `yes` for a required field, or',
    "`one of ...` where either a reference or its literal must be given. Constraints are the schema's",
    '(taken from the AWS API models): enums, numeric ranges, lengths and patterns. Paths go at most',
    `${DEFAULT_DEPTH} members deep (${Object.entries(DEPTH_OF)
      .map(([kind, depth]) => `${depth} for ${kind}`)
      .join(', ')}); a deeper object is listed by its type, its members are in the schema file.`,
    'Rules that tie fields together beyond the exclusive references (Fargate CPU and memory pairs,',
    'a field allowed only for one `type`) are in the schema files as `if`/`then`.',
    '',
    '## Kinds',
    '',
    ...KINDS.map((kind) => `- [${kind}](#${kind.toLowerCase()})`),
    '',
    ...commonSection(resolver),
    ...KINDS.flatMap((kind) => kindSection(resolver, kind)),
  ];
  return `${lines.join('\n').trimEnd()}\n`;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  writeFileSync(outFile, generateReference());
  console.log(`wrote ${relative(root, outFile)}`);
}
