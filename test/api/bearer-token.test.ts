import { describe, expect, it } from 'vitest';
import { bearerTokenOf, tokenMatches } from '../../src/api/bearer-token.ts';

describe('the bearer token check', () => {
  it('matches only the exact token, whatever the lengths', () => {
    expect(tokenMatches('s3cret', 's3cret')).toBe(true);
    expect(tokenMatches('s3cret', 's3cre')).toBe(false);
    expect(tokenMatches('s3cret', 's3cretX')).toBe(false);
    expect(tokenMatches('s3cret', 'S3CRET')).toBe(false);
    expect(tokenMatches('s3cret', '')).toBe(false);
  });

  it('reads the token of a Bearer authorization header, the scheme in any case', () => {
    expect(bearerTokenOf('Bearer abc.def')).toBe('abc.def');
    expect(bearerTokenOf('bearer   abc')).toBe('abc');
    expect(bearerTokenOf(undefined)).toBeUndefined();
    expect(bearerTokenOf('Basic YWJjOmRlZg==')).toBeUndefined();
    expect(bearerTokenOf('Bearer')).toBeUndefined();
    expect(bearerTokenOf('Bearer a b')).toBeUndefined();
  });
});
