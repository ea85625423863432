import { isJsonObject, type JsonObject } from '../core/json.ts';
import type { RegionWorld } from '../core/world.ts';
import { ECS_STATE, type EcsService, type Task } from './state.ts';

/** The task behind a load balancer target, for the emulated load balancers' HTTP traffic. */
export interface TargetTask {
  readonly taskArn: string;
  /** The image of the container the service's `loadBalancers` entry names. */
  readonly image: string | undefined;
}

function servesTargetGroup(loadBalancer: JsonObject, targetGroupArn: string, port: number): boolean {
  if (Number(loadBalancer.containerPort) !== port) return false;
  const advanced = isJsonObject(loadBalancer.advancedConfiguration) ? loadBalancer.advancedConfiguration : {};
  return (
    loadBalancer.targetGroupArn === targetGroupArn || advanced.alternateTargetGroupArn === targetGroupArn
  );
}

function imageOf(
  task: Task,
  service: EcsService | undefined,
  targetGroupArn: string,
  port: number,
): string | undefined {
  const entry = service?.config.loadBalancers.find((candidate) =>
    servesTargetGroup(candidate, targetGroupArn, port),
  );
  const containerName = entry?.containerName;
  return task.containers.find((container) => container.name === containerName)?.image;
}

/** The task registered as `ip:port` in the target group, if an ECS service put it there. */
export function taskOfTarget(
  world: RegionWorld,
  targetGroupArn: string,
  ip: string,
  port: number,
): TargetTask | undefined {
  const state = world.get(ECS_STATE);
  for (const task of state.tasks.values()) {
    if (task.privateIp !== ip) continue;
    const registered = task.targets.some(
      (target) => target.targetGroupArn === targetGroupArn && target.port === port,
    );
    if (!registered) continue;
    const service =
      task.serviceName === undefined
        ? undefined
        : state.clusters.get(task.clusterName)?.services.get(task.serviceName);
    return { taskArn: task.arn, image: imageOf(task, service, targetGroupArn, port) };
  }
  return undefined;
}
