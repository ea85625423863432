import type { LoadedManifest, Revision } from '../manifest/index.ts';

/** The revision's manifests in the order they are created (dependencies first). */
export function inCreateOrder(revision: Revision): LoadedManifest[] {
  const byIdentity = new Map(revision.documents.map((manifest) => [manifest.identity, manifest]));
  return revision.graph.createOrder().flatMap((identity) => {
    const manifest = byIdentity.get(identity);
    return manifest === undefined ? [] : [manifest];
  });
}
