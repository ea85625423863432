import { AwsError } from '../core/aws-error.ts';
import { InputReader } from '../core/input.ts';
import type { JsonObject, JsonValue } from '../core/json.ts';
import type { ControlAction } from '../core/service.ts';
import type { RegionWorld } from '../core/world.ts';
import { ELBV2_STATE } from './state.ts';
import { setTargetPasses, targetKey } from './targets.ts';

function invalid(message: string): AwsError {
  return new AwsError('InvalidControlInput', message);
}

/**
 * POST /_emulator/elbv2/set-target-health {targetGroupArn, id, port?, healthy}:
 * a target starts passing or failing its checks (an app breaking or
 * recovering); its state follows after the thresholds.
 */
function setTargetHealth(raw: JsonObject, world: RegionWorld, now: number): JsonValue {
  const input = new InputReader(raw, invalid);
  const state = world.get(ELBV2_STATE);
  const arn = input.requiredString('targetGroupArn');
  const targetGroup = state.targetGroups.get(arn);
  if (targetGroup === undefined) throw new AwsError('TargetGroupNotFound', `Target group '${arn}' not found`);
  const id = input.requiredString('id');
  const port = input.number('port') ?? targetGroup.port ?? 0;
  const healthy = input.boolean('healthy');
  if (healthy === undefined) throw invalid('healthy is required');
  const target = targetGroup.targets.get(targetKey(id, port));
  if (target === undefined) throw new AwsError('InvalidTarget', `Target ${id}:${port} is not registered`);
  setTargetPasses(state, targetGroup, target, healthy, now);
  return { id, port, state: target.state, passes: target.passes };
}

export const ELBV2_CONTROL: Readonly<Record<string, ControlAction>> = {
  'set-target-health': setTargetHealth,
};
