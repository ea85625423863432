import { IdMap } from '../providers/id-map.ts';
import type { ProviderRegistry } from '../providers/registry.ts';
import { runTagCache } from '../providers/tag-cache.ts';
import type { ProviderContextBase } from '../providers/types.ts';
import { type Discovery, discover } from './discover.ts';
import type { Found } from './observe-by-name.ts';
import { type ImportedManifest, toManifests } from './to-manifests.ts';

export interface ImportRequest extends Discovery {
  /** The namespace for resources that do not carry this instance's ownership tags. */
  readonly namespace: string;
}

export interface ImportResult {
  readonly manifests: ImportedManifest[];
  /** Found, but of a kind that cannot be written as a manifest yet (no `toSpec`). */
  readonly skipped: Found[];
  /** What was found but left out, and why. */
  readonly notes: string[];
}

/** Reads a cluster's services and what they use, and turns them into manifests. Writes nothing to AWS. */
export async function importCluster(
  request: ImportRequest,
  providers: ProviderRegistry,
  base: ProviderContextBase,
): Promise<ImportResult> {
  const context = { ...base, resolver: new IdMap(), tags: runTagCache() };
  const { found, notes } = await discover(request, providers, context);
  return { ...toManifests(found, providers, base, request.namespace), notes };
}
