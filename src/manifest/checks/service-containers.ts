import { isRecord } from '../field-path.ts';
import type { Segment } from '../positions.ts';
import type { Entry, Finding } from '../revision-context.ts';
import { containerNamed, mapsPort } from './containers.ts';
import type { ResolvedReference } from './resolve-references.ts';

/**
 * A service's loadBalancers (and serviceRegistries, where they name a container) must name a
 * container of its task definition and a port that container maps; ECS only finds out at deploy.
 * `own` holds the references made by `entry`.
 */
export function checkServiceContainers(entry: Entry, own: readonly ResolvedReference[]): Finding[] {
  if (entry.manifest.kind !== 'Service') return [];
  const taskDefinition = own.find((r) => r.key === 'taskDefinitionRef' && r.segments.length === 2)?.to;
  if (taskDefinition === undefined) return [];
  const findings: Finding[] = [];
  for (const field of ['loadBalancers', 'serviceRegistries'] as const) {
    const list = entry.manifest.spec[field];
    if (!Array.isArray(list)) continue;
    list.forEach((item, i) => {
      if (!isRecord(item) || item.containerName === undefined) return;
      findings.push(...checkItem(entry, taskDefinition, item, ['spec', field, i]));
    });
  }
  return findings;
}

function checkItem(
  entry: Entry,
  taskDefinition: Entry,
  item: Record<string, unknown>,
  at: readonly Segment[],
): Finding[] {
  const container = containerNamed(taskDefinition.manifest.spec, item.containerName);
  if (container === undefined) {
    const reason = `container "${String(item.containerName)}" is not in task definition ${taskDefinition.manifest.identity}`;
    return [
      {
        entry,
        problem: {
          name: 'UNKNOWN_CONTAINER',
          segments: [...at, 'containerName'],
          target: 'value',
          params: { reason },
        },
      },
    ];
  }
  if (item.containerPort === undefined || mapsPort(container, item.containerPort)) return [];
  return [
    {
      entry,
      problem: {
        name: 'PORT_NOT_MAPPED',
        segments: [...at, 'containerPort'],
        target: 'value',
        params: {
          container: String(item.containerName),
          taskDefinition: taskDefinition.manifest.identity,
          port: String(item.containerPort),
        },
      },
    },
  ];
}
