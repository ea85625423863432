import type { Ownership } from './types.ts';

export const INSTANCE_TAG = 'shipshape.dev/instance';
export const RESOURCE_TAG = 'shipshape.dev/resource';
export const ADOPT_ANNOTATION = 'shipshape.dev/adopt';
export const REDEPLOY_ANNOTATION = 'shipshape.dev/redeploy';

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
