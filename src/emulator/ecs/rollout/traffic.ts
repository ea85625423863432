import { isJsonObject, type JsonObject } from '../../core/json.ts';
import type { RegionWorld } from '../../core/world.ts';
import { setForwardWeights } from '../neighbours.ts';
import type { EcsService } from '../state.ts';
import type { ServiceDeploymentRecord } from './state.ts';

/** Writes a deployment's production and test weights to its listener rules' forward actions. */
export function applyWeights(world: RegionWorld, record: ServiceDeploymentRecord): void {
  for (const route of record.routes) {
    const rules = [
      [route.productionListenerRule, record.productionWeight],
      [route.testListenerRule, record.testWeight],
    ] as const;
    for (const [rule, green] of rules) {
      if (rule === undefined) continue;
      setForwardWeights(world, rule, [
        { targetGroupArn: route.blueTargetGroupArn, weight: 100 - green },
        { targetGroupArn: route.greenTargetGroupArn, weight: green },
      ]);
    }
  }
}

/** The target group a task of `deploymentId` registers in for one of the service's load balancers. */
export function targetGroupForTask(
  service: EcsService,
  deploymentId: string | undefined,
  loadBalancer: JsonObject,
): string {
  const configured = String(loadBalancer.targetGroupArn);
  const rollout = service.rollout;
  if (rollout === undefined || !isJsonObject(loadBalancer.advancedConfiguration)) return configured;
  const record = rollout.deployments[0];
  if (record?.shifting === true && record.target.id === deploymentId) {
    const route = record.routes.find((candidate) => candidate.configuredTargetGroupArn === configured);
    if (route !== undefined) return route.greenTargetGroupArn;
  }
  return rollout.productionTargetGroup.get(configured) ?? configured;
}
