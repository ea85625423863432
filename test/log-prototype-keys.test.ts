import { describe, expect, it } from 'vitest';
import { censorSecrets } from '../src/log.ts';

describe('censorSecrets', () => {
  it('keeps a __proto__ member of logged data as a member, censored like any other', () => {
    const copy = censorSecrets(JSON.parse('{"__proto__": {"password": "hunter2"}, "toString": "y"}'));
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(JSON.stringify(copy)).toBe('{"__proto__":{"password":"[redacted]"},"toString":"y"}');
  });
});
