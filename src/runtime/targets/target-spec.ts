import type { LoadedManifest } from '../../manifest/manifest.ts';

/** The operator's own account and region: every namespace no Target binds. */
export const DEFAULT_TARGET = 'default';

/** Where the resources of some namespaces live, from a Target manifest (schemas/target.schema.json). */
export interface TargetSpec {
  /** `Target/<namespace>/<name>`, or DEFAULT_TARGET. */
  readonly key: string;
  readonly region?: string;
  readonly roleArn?: string;
  readonly externalId?: string;
  readonly namespaces: ReadonlySet<string>;
}

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** The Targets of a revision (already validated: a namespace is bound at most once). */
export function targetsOf(documents: readonly LoadedManifest[]): TargetSpec[] {
  return documents
    .filter((manifest) => manifest.kind === 'Target')
    .map((manifest): TargetSpec => {
      const spec = manifest.spec;
      const region = text(spec.region);
      const roleArn = text(spec.roleArn);
      const externalId = text(spec.externalId);
      const namespaces = Array.isArray(spec.namespaces) ? spec.namespaces : [];
      return {
        key: manifest.identity,
        ...(region === undefined ? {} : { region }),
        ...(roleArn === undefined ? {} : { roleArn }),
        ...(externalId === undefined ? {} : { externalId }),
        namespaces: new Set(namespaces.filter((ns): ns is string => typeof ns === 'string')),
      };
    });
}

/** The target a namespace's resources live in. */
export function targetOfNamespace(targets: readonly TargetSpec[], namespace: string): string {
  return targets.find((target) => target.namespaces.has(namespace))?.key ?? DEFAULT_TARGET;
}

/** Two specs that need the same clients: a change of region, role or external id makes new ones. */
export function sameConnection(a: TargetSpec, b: TargetSpec): boolean {
  return a.region === b.region && a.roleArn === b.roleArn && a.externalId === b.externalId;
}

/** Whether an identity (`Kind/namespace/name`) is `target`'s to manage, as the Targets bind namespaces now. */
export function ownedBy(target: string, targets: () => readonly TargetSpec[]): (identity: string) => boolean {
  return (identity) => targetOfNamespace(targets(), identity.split('/')[1] ?? '') === target;
}
