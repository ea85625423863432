import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { specOf } from '../../src/manifest/manifest.ts';
import { type ManifestInput, parseManifestFile } from '../../src/manifest/parse.ts';
import { readManifestFolder } from '../../src/manifest/read-folder.ts';
import { loadRevision, type Revision } from '../../src/manifest/revision.ts';

const WEB_APP = new URL('../fixtures/valid/web-app/', import.meta.url).pathname;

function accept(inputs: readonly ManifestInput[]): Revision {
  const result = loadRevision(inputs);
  if (!result.ok) throw new Error(result.errors.map((e) => `${e.file}:${e.line} ${e.message}`).join('\n'));
  return result.revision;
}

/** Every document of the web-app fixture as its own plain object, in file order. */
function documentsOf(inputs: readonly ManifestInput[]): unknown[] {
  return inputs.flatMap((input) => parseManifestFile(input).documents.map((d) => d.data));
}

const CLUSTER = 'apiVersion: shipshape.dev/v1\nkind: Cluster\nmetadata:\n  name: main\nspec: {}\n';

describe('loadRevision', () => {
  it('takes documents from memory, as the S3 and DynamoDB sources will give them', () => {
    const revision = accept([{ file: 's3://bucket/prod/cluster.yaml', content: CLUSTER }]);
    expect(revision.documents).toEqual([
      {
        apiVersion: 'shipshape.dev/v1',
        kind: 'Cluster',
        metadata: { name: 'main', namespace: 'default' },
        spec: {},
        identity: 'Cluster/default/main',
        source: { file: 's3://bucket/prod/cluster.yaml', line: 1, column: 1 },
      },
    ]);
    expect(revision.id).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('reports every error of a revision, across files and documents, sorted by place', () => {
    const service = [
      'apiVersion: shipshape.dev/v1',
      'kind: Service',
      'metadata:',
      '  name: app',
      'spec:',
      '  clusterRef: nowhere',
      '  desiredCount: -1',
      '  launchType: FARGATE',
      '  capacityProviderStrategy: [{capacityProvider: FARGATE}]',
      '  colour: blue',
    ].join('\n');
    const result = loadRevision([
      { file: 'b.yaml', content: service },
      {
        file: 'a.yaml',
        content: `${CLUSTER}---\nkind: Cluster\napiVersion: shipshape.dev/v1\nmetadata: {name: main}\nspec: {}\n`,
      },
      { file: 'c.yaml', content: 'apiVersion: [' },
    ]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => `${e.file}:${e.line} ${e.code} ${e.path ?? ''}`)).toEqual([
      'a.yaml:4 SS140 metadata.name',
      'a.yaml:9 SS140 metadata.name',
      'b.yaml:6 SS141 spec.clusterRef',
      'b.yaml:7 SS112 spec.desiredCount',
      'b.yaml:9 SS130 spec.capacityProviderStrategy',
      'b.yaml:10 SS110 spec.colour',
      'c.yaml:1 SS101 ',
    ]);
  });

  it('accepts a file of comments and empty documents as no manifests', () => {
    const result = loadRevision([{ file: 'empty.yaml', content: '# nothing yet\n---\n---\n' }]);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.revision.warnings.map((w) => w.code)).toEqual(['SS151']);
  });
});

describe('revision digest', () => {
  it('does not change with file names, file order, document order, key order, comments or formatting', async () => {
    const inputs = await readManifestFolder(WEB_APP);
    const original = accept(inputs).id;
    const documents = documentsOf(inputs);
    const reversed = [...documents].reverse();
    const reshuffled: ManifestInput[] = [
      {
        file: 'everything.yml',
        content: `# one file now\n${reversed.map((d) => stringify(sortKeysDeep(d, true), { indent: 4 })).join('---\n# next\n')}`,
      },
    ];
    const asJson: ManifestInput[] = documents.map((d, i) => ({
      file: `doc-${i}.yaml`,
      content: JSON.stringify(d),
    }));
    expect(accept(reshuffled).id).toBe(original);
    expect(accept(asJson).id).toBe(original);
  });

  it('treats an omitted namespace as "default"', () => {
    const explicit = CLUSTER.replace('  name: main\n', '  name: main\n  namespace: default\n');
    expect(accept([{ file: 'a.yaml', content: explicit }]).id).toBe(
      accept([{ file: 'a.yaml', content: CLUSTER }]).id,
    );
  });

  it('changes with a real change', async () => {
    const inputs = await readManifestFolder(WEB_APP);
    const original = accept(inputs).id;
    const changed = inputs.map((input) =>
      input.file === 'app.yaml'
        ? { ...input, content: input.content.replace('desiredCount: 2', 'desiredCount: 3') }
        : input,
    );
    expect(readFileSync(`${WEB_APP}app.yaml`, 'utf8')).toContain('desiredCount: 2');
    expect(accept(changed).id).not.toBe(original);
  });
});

/** Keys sorted (or reverse-sorted) at every depth: the same data written another way. */
function sortKeysDeep(value: unknown, reverse: boolean): unknown {
  if (Array.isArray(value)) return value.map((v) => sortKeysDeep(v, reverse));
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : 1) * (reverse ? -1 : 1));
  return Object.fromEntries(entries.map(([k, v]) => [k, sortKeysDeep(v, reverse)]));
}

describe('specOf', () => {
  it('gives the spec typed by kind, and nothing for another kind', async () => {
    const revision = accept(await readManifestFolder(WEB_APP));
    const service = revision.documents.find((d) => d.identity === 'Service/shop/web');
    if (service === undefined) throw new Error('no service');
    const spec = specOf(service, 'Service');
    expect(spec?.desiredCount).toBe(2);
    expect(spec?.loadBalancers?.[0]?.containerPort).toBe(8080);
    expect(specOf(service, 'Cluster')).toBeUndefined();
  });
});
