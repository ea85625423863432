import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { emitDocuments } from '../../src/manifest/overlay/emit.ts';
import { mergePatch, type PatchIssue } from '../../src/manifest/overlay/merge-patch.ts';
import { dataOf, type Tree } from '../../src/manifest/overlay/tree.ts';

const here = { file: 'x.yaml', line: 1, column: 1 };

/** A tree of plain data, every node placed at `at`. */
function treeOf(value: unknown, at = here): Tree {
  if (Array.isArray(value)) return { kind: 'seq', items: value.map((v) => treeOf(v, at)), at };
  if (typeof value === 'object' && value !== null) {
    return {
      kind: 'map',
      entries: Object.entries(value).map(([key, v]) => ({ key, keyAt: at, value: treeOf(v, at) })),
      at,
    };
  }
  if (
    typeof value === 'string' ||
    typeof value === 'number' ||
    typeof value === 'boolean' ||
    value === null
  ) {
    return { kind: 'scalar', value, at };
  }
  throw new Error(`not data: ${String(value)}`);
}

describe('emitDocuments', () => {
  it('writes YAML that reads back as the same data, whatever the strings hold', () => {
    const data = {
      plain: 'registry.example.com/api:1.4.2',
      looksLikeNumber: '4',
      looksLikeBool: 'true',
      empty: '',
      colon: 'a: b',
      hash: 'x #y',
      quote: 'say "hi"',
      newline: 'one\ntwo',
      leading: ' space',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: an overlay variable, written as the user writes it
      dollar: '${HOME}',
      nested: [[1, 2], [], {}, [{ a: null, b: false }]],
      'key with: colon': 1.5,
    };
    const { content } = emitDocuments([{ tree: treeOf(data), comments: ['from x.yaml'] }]);
    expect(content.startsWith('# from x.yaml\n')).toBe(true);
    expect(JSON.stringify(parse(content))).toBe(JSON.stringify(data));
  });

  it('notes where every key and value was written in the rendered text', () => {
    const at = (line: number) => ({ file: 'base.yaml', line, column: 3 });
    const tree: Tree = {
      kind: 'map',
      at: at(1),
      entries: [
        { key: 'a', keyAt: at(1), value: { kind: 'scalar', value: 1, at: at(2) } },
        {
          key: 'list',
          keyAt: at(3),
          value: {
            kind: 'seq',
            at: at(4),
            items: [
              {
                kind: 'map',
                at: at(5),
                entries: [{ key: 'name', keyAt: at(5), value: { kind: 'scalar', value: 'x', at: at(6) } }],
              },
            ],
          },
        },
      ],
    };
    const { content, positions } = emitDocuments([{ tree, comments: [] }]);
    expect(content).toBe('a: 1\nlist:\n  - name: x\n');
    expect(Object.fromEntries([...positions].map(([k, v]) => [k, v.line]))).toEqual({
      '1:1': 1,
      '1:4': 2,
      '2:1': 3,
      '3:3': 4,
      '3:5': 5,
      '3:11': 6,
    });
  });
});

describe('mergePatch', () => {
  const merge = (target: unknown, patch: unknown, path = '') => {
    const issues: PatchIssue[] = [];
    const out = dataOf(mergePatch(treeOf(target), treeOf(patch), path, issues));
    return { out, issues: issues.map((i) => i.reason) };
  };

  it('follows RFC 7386: maps merge, null deletes, lists and scalars replace', () => {
    expect(
      merge({ a: 1, b: { c: 2, d: 3 }, l: [1, 2] }, { b: { c: null, e: { f: null, g: 1 } }, l: [3] }).out,
    ).toEqual({
      a: 1,
      b: { d: 3, e: { g: 1 } },
      l: [3],
    });
  });

  it('merges a keyed list element by element, appends new keys, deletes with $patch', () => {
    const target = {
      spec: {
        containerDefinitions: [
          { name: 'a', image: 'a:1', cpu: 1 },
          { name: 'b', image: 'b:1' },
        ],
      },
    };
    const patch = {
      spec: {
        containerDefinitions: [
          { name: 'a', image: 'a:2', cpu: null },
          { name: 'b', $patch: 'delete' },
          { name: 'c', image: 'c:1' },
        ],
      },
    };
    expect(merge(target, patch).out).toEqual({
      spec: {
        containerDefinitions: [
          { name: 'a', image: 'a:2' },
          { name: 'c', image: 'c:1' },
        ],
      },
    });
  });

  it('keys portMappings by containerPort and environment by name, inside a container', () => {
    const target = {
      spec: {
        containerDefinitions: [
          {
            name: 'a',
            portMappings: [{ containerPort: 80 }, { containerPort: 443 }],
            environment: [{ name: 'X', value: '1' }],
          },
        ],
      },
    };
    const patch = {
      spec: {
        containerDefinitions: [
          {
            name: 'a',
            portMappings: [{ containerPort: 443, hostPort: 443 }],
            environment: [{ name: 'Y', value: '2' }],
          },
        ],
      },
    };
    expect(merge(target, patch).out).toEqual({
      spec: {
        containerDefinitions: [
          {
            name: 'a',
            portMappings: [{ containerPort: 80 }, { containerPort: 443, hostPort: 443 }],
            environment: [
              { name: 'X', value: '1' },
              { name: 'Y', value: '2' },
            ],
          },
        ],
      },
    });
  });

  it('says which key an element of a keyed list lacks, and that $patch takes only delete', () => {
    const { issues } = merge(
      { spec: { volumes: [{ name: 'v' }] } },
      { spec: { volumes: [{ host: {} }, { name: 'v', $patch: 'replace' }] } },
    );
    expect(issues).toEqual([
      'each element patching spec.volumes needs "name": the list is merged by name',
      '$patch must be "delete"',
    ]);
  });
});
