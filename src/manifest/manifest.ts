import type { Place } from './diagnostic.ts';
import type { Manifest } from './generated/types.ts';
import type { Kind } from './kinds.ts';

export interface ManifestMetadata {
  readonly name: string;
  /** Defaulted to "default" when the document leaves it out. */
  readonly namespace: string;
  readonly labels?: Readonly<Record<string, string>>;
  readonly annotations?: Readonly<Record<string, string>>;
}

/** A validated document of a revision. */
export interface LoadedManifest {
  readonly apiVersion: string;
  readonly kind: Kind;
  readonly metadata: ManifestMetadata;
  readonly spec: Readonly<Record<string, unknown>>;
  /** `Kind/namespace/name`, unique in a revision. */
  readonly identity: string;
  /** Where the document starts. */
  readonly source: Place;
}

export const DEFAULT_NAMESPACE = 'default';

export function identityOf(kind: string, namespace: string, name: string): string {
  return `${kind}/${namespace}/${name}`;
}

/** The generated spec type of each kind. */
export type SpecOf = { [M in Manifest as M['kind']]: M['spec'] };

/**
 * The spec of a manifest typed by its kind (types generated from the same schemas that accepted
 * it), or undefined when the manifest is of another kind.
 */
export function specOf<K extends Kind>(manifest: LoadedManifest, kind: K): SpecOf[K] | undefined {
  if (manifest.kind !== kind) return undefined;
  const spec: unknown = manifest.spec;
  return spec as SpecOf[K];
}
