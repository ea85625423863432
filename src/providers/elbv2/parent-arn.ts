import type { LoadedManifest } from '../../manifest/manifest.ts';
import { resolveReference } from '../references.ts';
import { KNOWN_AFTER_APPLY, type ProviderContext } from '../types.ts';

/**
 * The ARN of the resource a listener or rule lives on (`loadBalancerRef` or
 * `loadBalancerArn`, `listenerRef` or `listenerArn`), when it exists.
 */
export function parentArnOf(
  manifest: LoadedManifest,
  refKey: 'loadBalancerRef' | 'listenerRef',
  literalKey: 'loadBalancerArn' | 'listenerArn',
  context: ProviderContext,
): string | undefined {
  const reference = manifest.spec[refKey];
  if (typeof reference === 'string') {
    const resolved = resolveReference(manifest, refKey, reference, context.resolver);
    const arn = resolved.ok ? resolved.value.arn : undefined;
    return arn === undefined || arn === '' || arn === KNOWN_AFTER_APPLY ? undefined : arn;
  }
  const literal = manifest.spec[literalKey];
  return typeof literal === 'string' ? literal : undefined;
}

/** Groups manifests by the ARN of what they live on, leaving out those whose parent does not exist yet. */
export function byParent(
  manifests: readonly LoadedManifest[],
  arnOf: (manifest: LoadedManifest) => string | undefined,
): Map<string, LoadedManifest[]> {
  const groups = new Map<string, LoadedManifest[]>();
  for (const manifest of manifests) {
    const arn = arnOf(manifest);
    if (arn === undefined) continue;
    groups.set(arn, [...(groups.get(arn) ?? []), manifest]);
  }
  return groups;
}

/**
 * Pairs each manifest with a live resource: first by its natural key (port,
 * priority), then by ownership tag, so that a manifest whose key changed still
 * finds the resource it made (and updates it rather than making another).
 */
export function matchLive<T>(
  manifests: readonly LoadedManifest[],
  live: readonly T[],
  keyOfManifest: (manifest: LoadedManifest) => string,
  keyOfLive: (item: T) => string,
  ownerOf: (item: T) => string | undefined,
): Map<LoadedManifest, T> {
  const matched = new Map<LoadedManifest, T>();
  const taken = new Set<T>();
  for (const manifest of manifests) {
    const item = live.find(
      (candidate) => !taken.has(candidate) && keyOfLive(candidate) === keyOfManifest(manifest),
    );
    if (item !== undefined) {
      matched.set(manifest, item);
      taken.add(item);
    }
  }
  for (const manifest of manifests) {
    if (matched.has(manifest)) continue;
    const item = live.find((candidate) => !taken.has(candidate) && ownerOf(candidate) === manifest.identity);
    if (item !== undefined) {
      matched.set(manifest, item);
      taken.add(item);
    }
  }
  return matched;
}
