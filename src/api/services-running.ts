import {
  REVISION_TASK_DEFINITIONS,
  ranTaskDefinitions,
  revisionRunning,
} from '../converge/revision-task-definitions.ts';
import { RUNNING } from '../providers/ecs/service-health.ts';
import type { ResourceStatus, RollbackPin } from '../state/types.ts';

export interface ServiceRuns {
  readonly taskDefinition?: string;
  readonly revision?: string;
  readonly rolledBack?: RollbackPin;
}

/** What each Service runs, from its status's ids: its task definition, the revision that ran it first, its pin. */
export function servicesRunning(
  statuses: readonly ResourceStatus[],
  pins: readonly RollbackPin[],
): Record<string, ServiceRuns> {
  const pinned = new Map(pins.map((pin) => [pin.identity, pin]));
  const runs: Record<string, ServiceRuns> = {};
  for (const status of statuses) {
    if (!status.identity.startsWith('Service/')) continue;
    const taskDefinition = status.awsIds[RUNNING];
    const ran = ranTaskDefinitions(status.awsIds[REVISION_TASK_DEFINITIONS]);
    const revision = taskDefinition === undefined ? undefined : revisionRunning(ran, taskDefinition);
    const pin = pinned.get(status.identity);
    runs[status.identity] = {
      ...(taskDefinition === undefined ? {} : { taskDefinition }),
      ...(revision === undefined ? {} : { revision }),
      ...(pin === undefined ? {} : { rolledBack: pin }),
    };
  }
  return runs;
}
