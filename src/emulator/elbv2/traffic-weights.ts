import { isJsonObject, type JsonObject } from '../core/json.ts';
import type { RegionWorld } from '../core/world.ts';
import { setRuleActions } from './listener-store.ts';
import { ELBV2_STATE, type Elbv2State, type RuleRecord } from './state.ts';

/** A listener rule by its ARN, or a listener's default rule by the listener's ARN (as ECS accepts both). */
function ruleOf(state: Elbv2State, arn: string): RuleRecord | undefined {
  const rule = state.rules.get(arn);
  if (rule !== undefined) return rule;
  const listener = state.listeners.get(arn);
  return listener === undefined ? undefined : state.rules.get(listener.defaultRuleArn);
}

export function listenerRuleExists(world: RegionWorld, arn: string): boolean {
  return ruleOf(world.get(ELBV2_STATE), arn) !== undefined;
}

/**
 * Sets the weights of a rule's forward action, as ECS does while it shifts traffic between a
 * service's two target groups. Other actions of the rule stay as they are.
 */
export function setForwardWeights(
  world: RegionWorld,
  ruleArn: string,
  weights: ReadonlyArray<{ readonly targetGroupArn: string; readonly weight: number }>,
): void {
  const state = world.get(ELBV2_STATE);
  const rule = ruleOf(state, ruleArn);
  if (rule === undefined) return;
  const actions = rule.actions.map((action): JsonObject => {
    if (action.Type !== 'forward') return action;
    const config = isJsonObject(action.ForwardConfig) ? action.ForwardConfig : {};
    const { TargetGroupArn: _single, ...rest } = action;
    return {
      ...rest,
      ForwardConfig: {
        ...config,
        TargetGroups: weights.map((entry) => ({
          TargetGroupArn: entry.targetGroupArn,
          Weight: Math.round(entry.weight),
        })),
      },
    };
  });
  setRuleActions(state, rule, actions);
}
