import type { RegionWorld } from '../core/world.ts';
import { idOf } from './ids.ts';
import { CLOUD_MAP, type DiscoveryService } from './state.ts';

/**
 * What ECS uses to register a service's tasks in Cloud Map (serviceRegistries).
 * Registration takes effect at once; the public API wraps the same changes in
 * operations that complete on the clock.
 */

function serviceOf(world: RegionWorld, registryArn: string): DiscoveryService | undefined {
  return world.get(CLOUD_MAP).services.get(idOf(registryArn));
}

export function discoveryServiceExists(world: RegionWorld, registryArn: string): boolean {
  return serviceOf(world, registryArn) !== undefined;
}

export function registerTaskInstance(
  world: RegionWorld,
  registryArn: string,
  instanceId: string,
  attributes: Record<string, string>,
  _now: number,
): void {
  serviceOf(world, registryArn)?.instances.set(instanceId, {
    id: instanceId,
    attributes: { ...attributes },
    creatorRequestId: undefined,
  });
}

export function deregisterTaskInstance(
  world: RegionWorld,
  registryArn: string,
  instanceId: string,
  _now: number,
): void {
  serviceOf(world, registryArn)?.instances.delete(instanceId);
}
