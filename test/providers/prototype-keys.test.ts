import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../../src/diff/index.ts';
import type { LoadedManifest } from '../../src/manifest/manifest.ts';
import { fromApiCase, toApiCase } from '../../src/providers/api-case.ts';
import {
  attributeChanges,
  declaredAttributes,
  fromAttributeList,
} from '../../src/providers/elbv2/attributes.ts';
import { normaliseConditions } from '../../src/providers/elbv2/conditions.ts';
import { toCamel, toPascal } from '../../src/providers/elbv2/member-case.ts';
import { IdMap } from '../../src/providers/id-map.ts';
import { ownershipFor } from '../../src/providers/ownership.ts';
import { toPlain } from '../../src/providers/plain.ts';
import { pruneEmpty } from '../../src/providers/prune-empty.ts';
import { resolveReference, substituteReferences } from '../../src/providers/references.ts';
import { referAll, userTags } from '../../src/providers/spec-helpers.ts';
import {
  desiredTags,
  fromLowerTagList,
  fromUpperTagList,
  tagChanges,
  tagMapOf,
} from '../../src/providers/tags.ts';

// `{"__proto__": ...}` from JSON is an own member, as YAML and the SDKs give it.
const TAGS: Record<string, string> = JSON.parse(
  '{"constructor": "x", "toString": "y", "__proto__": "z", "hasOwnProperty": "w"}',
);
const SORTED = Object.entries(TAGS).sort(([a], [b]) => a.localeCompare(b));

function cluster(spec: Record<string, unknown>): LoadedManifest {
  return {
    apiVersion: 'shipshape.dev/v1',
    kind: 'Cluster',
    metadata: { name: 'main', namespace: 'default' },
    spec,
    identity: 'Cluster/default/main',
    source: { file: 'cluster.yaml', line: 1, column: 1 },
  };
}

const entries = (value: unknown) => Object.entries(value as object).sort(([a], [b]) => a.localeCompare(b));

describe('tags keyed like Object.prototype members', () => {
  it('are desired tags, beside the ownership tags', () => {
    const tags = desiredTags(cluster({ tags: TAGS }), ownershipFor('test'));
    expect(entries(tags)).toEqual(
      [
        ...SORTED,
        ['shipshape.dev/instance', 'test'],
        ['shipshape.dev/resource', 'Cluster/default/main'],
      ].sort(([a], [b]) => String(a).localeCompare(String(b))),
    );
    expect(entries(tagMapOf(TAGS))).toEqual(SORTED);
  });

  it('are read back from both tag list shapes', () => {
    const lower = Object.entries(TAGS).map(([key, value]) => ({ key, value }));
    const upper = Object.entries(TAGS).map(([Key, Value]) => ({ Key, Value }));
    expect(entries(fromLowerTagList(lower))).toEqual(SORTED);
    expect(entries(fromUpperTagList(upper))).toEqual(SORTED);
    expect(entries(userTags(TAGS))).toEqual(SORTED);
  });

  it('are added when missing and removed when no longer desired', () => {
    expect(tagChanges(TAGS, {})).toEqual({ add: TAGS, remove: [] });
    expect(tagChanges({}, TAGS)).toEqual({ add: {}, remove: Object.keys(TAGS) });
    expect(tagChanges(TAGS, TAGS)).toEqual({ add: {}, remove: [] });
  });
});

describe('references and spec members named like Object.prototype members', () => {
  it('are left alone: only ...Ref keys are references', () => {
    const resolver = new IdMap();
    const spec = { tags: TAGS, settings: [{ name: 'containerInsights', value: 'enabled' }] };
    const substituted = substituteReferences(spec, cluster(spec), resolver);
    expect(substituted.ok).toBe(true);
    expect(substituted.ok && entries(substituted.value.tags)).toEqual(SORTED);
    expect(() => resolveReference(cluster({}), 'constructor', 'x', resolver)).toThrow(
      'constructor is not a reference key',
    );
  });

  it('survive the copies made on the way to and from the API', () => {
    const data: JsonObject = JSON.parse('{"__proto__": {"constructor": "x"}, "toString": [1]}');
    const copies = {
      toPlain: toPlain(data),
      pruneEmpty: pruneEmpty(data),
      fromApiCase: fromApiCase(data),
      toCamel: toCamel(data),
      referAll: referAll(data, { refOf: () => undefined }),
      toApiCase: toApiCase(data),
      toPascal: toPascal(data),
    };
    for (const [name, copy] of Object.entries(copies)) {
      expect(Object.getPrototypeOf(copy), name).toBe(Object.prototype);
      const upper = name === 'toApiCase' || name === 'toPascal';
      expect(Object.keys(copy as object).sort(), name).toEqual(
        ['__proto__', upper ? 'ToString' : 'toString'].sort(),
      );
    }
  });
});

describe('ELBv2 attributes and conditions keyed like Object.prototype members', () => {
  it('are declared, read and changed as any other attribute', () => {
    expect(entries(declaredAttributes({ attributes: TAGS }))).toEqual(SORTED);
    const list = Object.entries(TAGS).map(([Key, Value]) => ({ Key, Value }));
    expect(entries(fromAttributeList(list))).toEqual(SORTED);
    expect(
      attributeChanges(TAGS, {})
        .map((a) => a.Key)
        .sort(),
    ).toEqual(SORTED.map(([key]) => key));
  });

  it('do not find a config member on Object.prototype', () => {
    const conditions = normaliseConditions([{ field: 'constructor', values: ['a'] }], new Map());
    expect(conditions).toEqual([{ field: 'constructor', constructorConfig: { values: ['a'] } }]);
  });
});
