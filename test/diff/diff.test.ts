import { describe, expect, it } from 'vitest';
import type { ComparisonSpec } from '../../src/diff/comparison-spec.ts';
import { diff } from '../../src/diff/diff.ts';

describe('diff on objects and scalars', () => {
  it('finds nothing between equal values whatever the member order', () => {
    expect(diff({ a: 1, b: { c: [1, 2], d: 'x' } }, { b: { d: 'x', c: [1, 2] }, a: 1 })).toEqual([]);
  });

  it('reports changed, missing and extra members by path, in path order', () => {
    const desired = { z: 1, a: { b: { c: 'new', keep: true }, gone: 5 } };
    const actual = { z: 1, a: { b: { c: 'old', keep: true }, extra: [1] } };
    expect(diff(desired, actual)).toEqual([
      { path: 'a.b.c', desired: 'new', actual: 'old' },
      { path: 'a.extra', desired: undefined, actual: [1] },
      { path: 'a.gone', desired: 5, actual: undefined },
    ]);
  });

  it('is strict: a number is not its numeric string, null is not absent, types must agree', () => {
    expect(diff({ cpu: 256 }, { cpu: '256' })).toEqual([{ path: 'cpu', desired: 256, actual: '256' }]);
    expect(diff({ a: null }, {})).toEqual([{ path: 'a', desired: null, actual: undefined }]);
    expect(diff({ a: { b: 1 } }, { a: [1] })).toEqual([{ path: 'a', desired: { b: 1 }, actual: [1] }]);
  });

  it('treats a member set to undefined as absent', () => {
    expect(diff({ a: 1, b: undefined }, { a: 1 })).toEqual([]);
  });

  it('reports a whole missing subtree once, canonicalised', () => {
    expect(diff({ hc: { z: 1, a: 2 } }, {})).toEqual([
      { path: 'hc', desired: { a: 2, z: 1 }, actual: undefined },
    ]);
  });

  it('quotes members that are not plain names', () => {
    expect(
      diff(
        { attributes: { 'stickiness.enabled': 'true' } },
        { attributes: { 'stickiness.enabled': 'false' } },
      ),
    ).toEqual([{ path: 'attributes["stickiness.enabled"]', desired: 'true', actual: 'false' }]);
  });
});

describe('compareOnlyDesiredKeys', () => {
  const desired = { attributes: { 'deregistration_delay.timeout_seconds': '30' }, port: 80 };
  const actual = {
    attributes: { 'deregistration_delay.timeout_seconds': '300', 'stickiness.enabled': 'false' },
    port: 80,
    extra: 1,
  };

  it('compares only the members desired declares, in the objects named', () => {
    expect(diff(desired, actual, { compareOnlyDesiredKeys: ['attributes'] })).toEqual([
      { path: 'attributes["deregistration_delay.timeout_seconds"]', desired: '30', actual: '300' },
      { path: 'extra', desired: undefined, actual: 1 },
    ]);
  });

  it('without it an extra actual member is drift', () => {
    expect(diff(desired, actual).map((entry) => entry.path)).toContain('attributes["stickiness.enabled"]');
  });

  it('applies to the root with the empty path, and below lists with []', () => {
    expect(diff({ a: 1 }, { a: 1, b: 2 }, { compareOnlyDesiredKeys: [''] })).toEqual([]);
    const spec: ComparisonSpec = { compareOnlyDesiredKeys: ['items[]'] };
    expect(diff({ items: [{ a: 1 }] }, { items: [{ a: 2, b: 3 }] }, spec)).toEqual([
      { path: 'items[0].a', desired: 1, actual: 2 },
    ]);
  });
});

describe('emptyEqualsAbsent', () => {
  it('is off by default', () => {
    expect(diff({ command: [] }, {})).toEqual([{ path: 'command', desired: [], actual: undefined }]);
  });

  it('applies at the paths named, either way round, to empty lists and objects', () => {
    const spec: ComparisonSpec = { emptyEqualsAbsent: ['containerDefinitions[].mountPoints', 'tags'] };
    expect(
      diff({ containerDefinitions: [{ mountPoints: [] }], tags: {} }, { containerDefinitions: [{}] }, spec),
    ).toEqual([]);
    expect(
      diff({ containerDefinitions: [{}] }, { containerDefinitions: [{ mountPoints: [] }] }, spec),
    ).toEqual([]);
    expect(diff({ other: [] }, {}, spec)).toEqual([{ path: 'other', desired: [], actual: undefined }]);
  });

  it('does not equate a non-empty list with absent', () => {
    expect(diff({ tags: { a: 'b' } }, {}, { emptyEqualsAbsent: true })).toEqual([
      { path: 'tags', desired: { a: 'b' }, actual: undefined },
    ]);
  });

  it('applies everywhere when true', () => {
    expect(diff({ a: { b: [] }, c: {} }, { a: {} }, { emptyEqualsAbsent: true })).toEqual([]);
  });
});

describe('keyed lists', () => {
  const spec: ComparisonSpec = {
    lists: { containerDefinitions: { key: 'name' }, 'containerDefinitions[].environment': { key: 'name' } },
  };

  it('matches elements by key, not position', () => {
    const desired = {
      containerDefinitions: [
        {
          name: 'app',
          image: 'app:2',
          environment: [
            { name: 'A', value: '1' },
            { name: 'B', value: '2' },
          ],
        },
        { name: 'log', image: 'fluent' },
      ],
    };
    const actual = {
      containerDefinitions: [
        { name: 'log', image: 'fluent' },
        {
          name: 'app',
          image: 'app:1',
          environment: [
            { name: 'B', value: '3' },
            { name: 'A', value: '1' },
          ],
        },
      ],
    };
    expect(diff(desired, actual, spec)).toEqual([
      { path: 'containerDefinitions[name=app].environment[name=B].value', desired: '2', actual: '3' },
      { path: 'containerDefinitions[name=app].image', desired: 'app:2', actual: 'app:1' },
    ]);
  });

  it('reports missing and extra elements whole, sorted by key', () => {
    const desired = { containerDefinitions: [{ name: 'b' }, { name: 'a' }] };
    const actual = { containerDefinitions: [{ name: 'c' }, { name: 'b' }] };
    expect(diff(desired, actual, spec)).toEqual([
      { path: 'containerDefinitions[name=a]', desired: { name: 'a' }, actual: undefined },
      { path: 'containerDefinitions[name=c]', desired: undefined, actual: { name: 'c' } },
    ]);
  });

  it('supports composite keys, ordering numbers numerically', () => {
    const keyed: ComparisonSpec = { lists: { portMappings: { key: ['containerPort', 'protocol'] } } };
    const desired = {
      portMappings: [
        { containerPort: 443, protocol: 'tcp', hostPort: 443 },
        { containerPort: 80, protocol: 'udp', hostPort: 80 },
        { containerPort: 80, protocol: 'tcp', hostPort: 80 },
      ],
    };
    const actual = {
      portMappings: [
        { containerPort: 80, protocol: 'tcp', hostPort: 8080 },
        { containerPort: 443, protocol: 'tcp', hostPort: 4443 },
      ],
    };
    expect(diff(desired, actual, keyed).map((entry) => entry.path)).toEqual([
      'portMappings[containerPort=80,protocol=tcp].hostPort',
      'portMappings[containerPort=80,protocol=udp]',
      'portMappings[containerPort=443,protocol=tcp].hostPort',
    ]);
  });

  it('quotes key values that are not plain', () => {
    expect(
      diff(
        { env: [{ name: 'a]b', v: 1 }] },
        { env: [{ name: 'a]b', v: 2 }] },
        { lists: { env: { key: 'name' } } },
      ),
    ).toEqual([{ path: 'env[name="a]b"].v', desired: 1, actual: 2 }]);
  });

  it('compares a list it cannot key (missing or repeated keys) as one value', () => {
    const keyed: ComparisonSpec = { lists: { env: { key: 'name' } } };
    expect(diff({ env: [{ name: 'a' }, { name: 'a' }] }, { env: [{ name: 'a' }] }, keyed)).toEqual([
      { path: 'env', desired: [{ name: 'a' }, { name: 'a' }], actual: [{ name: 'a' }] },
    ]);
    expect(diff({ env: [{ value: 1 }] }, { env: [{ value: 1 }] }, keyed)).toEqual([]);
    expect(diff({ env: [{ value: 1 }] }, { env: [{ value: 2 }] }, keyed)).toHaveLength(1);
  });
});

describe('sets', () => {
  const spec: ComparisonSpec = {
    lists: { 'networkConfiguration.awsvpcConfiguration.subnets': 'set', placementConstraints: 'set' },
  };

  it('ignores order and repeats', () => {
    const desired = { networkConfiguration: { awsvpcConfiguration: { subnets: ['b', 'a', 'a'] } } };
    const actual = { networkConfiguration: { awsvpcConfiguration: { subnets: ['a', 'b'] } } };
    expect(diff(desired, actual, spec)).toEqual([]);
  });

  it('reports the list once, both sides sorted', () => {
    const desired = { networkConfiguration: { awsvpcConfiguration: { subnets: ['c', 'a'] } } };
    const actual = { networkConfiguration: { awsvpcConfiguration: { subnets: ['b', 'a'] } } };
    expect(diff(desired, actual, spec)).toEqual([
      { path: 'networkConfiguration.awsvpcConfiguration.subnets', desired: ['a', 'c'], actual: ['a', 'b'] },
    ]);
  });

  it('compares object elements by their canonical form', () => {
    const desired = {
      placementConstraints: [{ type: 'memberOf', expression: 'x' }, { type: 'distinctInstance' }],
    };
    const actual = {
      placementConstraints: [{ type: 'distinctInstance' }, { expression: 'x', type: 'memberOf' }],
    };
    expect(diff(desired, actual, spec)).toEqual([]);
  });

  it('sorts numbers numerically', () => {
    expect(diff({ s: [10, 9] }, { s: [9] }, { lists: { s: 'set' } })).toEqual([
      { path: 's', desired: [9, 10], actual: [9] },
    ]);
  });
});

describe('ordered lists', () => {
  it('compares element by element, reporting missing and extra indexes', () => {
    expect(diff({ command: ['a', 'b', 'c'] }, { command: ['a', 'x'] })).toEqual([
      { path: 'command[1]', desired: 'b', actual: 'x' },
      { path: 'command[2]', desired: 'c', actual: undefined },
    ]);
    expect(diff({ l: [{ a: 1 }] }, { l: [{ a: 1 }, { a: 2 }] })).toEqual([
      { path: 'l[1]', desired: undefined, actual: { a: 2 } },
    ]);
  });

  it('orders indexes numerically', () => {
    const desired = Array.from({ length: 12 }, (_, i) => i);
    const actual = desired.map((value) => (value === 2 || value === 10 ? -1 : value));
    expect(diff({ l: desired }, { l: actual }).map((entry) => entry.path)).toEqual(['l[2]', 'l[10]']);
  });

  it('is the default, and can be named explicitly', () => {
    expect(diff({ l: [1, 2] }, { l: [2, 1] }, { lists: { l: 'ordered' } })).toHaveLength(2);
  });
});

describe('ignore (ignoreDifferences inside the diff)', () => {
  const lists: ComparisonSpec['lists'] = { containerDefinitions: { key: 'name' } };

  it('leaves out ignored paths and everything below them', () => {
    const desired = { desiredCount: 2, containerDefinitions: [{ name: 'app', image: 'a:2', cpu: 256 }] };
    const actual = { desiredCount: 5, containerDefinitions: [{ name: 'app', image: 'a:1', cpu: 512 }] };
    expect(
      diff(desired, actual, { lists, ignore: ['desiredCount', 'containerDefinitions[*].image'] }),
    ).toEqual([{ path: 'containerDefinitions[name=app].cpu', desired: 256, actual: 512 }]);
    expect(
      diff(desired, actual, { lists, ignore: ['desiredCount', 'containerDefinitions[name=app]'] }),
    ).toEqual([]);
  });

  it('takes ignored fields out of a subtree reported whole', () => {
    const desired = { containerDefinitions: [{ name: 'app', image: 'a:2', cpu: 256 }] };
    expect(
      diff(
        desired,
        { containerDefinitions: [] },
        { lists, ignore: ['containerDefinitions[name=app].image'] },
      ),
    ).toEqual([
      { path: 'containerDefinitions[name=app]', desired: { cpu: 256, name: 'app' }, actual: undefined },
    ]);
  });

  it('finds no difference when only ignored fields made a missing subtree non-empty', () => {
    expect(diff({ tags: { Owner: 'x' } }, {}, { ignore: ['tags.Owner'] })).toEqual([]);
    expect(diff({}, { tags: { Owner: 'x', Team: 'y' } }, { ignore: ['tags.Owner'] })).toEqual([
      { path: 'tags', desired: undefined, actual: { Team: 'y' } },
    ]);
    expect(diff({ l: [{ a: 1 }] }, {}, { ignore: ['l[0]'] })).toEqual([]);
  });

  it('still reports an empty subtree as strictly as without ignore', () => {
    expect(diff({ tags: {} }, {}, { ignore: ['tags.Owner'] })).toEqual([
      { path: 'tags', desired: {}, actual: undefined },
    ]);
  });
});

describe('comparison spec errors', () => {
  it('rejects selectors and indexes in spec paths', () => {
    expect(() => diff({}, {}, { lists: { 'a[0]': 'set' } })).toThrow(/only member names and \[\]/);
    expect(() => diff({}, {}, { compareOnlyDesiredKeys: ['a[name=x]'] })).toThrow(/only member names/);
  });

  it('rejects malformed paths and keys', () => {
    expect(() => diff({}, {}, { lists: { 'a..b': 'set' } })).toThrow(/Malformed field path "a..b"/);
    expect(() => diff({}, {}, { lists: { a: { key: [] } } })).toThrow(/Expected the list key of "a"/);
    expect(() => diff({}, {}, { lists: { a: { key: 'bad key' } } })).toThrow(/member names/);
  });
});
