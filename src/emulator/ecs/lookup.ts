import type { RegionWorld } from '../core/world.ts';
import { addEvent } from './events.ts';
import { setDesiredCount } from './services.ts';
import { ECS_STATE, wakeService } from './state.ts';

/** For Application Auto Scaling: does an ACTIVE service of that name run in that ACTIVE cluster? */
export function ecsServiceExists(world: RegionWorld, clusterName: string, serviceName: string): boolean {
  const cluster = world.get(ECS_STATE).clusters.get(clusterName);
  if (cluster === undefined || cluster.status !== 'ACTIVE') return false;
  return cluster.services.get(serviceName)?.status === 'ACTIVE';
}

/** Sets desiredCount as Application Auto Scaling does, with a service event; ignored for a service not ACTIVE. */
export function setServiceDesiredCount(
  world: RegionWorld,
  clusterName: string,
  serviceName: string,
  desiredCount: number,
  now: number,
): void {
  const state = world.get(ECS_STATE);
  const service = state.clusters.get(clusterName)?.services.get(serviceName);
  if (service === undefined || service.status !== 'ACTIVE' || service.desiredCount === desiredCount) return;
  setDesiredCount(service, desiredCount);
  addEvent(service, now, `desired count changed to ${desiredCount} by Application Auto Scaling.`);
  wakeService(state, service, now);
}
