import type { RequestContext } from '../core/context.ts';
import type { JsonObject } from '../core/json.ts';
import { readActions } from './actions.ts';
import { ruleArn } from './arns.ts';
import { readConditions } from './conditions.ts';
import { elbError, validationError } from './errors.ts';
import { deleteRuleRecord, setRuleActions } from './listener-store.ts';
import { listenerOrThrow } from './listeners.ts';
import { loadBalancerOrThrow } from './load-balancers.ts';
import { paginate } from './pagination.ts';
import { objectList, reader, readTags } from './read.ts';
import { ELBV2_STATE, type Elbv2State, type ListenerRecord, type RuleRecord } from './state.ts';
import { checkCreateTags, putTags } from './tags.ts';

/** Rules per listener, the default rule not counted (Application Load Balancer quota). */
const MAX_RULES = 100;

function ruleOrThrow(state: Elbv2State, arn: string): RuleRecord {
  const rule = state.rules.get(arn);
  if (rule === undefined) throw elbError('RuleNotFound', `Rule '${arn}' not found`);
  return rule;
}

function renderRule(rule: RuleRecord): JsonObject {
  return {
    RuleArn: rule.arn,
    Priority: rule.priority === undefined ? 'default' : String(rule.priority),
    Conditions: structuredClone(rule.conditions),
    Actions: structuredClone(rule.actions),
    IsDefault: rule.priority === undefined,
  };
}

/** A listener's rules as AWS lists them: by priority, the default rule last. */
function rulesOf(state: Elbv2State, listener: ListenerRecord): RuleRecord[] {
  const ordered = [...listener.rulesByPriority.entries()]
    .sort(([a], [b]) => a - b)
    .map(([, arn]) => ruleOrThrow(state, arn));
  return [...ordered, ruleOrThrow(state, listener.defaultRuleArn)];
}

export function createRule(raw: JsonObject, context: RequestContext): JsonObject {
  const input = reader(raw);
  const state = context.world.get(ELBV2_STATE);
  const listener = listenerOrThrow(state, input.requiredString('ListenerArn'));
  const loadBalancer = loadBalancerOrThrow(state, listener.loadBalancerArn);
  const priority = input.requiredNumber('Priority', { min: 1, max: 50000 });
  const conditions = readConditions(input);
  const actions = readActions(input, 'Actions', state, loadBalancer);
  const tags = input.has('Tags') ? readTags(input) : [];
  checkCreateTags(tags);
  if (listener.rulesByPriority.has(priority))
    throw elbError('PriorityInUse', `Priority '${priority}' is currently in use`);
  if (listener.rulesByPriority.size >= MAX_RULES)
    throw elbError('TooManyRules', `A listener can have at most ${MAX_RULES} rules`);
  const rule: RuleRecord = {
    arn: ruleArn(listener.arn),
    listenerArn: listener.arn,
    priority,
    conditions,
    actions: [],
  };
  state.rules.set(rule.arn, rule);
  listener.rulesByPriority.set(priority, rule.arn);
  setRuleActions(state, rule, actions);
  state.tags.set(rule.arn, new Map());
  putTags(state, rule.arn, tags);
  return { Rules: [renderRule(rule)] };
}

export function describeRules(raw: JsonObject, context: RequestContext): JsonObject {
  const input = reader(raw);
  const state = context.world.get(ELBV2_STATE);
  const listenerArn = input.string('ListenerArn');
  const arns = input.stringArray('RuleArns') ?? [];
  let selected: RuleRecord[];
  if (arns.length > 0 && listenerArn !== undefined) {
    throw validationError('Rule ARNs and a listener ARN cannot be specified at the same time');
  }
  if (arns.length > 0) selected = arns.map((arn) => ruleOrThrow(state, arn));
  else if (listenerArn !== undefined) selected = rulesOf(state, listenerOrThrow(state, listenerArn));
  else throw validationError('You must specify either listener ARNs or rule ARNs');
  const page = paginate(selected, input);
  return { Rules: page.items.map(renderRule), NextMarker: page.nextMarker };
}

export function modifyRule(raw: JsonObject, context: RequestContext): JsonObject {
  const input = reader(raw);
  const state = context.world.get(ELBV2_STATE);
  const rule = ruleOrThrow(state, input.requiredString('RuleArn'));
  const listener = listenerOrThrow(state, rule.listenerArn);
  const loadBalancer = loadBalancerOrThrow(state, listener.loadBalancerArn);
  if (rule.priority === undefined && input.has('Conditions')) {
    throw elbError('OperationNotPermitted', 'The conditions of a default rule cannot be modified');
  }
  const conditions = input.has('Conditions') ? readConditions(input) : undefined;
  const actions = input.has('Actions') ? readActions(input, 'Actions', state, loadBalancer) : undefined;
  if (conditions !== undefined) rule.conditions = conditions;
  if (actions !== undefined) setRuleActions(state, rule, actions);
  return { Rules: [renderRule(rule)] };
}

export function deleteRule(raw: JsonObject, context: RequestContext): JsonObject {
  const input = reader(raw);
  const state = context.world.get(ELBV2_STATE);
  const rule = ruleOrThrow(state, input.requiredString('RuleArn'));
  if (rule.priority === undefined)
    throw elbError('OperationNotPermitted', 'A default rule cannot be deleted');
  deleteRuleRecord(state, rule.arn);
  return {};
}

export function setRulePriorities(raw: JsonObject, context: RequestContext): JsonObject {
  const input = reader(raw);
  const state = context.world.get(ELBV2_STATE);
  const pairs = objectList(input, 'RulePriorities').map((pair) => {
    const entry = reader(pair);
    const rule = ruleOrThrow(state, entry.requiredString('RuleArn'));
    if (rule.priority === undefined)
      throw elbError('OperationNotPermitted', 'The priority of a default rule cannot be changed');
    return { rule, priority: entry.requiredNumber('Priority', { min: 1, max: 50000 }) };
  });
  if (pairs.length === 0) throw validationError('RulePriorities is required');
  const moving = new Set(pairs.map((pair) => pair.rule.arn));
  const claimed = new Set<string>();
  for (const { rule, priority } of pairs) {
    const listener = listenerOrThrow(state, rule.listenerArn);
    const holder = listener.rulesByPriority.get(priority);
    const key = `${listener.arn}#${priority}`;
    if ((holder !== undefined && !moving.has(holder)) || claimed.has(key)) {
      throw elbError('PriorityInUse', `Priority '${priority}' is currently in use`);
    }
    claimed.add(key);
  }
  for (const { rule } of pairs)
    listenerOrThrow(state, rule.listenerArn).rulesByPriority.delete(rule.priority as number);
  for (const { rule, priority } of pairs) {
    rule.priority = priority;
    listenerOrThrow(state, rule.listenerArn).rulesByPriority.set(priority, rule.arn);
  }
  return { Rules: pairs.map(({ rule }) => renderRule(rule)) };
}
