import type { LoadedManifest } from '../manifest.ts';
import type { Entry, Finding } from '../revision-context.ts';
import type { ResolvedReference } from './resolve-references.ts';

/** A namespace bound to two Targets: its resources would be managed in two accounts or regions. */
export function checkTargetNamespaces(entries: readonly Entry[]): Finding[] {
  const owner = new Map<string, string>();
  const findings: Finding[] = [];
  for (const entry of entries) {
    if (entry.manifest.kind !== 'Target') continue;
    const namespaces = entry.manifest.spec.namespaces;
    if (!Array.isArray(namespaces)) continue;
    namespaces.forEach((namespace, index) => {
      if (typeof namespace !== 'string') return;
      const first = owner.get(namespace);
      if (first === undefined) {
        owner.set(namespace, entry.manifest.identity);
        return;
      }
      findings.push({
        entry,
        problem: {
          name: 'CONFLICTING_SETTINGS',
          segments: ['spec', 'namespaces', index],
          target: 'value',
          params: {
            reason: `namespace "${namespace}" is already bound to ${first}; a namespace lives in one target`,
          },
        },
      });
    });
  }
  return findings;
}

/** A reference from one target's namespace to another's: its resource would be in another account or region. */
export function checkCrossTargetReferences(
  bound: ReadonlyMap<string, string>,
  resolved: readonly ResolvedReference[],
): Finding[] {
  if (bound.size === 0) return [];
  const where = (namespace: string) => bound.get(namespace) ?? "the operator's own account and region";
  return resolved.flatMap((reference): Finding[] => {
    const from = where(reference.from.manifest.metadata.namespace);
    const to = where(reference.to.manifest.metadata.namespace);
    if (from === to || reference.from.manifest.kind === 'Target') return [];
    return [
      {
        entry: reference.from,
        problem: {
          name: 'CONFLICTING_SETTINGS',
          segments: reference.segments,
          target: 'value',
          params: {
            reason: `${reference.to.manifest.identity} lives in ${to}, this manifest in ${from}: a reference cannot cross targets`,
          },
        },
      },
    ];
  });
}

/** The Target each namespace is bound to in a revision's documents (a namespace no Target binds is the operator's own). */
export function targetBindings(documents: readonly LoadedManifest[]): Map<string, string> {
  const bound = new Map<string, string>();
  for (const manifest of documents) {
    const namespaces = manifest.kind === 'Target' ? manifest.spec.namespaces : undefined;
    if (!Array.isArray(namespaces)) continue;
    for (const namespace of namespaces)
      if (typeof namespace === 'string' && !bound.has(namespace)) bound.set(namespace, manifest.identity);
  }
  return bound;
}

/**
 * A namespace the revision in force binds to a Target, left unbound while it still holds
 * manifests: its resources would be created again in the operator's own account and region,
 * beside what stays in the target's. One finding per namespace, at its first manifest.
 */
export function checkUnboundNamespaces(
  entries: readonly Entry[],
  bound: ReadonlyMap<string, string>,
  inForce: ReadonlyMap<string, string>,
): Finding[] {
  if (inForce.size === 0) return [];
  const reported = new Set<string>();
  const findings: Finding[] = [];
  for (const entry of entries) {
    const namespace = entry.manifest.metadata.namespace;
    const target = inForce.get(namespace);
    if (entry.manifest.kind === 'Target' || target === undefined || bound.has(namespace)) continue;
    if (reported.has(namespace)) continue;
    reported.add(namespace);
    findings.push({
      entry,
      problem: {
        name: 'CONFLICTING_SETTINGS',
        segments: ['metadata', 'namespace'],
        target: 'value',
        params: {
          reason: `namespace "${namespace}" is bound to ${target} in the revision in force and to no Target in this one: its resources would be created in the operator's own account and region. Bind it to a Target, or remove its manifests first`,
        },
      },
    });
  }
  return findings;
}
