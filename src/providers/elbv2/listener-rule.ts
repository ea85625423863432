import {
  CreateRuleCommand,
  type CreateRuleCommandInput,
  DeleteRuleCommand,
  ModifyRuleCommand,
  type ModifyRuleCommandInput,
  PriorityInUseException,
  type Rule,
  RuleNotFoundException,
  SetRulePrioritiesCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { awsSpecOf } from '../../converge/controls.ts';
import type { JsonObject } from '../../diff/index.ts';
import { jsonEqual } from '../../diff/json.ts';
import type { LoadedManifest } from '../../manifest/manifest.ts';
import { toPlain } from '../plain.ts';
import { pruneEmptyObject } from '../prune-empty.ts';
import { substituteReferences } from '../references.ts';
import { settingsToSpec } from '../spec-helpers.ts';
import { desiredTags, type TagMap, toUpperTagList } from '../tags.ts';
import type { ObservedResource, Provider, ProviderContext, ResourceIds } from '../types.ts';
import { actionListRules, normaliseActions } from './actions.ts';
import { type ConditionForms, declaredConditionForms, normaliseConditions } from './conditions.ts';
import { listenersOn, rulesOn } from './listing.ts';
import { asObject, toCamel, toPascal } from './member-case.ts';
import { ownedLoadBalancers } from './owned-load-balancers.ts';
import { byParent, matchLive, parentArnOf } from './parent-arn.ts';
import { putTags, tagMapOf, tagsOf } from './resource-tags.ts';

const listenerArnOf = (manifest: LoadedManifest, context: ProviderContext) =>
  parentArnOf(manifest, 'listenerRef', 'listenerArn', context);

const formsOf = (manifest: LoadedManifest): ConditionForms =>
  declaredConditionForms(toPlain(manifest.spec.conditions ?? []));

/** A rule in one form, from the spec (references resolved) or from AWS's answer in spec form. */
function normaliseRule(rule: JsonObject, listenerArn: string, forms: ConditionForms): JsonObject {
  return pruneEmptyObject({
    listenerArn,
    priority: Number(rule.priority),
    conditions: normaliseConditions(rule.conditions, forms),
    actions: normaliseActions(rule.actions),
  });
}

function observed(
  rule: Rule,
  listenerArn: string,
  identity: string,
  owned: boolean,
  forms: ConditionForms,
  tags: TagMap,
): ObservedResource {
  return {
    identity,
    ids: { arn: rule.RuleArn ?? '' },
    owned,
    state: { ...normaliseRule(toCamel(toPlain(rule)) as JsonObject, listenerArn, forms), tags },
    health: { health: 'Healthy' },
    detail: rule,
  };
}

/** Conditions and actions as AWS takes them: references resolved, members in the API's case. */
function apiSpec(manifest: LoadedManifest, context: ProviderContext): JsonObject {
  const resolved = substituteReferences(
    toPlain(awsSpecOf(manifest)) as JsonObject,
    manifest,
    context.resolver,
  );
  if (!resolved.ok) throw new Error(`${manifest.identity}: ${resolved.waitingFor} has no ARN yet`);
  const { conditions, actions } = resolved.value;
  return asObject(toPascal({ conditions: conditions ?? [], actions: actions ?? [] }));
}

/** After a lost answer to CreateRule: the rule this manifest made at its priority, if that is what holds it. */
async function alreadyCreated(
  manifest: LoadedManifest,
  listenerArn: string,
  context: ProviderContext,
): Promise<ResourceIds | undefined> {
  const rule = (await rulesOn(listenerArn, context)).find(
    (candidate) => candidate.Priority === String(manifest.spec.priority),
  );
  if (rule?.RuleArn === undefined) return undefined;
  const tags = (await tagsOf([rule.RuleArn], context)).get(rule.RuleArn) ?? {};
  return context.ownership.identityOf(tags) === manifest.identity ? { arn: rule.RuleArn } : undefined;
}

export const listenerRuleProvider: Provider = {
  kind: 'ListenerRule',
  toSpec: settingsToSpec,
  compare: { lists: { conditions: { key: 'field' }, ...actionListRules('actions') } },
  replaceOn: ['listenerArn'],

  async observe(manifests, context) {
    const result = new Map<string, ObservedResource>();
    for (const [listenerArn, group] of byParent(manifests, (manifest) => listenerArnOf(manifest, context))) {
      const rules = await rulesOn(listenerArn, context);
      const tags = await tagsOf(
        rules.map((rule) => rule.RuleArn ?? ''),
        context,
      );
      const tagsOfRule = (rule: Rule) => tags.get(rule.RuleArn ?? '') ?? {};
      const matched = matchLive(
        group,
        rules,
        (manifest) => String(manifest.spec.priority),
        (rule) => rule.Priority ?? '',
        (rule) => context.ownership.identityOf(tagsOfRule(rule)),
      );
      for (const [manifest, rule] of matched) {
        const owned = context.ownership.identityOf(tagsOfRule(rule)) === manifest.identity;
        result.set(
          manifest.identity,
          observed(rule, listenerArn, manifest.identity, owned, formsOf(manifest), tagsOfRule(rule)),
        );
      }
    }
    return result;
  },

  async listOwned(context) {
    const owned: ObservedResource[] = [];
    for (const { arn } of await ownedLoadBalancers(context)) {
      const listeners = await listenersOn(arn, context);
      for (const listener of listeners) {
        const listenerArn = listener.ListenerArn ?? '';
        const rules = await rulesOn(listenerArn, context);
        const tags = await tagsOf(
          rules.map((rule) => rule.RuleArn ?? ''),
          context,
        );
        for (const rule of rules) {
          const ruleTags = tags.get(rule.RuleArn ?? '') ?? {};
          const identity = context.ownership.identityOf(ruleTags);
          if (identity?.startsWith('ListenerRule/'))
            owned.push(observed(rule, listenerArn, identity, true, new Map(), ruleTags));
        }
      }
    }
    return owned;
  },

  desired(manifest, context) {
    const resolved = substituteReferences(
      toPlain(awsSpecOf(manifest)) as JsonObject,
      manifest,
      context.resolver,
    );
    if (!resolved.ok) return resolved;
    const listenerArn = String(resolved.value.listenerArn ?? '');
    return {
      ok: true,
      state: {
        ...normaliseRule(resolved.value, listenerArn, formsOf(manifest)),
        tags: desiredTags(manifest, context.ownership),
      },
    };
  },

  async create(manifest, desired, context) {
    const listenerArn = String(desired.listenerArn);
    const input = {
      ...apiSpec(manifest, context),
      ListenerArn: listenerArn,
      Priority: Number(desired.priority),
      Tags: toUpperTagList(tagMapOf(desired.tags)),
    };
    try {
      const answer = await context.aws.elbv2.send(new CreateRuleCommand(input as CreateRuleCommandInput));
      return { arn: answer.Rules?.[0]?.RuleArn ?? '' };
    } catch (error) {
      const existing =
        error instanceof PriorityInUseException
          ? await alreadyCreated(manifest, listenerArn, context)
          : undefined;
      if (existing === undefined) throw error;
      return existing;
    }
  },

  async update(manifest, desired, live, context) {
    const arn = live.ids.arn ?? '';
    if (
      !jsonEqual(desired.conditions ?? null, live.state.conditions ?? null) ||
      !jsonEqual(desired.actions ?? null, live.state.actions ?? null)
    ) {
      const input = { ...apiSpec(manifest, context), RuleArn: arn };
      await context.aws.elbv2.send(new ModifyRuleCommand(input as ModifyRuleCommandInput));
    }
    if (desired.priority !== live.state.priority) {
      await context.aws.elbv2.send(
        new SetRulePrioritiesCommand({
          RulePriorities: [{ RuleArn: arn, Priority: Number(desired.priority) }],
        }),
      );
    }
    await putTags(arn, tagMapOf(desired.tags), tagMapOf(live.state.tags), context);
  },

  async delete(live, context) {
    try {
      await context.aws.elbv2.send(new DeleteRuleCommand({ RuleArn: live.ids.arn }));
    } catch (error) {
      if (!(error instanceof RuleNotFoundException)) throw error;
    }
    return 'deleted';
  },
};
