import { isRecord } from '../field-path.ts';
import type { Entry, Finding } from '../revision-context.ts';

/** Container names are unique in a task definition, and dependsOn names one of them. */
export function checkTaskContainers(entry: Entry): Finding[] {
  const { kind, spec } = entry.manifest;
  const list = spec.containerDefinitions;
  if (kind !== 'TaskDefinition' || !Array.isArray(list)) return [];
  const findings: Finding[] = [];
  const names = list.map((c) => (isRecord(c) && typeof c.name === 'string' ? c.name : undefined));
  names.forEach((name, i) => {
    if (name !== undefined && names.indexOf(name) !== i) {
      findings.push({
        entry,
        problem: {
          name: 'DUPLICATE_CONTAINER_NAME',
          segments: ['spec', 'containerDefinitions', i, 'name'],
          target: 'value',
          params: { name },
        },
      });
    }
  });
  list.forEach((container, i) => {
    if (!isRecord(container) || !Array.isArray(container.dependsOn)) return;
    container.dependsOn.forEach((dependency, j) => {
      if (!isRecord(dependency) || typeof dependency.containerName !== 'string') return;
      if (names.includes(dependency.containerName)) return;
      findings.push({
        entry,
        problem: {
          name: 'UNKNOWN_CONTAINER',
          segments: ['spec', 'containerDefinitions', i, 'dependsOn', j, 'containerName'],
          target: 'value',
          params: {
            reason: `dependsOn names container "${dependency.containerName}", which this task definition does not define`,
          },
        },
      });
    });
  });
  return findings;
}
