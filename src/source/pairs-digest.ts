import { createHash } from 'node:crypto';

/**
 * `sha256:<hex>` of (name, version) pairs, sorted by name. Each pair is written as JSON so that no
 * name or version can be crafted to collide with another split of the same characters.
 */
export function pairsDigest(pairs: Iterable<readonly [string, string]>): string {
  const sorted = [...pairs].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const hash = createHash('sha256');
  for (const pair of sorted) hash.update(`${JSON.stringify(pair)}\n`);
  return `sha256:${hash.digest('hex')}`;
}
