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

/** The Target each namespace is bound to (a namespace no Target binds is the operator's own). */
function bindings(entries: readonly Entry[]): Map<string, string> {
  const bound = new Map<string, string>();
  for (const entry of entries) {
    const namespaces = entry.manifest.kind === 'Target' ? entry.manifest.spec.namespaces : undefined;
    if (!Array.isArray(namespaces)) continue;
    for (const namespace of namespaces)
      if (typeof namespace === 'string' && !bound.has(namespace))
        bound.set(namespace, entry.manifest.identity);
  }
  return bound;
}

/** A reference from one target's namespace to another's: its resource would be in another account or region. */
export function checkCrossTargetReferences(
  entries: readonly Entry[],
  resolved: readonly ResolvedReference[],
): Finding[] {
  const bound = bindings(entries);
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
