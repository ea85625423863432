import { awsSpecOf } from '../../manifest/controls.ts';
import type { ScalingPolicySpec } from '../../manifest/generated/types.ts';
import type { LoadedManifest } from '../../manifest/manifest.ts';
import { referencedIdentity, resolveReference } from '../references.ts';
import type { ProviderContext, ResourceIds } from '../types.ts';

export const specOf = (manifest: LoadedManifest): ScalingPolicySpec =>
  awsSpecOf(manifest) as unknown as ScalingPolicySpec;

export const policyNameOf = (manifest: LoadedManifest): string =>
  specOf(manifest).policyName ?? manifest.metadata.name;

export type TargetIds = { ok: true; ids: ResourceIds } | { ok: false; waitingFor: string };

/** The scalable target's ids (arn, serviceNamespace, resourceId, scalableDimension). */
export function targetOf(manifest: LoadedManifest, context: ProviderContext): TargetIds {
  const ref = specOf(manifest).scalableTargetRef;
  const resolved = resolveReference(manifest, 'scalableTargetRef', ref, context.resolver);
  if (!resolved.ok || (resolved.value.resourceId ?? '') === '') {
    return { ok: false, waitingFor: referencedIdentity(manifest, 'scalableTargetRef', ref) };
  }
  return { ok: true, ids: resolved.value };
}
