import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ignoreMatcher, manifestFilter } from '../../src/source/ignore.ts';
import { pairsDigest } from '../../src/source/pairs-digest.ts';
import { parseSourceUrl } from '../../src/source/source-url.ts';

describe('parseSourceUrl', () => {
  it.each([
    ['s3://my-bucket/apps/prod', { kind: 's3', bucket: 'my-bucket', prefix: 'apps/prod/' }],
    ['s3://my-bucket/apps/prod/', { kind: 's3', bucket: 'my-bucket', prefix: 'apps/prod/' }],
    ['s3://my-bucket', { kind: 's3', bucket: 'my-bucket', prefix: '' }],
    ['s3://my-bucket/', { kind: 's3', bucket: 'my-bucket', prefix: '' }],
    ['dynamodb://shipshape-manifests', { kind: 'dynamodb', table: 'shipshape-manifests' }],
    ['./manifests', { kind: 'folder', dir: './manifests' }],
    [pathToFileURL(resolve('/tmp/m')).href, { kind: 'folder', dir: resolve('/tmp/m') }],
  ])('reads %s', (text, expected) => {
    expect(parseSourceUrl(text)).toEqual(expected);
  });

  it.each([
    ['', /expected s3:\/\/bucket\/prefix/],
    ['s3://', /"" is not an S3 bucket name/],
    ['s3://My_Bucket/x', /"My_Bucket" is not an S3 bucket name/],
    ['dynamodb://a', /"a" is not a DynamoDB table name/],
    ['http://example.com/x', /unknown scheme "http:\/\/"/],
    ['file://remote-host/x', /not a file URL/],
  ])('refuses %j', (text, message) => {
    expect(() => parseSourceUrl(text)).toThrow(message);
  });
});

describe('ignore patterns', () => {
  const wanted = manifestFilter(['.*', '_*', 'drafts/**', '**/*.tmpl.yaml']);

  it.each([
    ['app/service.yaml', true],
    ['app/service.yml', true],
    ['app/README.md', false],
    ['.hidden.yaml', false],
    ['app/.git/x.yaml', false],
    ['_wip/x.yaml', false],
    ['app/_x.yaml', false],
    ['drafts/a/b.yaml', false],
    ['app/drafts/b.yaml', true],
    ['app/x.tmpl.yaml', false],
    ['x.tmpl.yaml', false],
  ])('%s is read: %s', (path, expected) => {
    expect(wanted(path)).toBe(expected);
  });

  it('matches ? as one character within a segment', () => {
    const ignored = ignoreMatcher(['v?']);
    expect([ignored('v1/a.yaml'), ignored('v10/a.yaml'), ignored('a/v2')]).toEqual([true, false, true]);
  });
});

describe('pairsDigest', () => {
  it('does not depend on order and separates names from versions', () => {
    expect(
      pairsDigest([
        ['a', '1'],
        ['b', '2'],
      ]),
    ).toBe(
      pairsDigest([
        ['b', '2'],
        ['a', '1'],
      ]),
    );
    expect(pairsDigest([['a', 'b1']])).not.toBe(pairsDigest([['ab', '1']]));
    expect(pairsDigest([])).toMatch(/^sha256:[0-9a-f]{64}$/);
  });
});
