import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { KINDS } from '../../src/manifest/kinds.ts';
import { renameAll } from '../../src/manifest/overlay/rename.ts';
import { dataOf, type Tree } from '../../src/manifest/overlay/tree.ts';

const here = { file: 'x.yaml', line: 1, column: 1 };

function treeOf(value: unknown): Tree {
  if (Array.isArray(value)) return { kind: 'seq', items: value.map(treeOf), at: here };
  if (typeof value === 'object' && value !== null) {
    return {
      kind: 'map',
      entries: Object.entries(value).map(([key, v]) => ({ key, keyAt: here, value: treeOf(v) })),
      at: here,
    };
  }
  if (
    typeof value === 'string' ||
    typeof value === 'number' ||
    typeof value === 'boolean' ||
    value === null
  ) {
    return { kind: 'scalar', value, at: here };
  }
  throw new Error(`not data: ${String(value)}`);
}

const manifest = (
  kind: string,
  name: string,
  namespace: string | undefined,
  spec: object,
  annotations?: object,
) => ({
  apiVersion: 'shipshape.dev/v1',
  kind,
  metadata: {
    name,
    ...(namespace === undefined ? {} : { namespace }),
    ...(annotations === undefined ? {} : { annotations }),
  },
  spec,
});

describe('renameAll', () => {
  const documents = [
    manifest('Cluster', 'main', undefined, {}),
    manifest('TargetGroup', 'web', 'shared', {}),
    manifest(
      'Service',
      'api',
      undefined,
      {
        clusterRef: 'main',
        taskDefinitionRef: 'other/api',
        loadBalancers: [{ targetGroupRef: 'shared/web', containerName: 'api', containerPort: 80 }],
      },
      { 'shipshape.dev/depends-on': 'Cluster/main, TargetGroup/shared/web, Job/elsewhere' },
    ),
  ];

  it('moves every document and rewrites references to documents of the set, leaving the others', () => {
    const out = renameAll(documents.map(treeOf), {
      namespace: { value: 'prod', at: here },
      prefix: 'p-',
      suffix: '-1',
    }).map(dataOf);
    expect(out).toEqual([
      manifest('Cluster', 'p-main-1', 'prod', {}),
      manifest('TargetGroup', 'p-web-1', 'prod', {}),
      manifest(
        'Service',
        'p-api-1',
        'prod',
        {
          clusterRef: 'p-main-1',
          taskDefinitionRef: 'other/api',
          loadBalancers: [{ targetGroupRef: 'prod/p-web-1', containerName: 'api', containerPort: 80 }],
        },
        { 'shipshape.dev/depends-on': 'Cluster/p-main-1, TargetGroup/prod/p-web-1, Job/elsewhere' },
      ),
    ]);
  });

  it('with only a prefix, keeps every namespace as written', () => {
    const [cluster, group] = renameAll(documents.map(treeOf), { prefix: 'dev-', suffix: '' }).map(dataOf);
    expect(cluster).toEqual(manifest('Cluster', 'dev-main', undefined, {}));
    expect(group).toEqual(manifest('TargetGroup', 'dev-web', 'shared', {}));
  });
});

/** The part of the overlay schema this test reads. */
interface OverlaySchema {
  readonly $defs: {
    readonly patch: {
      readonly properties: {
        readonly target: { readonly properties: { readonly kind: { readonly enum: string[] } } };
      };
    };
  };
}

describe('schemas/overlay.schema.json', () => {
  it('names every kind as a patch target', () => {
    const schema: OverlaySchema = JSON.parse(
      readFileSync(new URL('../../schemas/overlay.schema.json', import.meta.url), 'utf8'),
    );
    expect(schema.$defs.patch.properties.target.properties.kind.enum).toEqual([...KINDS]);
  });
});
