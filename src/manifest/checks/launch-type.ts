import type { Segment } from '../positions.ts';
import type { Entry, Finding } from '../revision-context.ts';
import type { Problem } from '../schema-problem.ts';

/** ECS rejects a service (or a strategy default) that sets both a launch type and a capacity provider strategy. */
export function checkLaunchType(entry: Entry): Finding[] {
  const { kind, spec } = entry.manifest;
  if (kind !== 'Service' || spec.launchType === undefined || spec.capacityProviderStrategy === undefined)
    return [];
  return [{ entry, problem: launchTypeConflict(['spec']) }];
}

export function launchTypeConflict(spec: readonly Segment[]): Problem {
  return {
    name: 'CONFLICTING_SETTINGS',
    segments: [...spec, 'capacityProviderStrategy'],
    target: 'key',
    params: { reason: 'a service takes either "launchType" or "capacityProviderStrategy", not both' },
  };
}
