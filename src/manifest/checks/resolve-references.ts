import { listOf } from '../describe-value.ts';
import { DEPENDS_ON_ANNOTATION, malformedDependsOn, type Reference, referencesOf } from '../references.ts';
import type { Entry, Finding, RevisionContext } from '../revision-context.ts';

export interface ResolvedReference extends Reference {
  readonly from: Entry;
  readonly to: Entry;
}

export interface Resolution {
  readonly resolved: ResolvedReference[];
  readonly findings: Finding[];
}

/** Every reference must name a manifest of the revision, of the kind its key says. */
export function resolveReferences(context: RevisionContext): Resolution {
  const resolved: ResolvedReference[] = [];
  const findings: Finding[] = [];
  for (const entry of context.entries) {
    for (const ref of referencesOf(entry.manifest)) {
      const to = context.get(ref.target);
      if (to !== undefined) {
        resolved.push({ ...ref, from: entry, to });
        continue;
      }
      const others = context.kindsNamed(ref.namespace, ref.name);
      const field = ref.key === DEPENDS_ON_ANNOTATION ? DEPENDS_ON_ANNOTATION : ref.key;
      findings.push({
        entry,
        problem:
          others.length > 0
            ? {
                name: 'WRONG_KIND_REFERENCE',
                segments: ref.segments,
                target: 'value',
                params: {
                  field,
                  expected: ref.targetKind,
                  name: `${ref.namespace}/${ref.name}`,
                  actual: listOf(others),
                },
              }
            : {
                name: 'MISSING_REFERENCE',
                segments: ref.segments,
                target: 'value',
                params: { field, target: ref.target },
              },
      });
    }
    for (const part of malformedDependsOn(entry.manifest)) {
      findings.push({
        entry,
        problem: {
          name: 'INVALID_VALUE',
          segments: ['metadata', 'annotations', DEPENDS_ON_ANNOTATION],
          target: 'value',
          params: { reason: `"${part}" is not Kind/name or Kind/namespace/name of a known kind` },
        },
      });
    }
  }
  return { resolved, findings };
}
