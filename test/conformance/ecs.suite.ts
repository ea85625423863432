import { clusterConformance } from './ecs/clusters.part.ts';
import { ecsSuite } from './ecs/context.ts';
import { serviceConformance } from './ecs/services.part.ts';
import { tagConformance } from './ecs/tags.part.ts';
import { taskDefinitionConformance } from './ecs/task-definitions.part.ts';
import { taskConformance } from './ecs/tasks.part.ts';
import type { RunningTarget, TargetSpec } from './target.ts';

/** ECS through the real SDK client: shapes, server-side defaults, errors, idempotency, paging and limits. */
export function ecsConformance(spec: TargetSpec, target: () => RunningTarget): void {
  const suite = ecsSuite(spec, target);
  clusterConformance(suite);
  taskDefinitionConformance(suite);
  serviceConformance(suite);
  taskConformance(suite);
  tagConformance(suite);
}
