import type { JsonObject } from '../core/json.ts';
import { forwardedTargetGroups } from './actions.ts';
import type { Elbv2State, RuleRecord } from './state.ts';

/**
 * Record-level changes of listeners and rules that keep the indexes right:
 * each target group's `usedBy` (its LoadBalancerArns and the ResourceInUse
 * check) and each listener's priority index.
 */
function loadBalancerOfRule(state: Elbv2State, rule: RuleRecord): string | undefined {
  return state.listeners.get(rule.listenerArn)?.loadBalancerArn;
}

function unlinkActions(state: Elbv2State, rule: RuleRecord): void {
  for (const arn of forwardedTargetGroups(rule.actions)) state.targetGroups.get(arn)?.usedBy.delete(rule.arn);
}

export function setRuleActions(state: Elbv2State, rule: RuleRecord, actions: JsonObject[]): void {
  unlinkActions(state, rule);
  rule.actions = actions;
  const loadBalancerArn = loadBalancerOfRule(state, rule);
  if (loadBalancerArn === undefined) return;
  for (const arn of forwardedTargetGroups(actions))
    state.targetGroups.get(arn)?.usedBy.set(rule.arn, loadBalancerArn);
}

export function deleteRuleRecord(state: Elbv2State, ruleArn: string): void {
  const rule = state.rules.get(ruleArn);
  if (rule === undefined) return;
  unlinkActions(state, rule);
  const listener = state.listeners.get(rule.listenerArn);
  if (listener !== undefined && rule.priority !== undefined) listener.rulesByPriority.delete(rule.priority);
  state.rules.delete(ruleArn);
  state.tags.delete(ruleArn);
}

export function deleteListenerRecord(state: Elbv2State, listenerArn: string): void {
  const listener = state.listeners.get(listenerArn);
  if (listener === undefined) return;
  for (const ruleArn of [...listener.rulesByPriority.values()]) deleteRuleRecord(state, ruleArn);
  deleteRuleRecord(state, listener.defaultRuleArn);
  state.loadBalancers.get(listener.loadBalancerArn)?.listenerArns.delete(listenerArn);
  state.listeners.delete(listenerArn);
  state.tags.delete(listenerArn);
}
