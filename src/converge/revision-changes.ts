import type { Revision } from '../manifest/index.ts';
import { specDigest } from './reconciler.ts';

/**
 * The identities a new revision asks to look at: those whose manifest is new, changed or gone.
 * A manifest that only moved between files, or was reformatted, is not among them.
 */
export function changedIdentities(previous: Revision | undefined, next: Revision): string[] {
  if (previous === undefined) return next.documents.map((manifest) => manifest.identity);
  const before = new Map(previous.documents.map((manifest) => [manifest.identity, specDigest(manifest)]));
  const changed: string[] = [];
  for (const manifest of next.documents) {
    if (before.get(manifest.identity) !== specDigest(manifest)) changed.push(manifest.identity);
    before.delete(manifest.identity);
  }
  changed.push(...before.keys());
  return changed;
}
