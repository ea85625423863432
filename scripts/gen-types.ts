// Generates src/manifest/generated/types.ts from schemas/*.schema.json.
// Run with `npm run gen:types`; test/schemas/generated.test.ts checks the file is current.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { compile, type JSONSchema } from 'json-schema-to-typescript';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const schemaDir = join(root, 'schemas');
const outFile = join(root, 'src/manifest/generated/types.ts');
const idBase = 'https://shipshape.dev/schemas/';

// Keywords that only constrain values (exclusive fields, Fargate pairs, ...): they add nothing
// to the shape of the data, and json-schema-to-typescript would turn them into noisy intersections.
const constraintOnly = new Set(['allOf', 'anyOf', 'oneOf', 'not', 'if', 'then', 'else', 'dependentSchemas']);

function stripConstraints(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripConstraints);
  if (value === null || typeof value !== 'object') return value;
  // A $ref with sibling descriptions would become a numbered copy of the referenced type.
  if ('$ref' in value) return { $ref: value.$ref };
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    if (constraintOnly.has(key)) continue;
    // `properties` holds member names, not keywords: keep every member.
    out[key] = key === 'properties' ? mapValues(child, stripConstraints) : stripConstraints(child);
  }
  return out;
}

function mapValues(value: unknown, f: (v: unknown) => unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, f(v)]));
}

/** Schemas in schemas/ that describe no manifest kind: shared definitions, the union, an overlay folder's file. */
const NOT_KINDS = new Set(['common.schema.json', 'manifest.schema.json', 'overlay.schema.json']);

function kindSchemaFiles(): string[] {
  return readdirSync(schemaDir)
    .filter((f) => f.endsWith('.schema.json') && !NOT_KINDS.has(f))
    .sort();
}

function loadStripped(file: string): unknown {
  return stripConstraints(JSON.parse(readFileSync(join(schemaDir, file), 'utf8')));
}

function format(source: string): string {
  const biome = join(root, 'node_modules/.bin/biome');
  return execFileSync(biome, ['format', `--stdin-file-path=${relative(root, outFile)}`], {
    cwd: root,
    input: source,
    encoding: 'utf8',
    stdio: ['pipe', 'pipe', 'pipe'],
  });
}

/** The generated source, formatted as biome would; pure apart from reading schemas/. */
export async function generateTypes(): Promise<string> {
  const rootSchema = {
    title: 'Manifest',
    description: 'Any Shipshape manifest.',
    anyOf: kindSchemaFiles().map((f) => ({ $ref: `${idBase}${f}` })),
  } as JSONSchema;
  const source = await compile(rootSchema, 'Manifest', {
    bannerComment:
      '// Generated from schemas/*.schema.json by scripts/gen-types.ts (npm run gen:types). Do not edit.',
    additionalProperties: false,
    ignoreMinAndMaxItems: true,
    unknownAny: true,
    format: false,
    strictIndexSignatures: true,
    cwd: schemaDir,
    $refOptions: {
      resolve: {
        http: false,
        file: false,
        shipshape: {
          order: 1,
          canRead: (file: { url: string }) => file.url.startsWith(idBase),
          read: (file: { url: string }) => loadStripped(file.url.slice(idBase.length).split('#')[0] ?? ''),
        },
      },
    },
  });
  return format(source);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  writeFileSync(outFile, await generateTypes());
  console.log(`wrote ${relative(root, outFile)}`);
}
