import type { RegionWorld } from '../core/world.ts';
import { ELBV2_STATE, type Elbv2State, type TargetGroupRecord, type TargetRecord } from './state.ts';

/**
 * Target registration and health on the emulator's clock, and the contract
 * ECS uses for the tasks of services with load balancers. A target starts
 * `initial`; after HealthyThresholdCount × interval it is `healthy`, or after
 * UnhealthyThresholdCount × interval `unhealthy` when it fails its checks.
 * A deregistered target drains for deregistration_delay.timeout_seconds.
 */
export type TaskTargetHealth = 'initial' | 'healthy' | 'unhealthy' | 'draining' | 'unused';

export function targetKey(id: string, port: number): string {
  return `${id}:${port}`;
}

function schedule(state: Elbv2State, targetGroup: TargetGroupRecord, target: TargetRecord, at: number): void {
  target.changeAt = at;
  state.changing.add(targetGroup.arn);
  state.nextChangeAt = Math.min(state.nextChangeAt, at);
}

function checksUntil(targetGroup: TargetGroupRecord, passes: boolean, now: number): number {
  const check = targetGroup.healthCheck;
  return now + (passes ? check.healthyThreshold : check.unhealthyThreshold) * check.intervalSeconds * 1000;
}

export function registerTarget(
  state: Elbv2State,
  targetGroup: TargetGroupRecord,
  target: { id: string; port: number; availabilityZone: string | undefined; passes: boolean },
  now: number,
): void {
  const key = targetKey(target.id, target.port);
  const existing = targetGroup.targets.get(key);
  if (existing !== undefined && existing.state !== 'draining') {
    setTargetPasses(state, targetGroup, existing, target.passes, now);
    return;
  }
  const record: TargetRecord = {
    id: target.id,
    port: target.port,
    availabilityZone: target.availabilityZone,
    passes: target.passes,
    state: 'initial',
    registeredAt: now,
    changeAt: undefined,
  };
  targetGroup.targets.set(key, record);
  schedule(state, targetGroup, record, checksUntil(targetGroup, target.passes, now));
}

/** Makes a target start passing or failing its health checks; the state follows after the thresholds. */
export function setTargetPasses(
  state: Elbv2State,
  targetGroup: TargetGroupRecord,
  target: TargetRecord,
  passes: boolean,
  now: number,
): void {
  if (target.passes === passes || target.state === 'draining') return;
  target.passes = passes;
  schedule(state, targetGroup, target, checksUntil(targetGroup, passes, now));
}

export function deregisterTarget(
  state: Elbv2State,
  targetGroup: TargetGroupRecord,
  key: string,
  now: number,
): void {
  const target = targetGroup.targets.get(key);
  if (target === undefined || target.state === 'draining') return;
  const delaySeconds = Number(targetGroup.attributes.get('deregistration_delay.timeout_seconds') ?? '300');
  if (delaySeconds <= 0) {
    targetGroup.targets.delete(key);
    return;
  }
  target.state = 'draining';
  schedule(state, targetGroup, target, now + delaySeconds * 1000);
}

/** The tick: ends every state whose time has come. Cheap when nothing is due. */
export function advanceTargets(state: Elbv2State, now: number): void {
  if (now < state.nextChangeAt) return;
  let next = Number.POSITIVE_INFINITY;
  for (const arn of [...state.changing]) {
    const targetGroup = state.targetGroups.get(arn);
    let pending = false;
    for (const [key, target] of targetGroup?.targets ?? []) {
      if (target.changeAt === undefined) continue;
      if (target.changeAt <= now) {
        if (target.state === 'draining') {
          targetGroup?.targets.delete(key);
          continue;
        }
        target.state = target.passes ? 'healthy' : 'unhealthy';
        target.changeAt = undefined;
        continue;
      }
      pending = true;
      next = Math.min(next, target.changeAt);
    }
    if (!pending) state.changing.delete(arn);
  }
  state.nextChangeAt = next;
}

export function inUse(targetGroup: TargetGroupRecord): boolean {
  return targetGroup.usedBy.size > 0;
}

// ---- The contract for ECS (see the emulator context): plain functions over a region's world.

export function targetGroupExists(world: RegionWorld, targetGroupArn: string): boolean {
  return world.get(ELBV2_STATE).targetGroups.has(targetGroupArn);
}

export function targetGroupPort(world: RegionWorld, targetGroupArn: string): number | undefined {
  return world.get(ELBV2_STATE).targetGroups.get(targetGroupArn)?.port;
}

/** Registers an ip target; `healthy: false` makes it fail its health checks. Unknown target groups are ignored. */
export function registerTaskTarget(
  world: RegionWorld,
  targetGroupArn: string,
  target: { id: string; port: number; healthy: boolean },
  now: number,
): void {
  const state = world.get(ELBV2_STATE);
  const targetGroup = state.targetGroups.get(targetGroupArn);
  if (targetGroup === undefined) return;
  registerTarget(
    state,
    targetGroup,
    { id: target.id, port: target.port, availabilityZone: undefined, passes: target.healthy },
    now,
  );
}

export function deregisterTaskTarget(
  world: RegionWorld,
  targetGroupArn: string,
  id: string,
  port: number,
  now: number,
): void {
  const state = world.get(ELBV2_STATE);
  const targetGroup = state.targetGroups.get(targetGroupArn);
  if (targetGroup !== undefined) deregisterTarget(state, targetGroup, targetKey(id, port), now);
}

/** undefined when the target group or the target is unknown (or has finished draining). */
export function taskTargetHealth(
  world: RegionWorld,
  targetGroupArn: string,
  id: string,
  port: number,
): TaskTargetHealth | undefined {
  const targetGroup = world.get(ELBV2_STATE).targetGroups.get(targetGroupArn);
  const target = targetGroup?.targets.get(targetKey(id, port));
  if (targetGroup === undefined || target === undefined) return undefined;
  if (target.state !== 'draining' && !inUse(targetGroup)) return 'unused';
  return target.state;
}
