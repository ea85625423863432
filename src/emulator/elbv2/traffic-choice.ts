import type { RegionWorld, StateKey } from '../core/world.ts';

/**
 * The emulated load balancers' choices between target groups and targets, deterministic so that
 * tests can count: smooth weighted round-robin per forward rule (weights 90/10 give exactly 9:1
 * over any 10 requests), then round-robin over a target group's healthy targets.
 */
interface RuleRotation {
  /** The weights the rotation was built for; a change of weights starts it again. */
  readonly signature: string;
  readonly current: Map<string, number>;
}

interface TrafficChoices {
  /** By rule ARN. */
  readonly rotations: Map<string, RuleRotation>;
  /** How many requests each target group (by ARN) has handed to a target. */
  readonly handedOut: Map<string, number>;
}

const TRAFFIC_CHOICES: StateKey<TrafficChoices> = {
  name: 'elbv2-traffic',
  create: () => ({ rotations: new Map(), handedOut: new Map() }),
};

export interface WeightedGroup {
  readonly arn: string;
  readonly weight: number;
}

function rotationOf(
  choices: TrafficChoices,
  ruleArn: string,
  groups: readonly WeightedGroup[],
): RuleRotation {
  const signature = groups.map((group) => `${group.arn}=${group.weight}`).join(',');
  const known = choices.rotations.get(ruleArn);
  if (known?.signature === signature) return known;
  const rotation = { signature, current: new Map(groups.map((group) => [group.arn, 0])) };
  choices.rotations.set(ruleArn, rotation);
  return rotation;
}

/** The next target group of a forward rule; undefined when every weight is 0. */
export function nextTargetGroup(
  world: RegionWorld,
  ruleArn: string,
  groups: readonly WeightedGroup[],
): string | undefined {
  const live = groups.filter((group) => group.weight > 0);
  if (live.length === 0) return undefined;
  const rotation = rotationOf(world.get(TRAFFIC_CHOICES), ruleArn, groups);
  const total = live.reduce((sum, group) => sum + group.weight, 0);
  let chosen: WeightedGroup | undefined;
  for (const group of live) {
    const current = (rotation.current.get(group.arn) ?? 0) + group.weight;
    rotation.current.set(group.arn, current);
    if (chosen === undefined || current > (rotation.current.get(chosen.arn) ?? 0)) chosen = group;
  }
  if (chosen === undefined) return undefined;
  rotation.current.set(chosen.arn, (rotation.current.get(chosen.arn) ?? 0) - total);
  return chosen.arn;
}

/** The next of a target group's healthy targets, in turn. */
export function nextTarget<T>(
  world: RegionWorld,
  targetGroupArn: string,
  healthy: readonly T[],
): T | undefined {
  if (healthy.length === 0) return undefined;
  const handedOut = world.get(TRAFFIC_CHOICES).handedOut;
  const count = handedOut.get(targetGroupArn) ?? 0;
  handedOut.set(targetGroupArn, count + 1);
  return healthy[count % healthy.length];
}
