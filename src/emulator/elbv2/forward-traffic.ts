import type { OutgoingResponse } from '../core/http.ts';
import { isJsonObject, type JsonObject } from '../core/json.ts';
import type { RegionWorld } from '../core/world.ts';
import { IMAGE_ANSWERS } from '../ecs/image-answers.ts';
import { taskOfTarget } from '../ecs/target-tasks.ts';
import { ELBV2_STATE, type TargetGroupRecord, type TargetRecord } from './state.ts';
import { nextTarget, nextTargetGroup, type WeightedGroup } from './traffic-choice.ts';

/** What an Application Load Balancer answers itself when a target group has no healthy target. */
const UNAVAILABLE: OutgoingResponse = {
  status: 503,
  headers: { 'content-type': 'text/html', server: 'awselb/2.0' },
  body:
    '<html>\r\n<head><title>503 Service Temporarily Unavailable</title></head>\r\n' +
    '<body>\r\n<center><h1>503 Service Temporarily Unavailable</h1></center>\r\n</body>\r\n</html>\r\n',
};

/** A stored forward action's target groups with their weights (a bare TargetGroupArn weighs 1). */
function weightedGroups(action: JsonObject): WeightedGroup[] {
  const config = isJsonObject(action.ForwardConfig) ? action.ForwardConfig : {};
  const tuples = Array.isArray(config.TargetGroups) ? config.TargetGroups.filter(isJsonObject) : [];
  const groups = tuples.flatMap((tuple) =>
    typeof tuple.TargetGroupArn === 'string'
      ? [{ arn: tuple.TargetGroupArn, weight: typeof tuple.Weight === 'number' ? tuple.Weight : 1 }]
      : [],
  );
  if (groups.length > 0) return groups;
  return typeof action.TargetGroupArn === 'string' ? [{ arn: action.TargetGroupArn, weight: 1 }] : [];
}

/**
 * The target's own answer: for an ECS task, what its image is set to answer (default 200 and a
 * JSON body naming image, task and target group); for a target registered by hand, 200 naming it.
 */
function targetAnswer(
  world: RegionWorld,
  targetGroup: TargetGroupRecord,
  target: TargetRecord,
): OutgoingResponse {
  const headers = { 'x-emulator-target-group': targetGroup.name };
  const task = taskOfTarget(world, targetGroup.arn, target.id, target.port);
  if (task === undefined) {
    const body = { target: `${target.id}:${target.port}`, targetGroup: targetGroup.name };
    return {
      status: 200,
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    };
  }
  const image = task.image ?? '';
  const set = world.get(IMAGE_ANSWERS).get(image);
  const body =
    set?.body ??
    JSON.stringify({ image: task.image ?? null, task: task.taskArn, targetGroup: targetGroup.name });
  const contentType = set?.body === undefined ? 'application/json' : 'text/plain; charset=utf-8';
  return { status: set?.status ?? 200, headers: { ...headers, 'content-type': contentType }, body };
}

/** A forward action: a target group by weight, then one of its healthy targets in turn; none: 503. */
export function forwardRequest(world: RegionWorld, ruleArn: string, action: JsonObject): OutgoingResponse {
  const arn = nextTargetGroup(world, ruleArn, weightedGroups(action));
  const targetGroup = arn === undefined ? undefined : world.get(ELBV2_STATE).targetGroups.get(arn);
  if (targetGroup === undefined) return UNAVAILABLE;
  // AWS sends traffic to every target when all are unhealthy (fail open); the emulator does not, so
  // that a target group without a healthy target is plain to see.
  const healthy = [...targetGroup.targets.values()].filter((target) => target.state === 'healthy');
  const target = nextTarget(world, targetGroup.arn, healthy);
  return target === undefined ? UNAVAILABLE : targetAnswer(world, targetGroup, target);
}
