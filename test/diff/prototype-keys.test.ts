import { describe, expect, it } from 'vitest';
import { diff } from '../../src/diff/diff.ts';
import { canonical, type JsonObject, jsonEqual, stableStringify } from '../../src/diff/json.ts';

/** `{"__proto__": ...}` from JSON is an own member, as YAML and the SDKs give it. */
const own = (json: string): JsonObject => JSON.parse(json);

describe('members named like Object.prototype members', () => {
  it('are absent when only the other side has them', () => {
    expect(diff({ tags: { toString: 'y' } }, { tags: {} })).toEqual([
      { path: 'tags.toString', desired: 'y', actual: undefined },
    ]);
    expect(diff({ tags: {} }, { tags: { constructor: 'x' } })).toEqual([
      { path: 'tags.constructor', desired: undefined, actual: 'x' },
    ]);
  });

  it('compare by value when both sides have them', () => {
    const tags = '{"constructor": "x", "toString": "y", "__proto__": "z", "hasOwnProperty": "w"}';
    expect(diff({ tags: own(tags) }, { tags: own(tags) })).toEqual([]);
    expect(diff(own('{"__proto__": "z"}'), own('{"__proto__": "other"}'))).toEqual([
      { path: '__proto__', desired: 'z', actual: 'other' },
    ]);
  });

  it('stay own members through canonical copies, and a member set to undefined is absent', () => {
    const copy = canonical(own('{"__proto__": "z", "a": 1}'));
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(Object.entries(copy as JsonObject)).toEqual([
      ['__proto__', 'z'],
      ['a', 1],
    ]);
    expect(stableStringify(own('{"__proto__": {"b": 2}}'))).toBe('{"__proto__":{"b":2}}');
    expect(jsonEqual({}, { toString: undefined })).toBe(true);
  });

  it('are kept by the pruning of ignored paths', () => {
    const desired = own('{"tags": {"__proto__": "z", "team": "a"}}');
    expect(diff(desired, undefined, { ignore: ['tags.team'] })).toEqual([
      { path: '', desired: own('{"tags": {"__proto__": "z"}}'), actual: undefined },
    ]);
  });
});
