import { createHash } from 'node:crypto';
import type { LoadedManifest } from './manifest.ts';

/**
 * `sha256:<hex>` of the revision's canonical form: documents sorted by identity, keys sorted, the
 * namespace defaulted. File names, file order, comments and formatting do not change it.
 */
export function revisionDigest(manifests: readonly LoadedManifest[]): string {
  const documents = [...manifests]
    .sort((a, b) => (a.identity < b.identity ? -1 : a.identity > b.identity ? 1 : 0))
    .map(({ apiVersion, kind, metadata, spec }) => ({ apiVersion, kind, metadata, spec }));
  return `sha256:${createHash('sha256').update(canonicalJson(documents)).digest('hex')}`;
}

/** JSON with object keys sorted at every depth. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    typeof v === 'object' && v !== null && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}
