import type { LoadedManifest } from './manifest.ts';

/** The per-resource controls every kind's spec may carry (docs/MANIFESTS.md). */
export interface Controls {
  readonly ignoreDifferences: readonly string[];
  readonly selfHeal: boolean;
  readonly deletionPolicy: 'Delete' | 'Retain';
  readonly suspend: boolean;
}

/** `rollout` (a Service's gates at PAUSE hooks) is read by the rollout gate, src/converge/rollout/. */
export const CONTROL_FIELDS = [
  'ignoreDifferences',
  'selfHeal',
  'deletionPolicy',
  'suspend',
  'rollout',
] as const;

export function controlsOf(manifest: LoadedManifest): Controls {
  const spec = manifest.spec;
  const ignore = spec.ignoreDifferences;
  return {
    ignoreDifferences: Array.isArray(ignore)
      ? ignore.filter((path): path is string => typeof path === 'string')
      : [],
    selfHeal: spec.selfHeal !== false,
    deletionPolicy: spec.deletionPolicy === 'Retain' ? 'Retain' : 'Delete',
    suspend: spec.suspend === true,
  };
}

/** The spec without the controls: what goes to AWS. */
export function awsSpecOf(manifest: LoadedManifest): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(manifest.spec).filter(([key]) => !(CONTROL_FIELDS as readonly string[]).includes(key)),
  );
}
