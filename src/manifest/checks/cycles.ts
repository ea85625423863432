import type { DependencyGraph } from '../graph.ts';
import type { Finding } from '../revision-context.ts';
import type { ResolvedReference } from './resolve-references.ts';

/** Each cycle once, at the field of its first resource that starts it. */
export function checkCycles(graph: DependencyGraph, resolved: readonly ResolvedReference[]): Finding[] {
  return graph.findCycles().flatMap((cycle): Finding[] => {
    const [first, second] = cycle;
    const ref = resolved.find((r) => r.from.manifest.identity === first && r.to.manifest.identity === second);
    if (ref === undefined) return [];
    return [
      {
        entry: ref.from,
        problem: {
          name: 'DEPENDENCY_CYCLE',
          segments: ref.segments,
          target: 'value',
          params: { cycle: cycle.join(' -> ') },
        },
      },
    ];
  });
}
