import { describe, expect, it } from 'vitest';
import { type DriftEntry, differentAt, differentExcept, filterIgnored } from '../../src/diff/drift.ts';
import { member, parsePath } from '../../src/diff/field-path.ts';
import { canonical, compareJson, jsonEqual, stableStringify } from '../../src/diff/json.ts';

const entry = (path: string): DriftEntry => ({ path, desired: 1, actual: 2 });

const entries = [
  entry('containerDefinitions[name=app].environment[name=LOG].value'),
  entry('containerDefinitions[name=app].image'),
  entry('containerDefinitions[name=web].image'),
  entry('desiredCount'),
  entry('portMappings[containerPort=80,protocol=tcp].hostPort'),
  entry('command[2]'),
  entry('tags.Team'),
];

const paths = (list: readonly DriftEntry[]) => list.map((item) => item.path);

describe('filterIgnored', () => {
  it('leaves out exact paths', () => {
    expect(paths(filterIgnored(entries, ['desiredCount', 'tags.Team']))).not.toContain('desiredCount');
    expect(filterIgnored(entries, ['desiredCount', 'tags.Team'])).toHaveLength(5);
  });

  it('leaves out everything below a pattern', () => {
    expect(paths(filterIgnored(entries, ['containerDefinitions[name=app]']))).toEqual([
      'containerDefinitions[name=web].image',
      'desiredCount',
      'portMappings[containerPort=80,protocol=tcp].hostPort',
      'command[2]',
      'tags.Team',
    ]);
    expect(filterIgnored(entries, ['tags'])).toHaveLength(6);
  });

  it('matches any element with [*] and a partial selector of a composite key', () => {
    expect(paths(filterIgnored(entries, ['containerDefinitions[*].image']))).not.toContain(
      'containerDefinitions[name=web].image',
    );
    expect(filterIgnored(entries, ['containerDefinitions[*].image'])).toHaveLength(5);
    expect(filterIgnored(entries, ['portMappings[containerPort=80]'])).toHaveLength(6);
    expect(filterIgnored(entries, ['portMappings[containerPort=443]'])).toHaveLength(7);
    expect(filterIgnored(entries, ['command[*]'])).toHaveLength(6);
    expect(filterIgnored(entries, ['command[1]'])).toHaveLength(7);
  });

  it('keeps an entry above the pattern: it says more than the pattern ignores', () => {
    const missing = [entry('containerDefinitions[name=app]')];
    expect(filterIgnored(missing, ['containerDefinitions[name=app].image'])).toEqual(missing);
  });

  it('does not confuse a selector with a member or an index', () => {
    expect(filterIgnored(entries, ['containerDefinitions.image'])).toHaveLength(7);
    expect(filterIgnored([entry('l[0]')], ['l[name=0]'])).toHaveLength(1);
    expect(filterIgnored([entry('desiredCountX')], ['desiredCount'])).toHaveLength(1);
  });

  it('accepts parsed paths and rejects malformed patterns', () => {
    expect(filterIgnored(entries, [[member('desiredCount')]])).toHaveLength(6);
    expect(() => filterIgnored(entries, ['desired..Count'])).toThrow(/Malformed field path/);
  });
});

describe('differentAt and differentExcept', () => {
  it('differentAt sees differences at, below and above a path', () => {
    expect(differentAt(entries, 'desiredCount')).toBe(true);
    expect(differentAt(entries, 'containerDefinitions')).toBe(true);
    expect(differentAt(entries, 'containerDefinitions[name=app].image')).toBe(true);
    expect(differentAt(entries, 'containerDefinitions[*].image')).toBe(true);
    expect(differentAt(entries, 'containerDefinitions[name=web].cpu')).toBe(false);
    expect(differentAt(entries, 'launchType')).toBe(false);
    expect(differentAt([entry('containerDefinitions[name=app]')], 'containerDefinitions[name=app].cpu')).toBe(
      true,
    );
    expect(differentAt(entries, 'portMappings[protocol=tcp]')).toBe(true);
    expect(differentAt(entries, 'portMappings[protocol=udp]')).toBe(false);
    expect(differentAt(entries, parsePath('tags'))).toBe(true);
  });

  it('differentExcept says whether anything outside the paths differs', () => {
    expect(differentExcept([entry('desiredCount')], ['desiredCount'])).toBe(false);
    expect(differentExcept(entries, ['desiredCount'])).toBe(true);
    expect(
      differentExcept(entries, ['containerDefinitions', 'desiredCount', 'portMappings', 'command', 'tags']),
    ).toBe(false);
    expect(differentExcept([], [])).toBe(false);
  });
});

describe('JSON helpers', () => {
  it('canonical sorts members deeply and drops undefined ones', () => {
    expect(JSON.stringify(canonical({ b: 1, a: { d: [{ z: 1, y: 2 }], c: undefined } }))).toBe(
      '{"a":{"d":[{"y":2,"z":1}]},"b":1}',
    );
    expect(stableStringify({ b: 1, a: 2 })).toBe(stableStringify({ a: 2, b: 1 }));
  });

  it('jsonEqual is deep and strict', () => {
    expect(jsonEqual({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] })).toBe(true);
    expect(jsonEqual({ a: 1 }, { a: '1' })).toBe(false);
    expect(jsonEqual([1, 2], [2, 1])).toBe(false);
    expect(jsonEqual([], {})).toBe(false);
    expect(jsonEqual(null, undefined)).toBe(false);
  });

  it('compareJson orders by type, then value', () => {
    expect([3, 'b', null, 10, 'a', true, [1], { a: 1 }].sort(compareJson)).toEqual([
      null,
      true,
      3,
      10,
      'a',
      'b',
      [1],
      { a: 1 },
    ]);
  });
});
