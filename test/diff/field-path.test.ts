import { describe, expect, it } from 'vitest';
import {
  anyElement,
  type FieldPath,
  FieldPathError,
  formatPath,
  index,
  member,
  parsePath,
  select,
} from '../../src/diff/field-path.ts';

describe('parsePath', () => {
  it('reads members, selectors, indexes and wildcards', () => {
    expect(parsePath('containerDefinitions[name=app].environment[name=LOG_LEVEL].value')).toEqual([
      member('containerDefinitions'),
      select(['name', 'app']),
      member('environment'),
      select(['name', 'LOG_LEVEL']),
      member('value'),
    ]);
    expect(parsePath('a.b[0].c[*].d[]')).toEqual([
      member('a'),
      member('b'),
      index(0),
      member('c'),
      anyElement,
      member('d'),
      anyElement,
    ]);
    expect(parsePath('')).toEqual([]);
    expect(parsePath('tags.aws:cloudformation:stack-name')).toEqual([
      member('tags'),
      member('aws:cloudformation:stack-name'),
    ]);
  });

  it('reads quoted members, composite selectors and quoted values', () => {
    expect(parsePath('attributes["stickiness.enabled"]')).toEqual([
      member('attributes'),
      member('stickiness.enabled'),
    ]);
    expect(parsePath('portMappings[containerPort=80,protocol=tcp].hostPort')).toEqual([
      member('portMappings'),
      select(['containerPort', '80'], ['protocol', 'tcp']),
      member('hostPort'),
    ]);
    expect(parsePath('env[name="a]b,c"]')).toEqual([member('env'), select(['name', 'a]b,c'])]);
    expect(parsePath('env[name=my value]')).toEqual([member('env'), select(['name', 'my value'])]);
  });

  it.each([
    ['.a', 0, 'expected a member name'],
    ['a.', 2, 'expected a member name'],
    ['a..b', 2, 'expected a member name'],
    ['a[name=x', 8, 'expected "]"'],
    ['a[name=x]b', 9, 'expected "." or "["'],
    ['a[=x]', 2, 'expected an index'],
    ['a[1x]', 3, 'expected "]"'],
    ['a[01]', 2, 'no leading zeros'],
    ['a["unterminated]', 2, 'unterminated quoted string'],
    ['a["bad \\q"]', 2, 'invalid escape'],
    ['a[name=]', 7, 'expected a value'],
    ['a[name= x]', 7, 'expected a value'],
    ['a[name=x,name=y]', 15, 'a key may appear once'],
    ['a b', 1, 'expected "." or "["'],
  ])('rejects %j at position %i', (text, position, expectation) => {
    let error: unknown;
    try {
      parsePath(text);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(FieldPathError);
    expect(error).toMatchObject({ path: text, position });
    expect(String(error)).toContain(expectation);
    expect(String(error)).toContain(JSON.stringify(text));
  });
});

describe('formatPath', () => {
  const paths: Array<[FieldPath, string]> = [
    [[member('desiredCount')], 'desiredCount'],
    [
      [member('containerDefinitions'), select(['name', 'app']), member('image')],
      'containerDefinitions[name=app].image',
    ],
    [
      [member('attributes'), member('deregistration_delay.timeout_seconds')],
      'attributes["deregistration_delay.timeout_seconds"]',
    ],
    [[member('x'), index(3), anyElement], 'x[3][*]'],
    [[member('env'), select(['name', 'a]b']), member('value')], 'env[name="a]b"].value'],
    [[member('env'), select(['name', ''])], 'env[name=""]'],
    [[member('p'), select(['containerPort', '80'], ['protocol', 'udp'])], 'p[containerPort=80,protocol=udp]'],
    [[member('m'), member('')], 'm[""]'],
    [[member('m'), member('with "quote" and \\')], 'm["with \\"quote\\" and \\\\"]'],
    [[index(0), member('a')], '[0].a'],
  ];

  it.each(paths)('formats %j as %s and parses it back', (path, text) => {
    expect(formatPath(path)).toBe(text);
    expect(parsePath(text)).toEqual(path);
  });

  it('normalises [] to [*]', () => {
    expect(formatPath(parsePath('a[].b'))).toBe('a[*].b');
  });
});
