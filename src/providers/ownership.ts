import type { Ownership } from './types.ts';

export const INSTANCE_TAG = 'shipshape.dev/instance';
export const RESOURCE_TAG = 'shipshape.dev/resource';
export const ADOPT_ANNOTATION = 'shipshape.dev/adopt';
export const REDEPLOY_ANNOTATION = 'shipshape.dev/redeploy';
/** Set to `Retain` on resources whose manifest says `deletionPolicy: Retain`: the policy outlives the manifest. */
export const DELETION_POLICY_TAG = 'shipshape.dev/deletion-policy';
/** What a release takes off: Shipshape's marks, nothing of the user's. */
export const OWNERSHIP_TAG_KEYS: readonly string[] = [INSTANCE_TAG, RESOURCE_TAG, DELETION_POLICY_TAG];

/** Ownership by tags: the Shipshape instance and the manifest identity. */
export function ownershipFor(instance: string): Ownership {
  return {
    instance,
    tagsFor: (identity) => ({ [INSTANCE_TAG]: instance, [RESOURCE_TAG]: identity }),
    identityOf: (tags) => (tags[INSTANCE_TAG] === instance ? tags[RESOURCE_TAG] : undefined),
  };
}

export function wantsAdoption(annotations: Readonly<Record<string, string>> | undefined): boolean {
  return annotations?.[ADOPT_ANNOTATION] === 'true';
}

/** Whether a live resource's tags say that a removed manifest releases it instead of deleting it. */
export function retainedIn(tags: Readonly<Record<string, string>>): boolean {
  return tags[DELETION_POLICY_TAG] === 'Retain';
}
