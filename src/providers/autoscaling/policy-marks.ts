import { controlsOf } from '../../manifest/controls.ts';
import type { LoadedManifest } from '../../manifest/manifest.ts';
import type { TagMap } from '../tags.ts';
import type { ProviderContext } from '../types.ts';
import { policyRetainTagKey, policyTagKey, tagsOfTarget } from './target-tags.ts';

/** What a policy's marks on its scalable target say; only a target of this instance's carries its marks. */
export interface PolicyMarks {
  /** The manifest identity that owns the policy. */
  readonly owner?: string;
  /** Its deletion policy is Retain. */
  readonly retained: boolean;
}

export async function marksOf(
  targetArn: string,
  policyName: string,
  context: ProviderContext,
): Promise<PolicyMarks> {
  const tags = await tagsOfTarget(targetArn, context);
  if (context.ownership.identityOf(tags) === undefined) return { retained: false };
  const owner = tags[policyTagKey(policyName)];
  const retained = tags[policyRetainTagKey(policyName)] === 'Retain';
  return owner === undefined ? { retained } : { owner, retained };
}

export const retainsPolicy = (manifest: LoadedManifest): boolean =>
  controlsOf(manifest).deletionPolicy === 'Retain';

/** The marks a manifest's policy carries on its target: ownership, and Retain when its manifest says so. */
export function marksFor(manifest: LoadedManifest, policyName: string): TagMap {
  return {
    [policyTagKey(policyName)]: manifest.identity,
    ...(retainsPolicy(manifest) ? { [policyRetainTagKey(policyName)]: 'Retain' } : {}),
  };
}

/** Every mark a policy may have on its target. */
export function markKeys(policyName: string): string[] {
  return [policyTagKey(policyName), policyRetainTagKey(policyName)];
}
