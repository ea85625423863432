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
import { differentAt, type JsonObject } from '../../diff/index.ts';
import { awsSpecOf } from '../../manifest/controls.ts';
import type { LoadedManifest } from '../../manifest/manifest.ts';
import { retainedIn } from '../ownership.ts';
import { toPlain } from '../plain.ts';
import { pruneEmptyObject } from '../prune-empty.ts';
import { substituteReferences } from '../references.ts';
import { settingsToSpec } from '../spec-helpers.ts';
import { desiredTags, tagMapOf, toUpperTagList } from '../tags.ts';
import type { ObservedResource, Provider, ProviderContext, ResourceIds } from '../types.ts';
import { actionListRules, normaliseActions, withOrders } from './actions.ts';
import { type ChildKind, type FoundChild, findChildren } from './children.ts';
import { type ConditionForms, declaredConditionForms, normaliseConditions } from './conditions.ts';
import { rulesInLook, rulesOn } from './listing.ts';
import { asObject, toCamel, toPascal } from './member-case.ts';
import { listenerArnsForOwnedRules } from './owned-load-balancers.ts';
import { parentArnOf } from './parent-arn.ts';
import { createdWithTags, putTags, releaseTags, tagsOf } from './resource-tags.ts';

const listenerArnOf = (manifest: LoadedManifest, context: ProviderContext) =>
  parentArnOf(manifest, 'listenerRef', 'listenerArn', context);

/** An owned rule no manifest names is only pruned: the form its conditions are compared in does not matter. */
const NO_FORMS: ConditionForms = new Map();

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

function observed({
  identity,
  manifest,
  item: rule,
  parentArn,
  owned,
  tags,
}: FoundChild<Rule>): ObservedResource {
  const forms = manifest === undefined ? NO_FORMS : formsOf(manifest);
  return {
    identity,
    ids: { arn: rule.RuleArn ?? '' },
    owned,
    retained: retainedIn(tags),
    state: { ...normaliseRule(toCamel(toPlain(rule)) as JsonObject, parentArn, forms), tags },
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
  return asObject(toPascal({ conditions: conditions ?? [], actions: withOrders(actions) ?? [] }));
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

/** Rules, by priority on their listener. */
const RULES: ChildKind<Rule> = {
  prefix: 'ListenerRule/',
  arnOf: (rule) => rule.RuleArn ?? '',
  keyOfManifest: (manifest) => String(manifest.spec.priority),
  keyOfLive: (rule) => rule.Priority ?? '',
  parentOf: listenerArnOf,
  listOn: rulesInLook,
};

export const listenerRuleProvider: Provider = {
  kind: 'ListenerRule',
  toSpec: settingsToSpec,
  compare: { lists: { conditions: { key: 'field' }, ...actionListRules('actions') } },
  replaceOn: ['listenerArn'],

  async read({ manifests, everyOwned }, context) {
    const ownedParents = everyOwned ? await listenerArnsForOwnedRules(context) : undefined;
    const found = await findChildren(RULES, manifests, ownedParents, context);
    return new Map(found.map((child) => [child.identity, observed(child)]));
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
      const arn = answer.Rules?.[0]?.RuleArn ?? '';
      createdWithTags(arn, tagMapOf(desired.tags), context);
      return { arn };
    } catch (error) {
      const existing =
        error instanceof PriorityInUseException
          ? await alreadyCreated(manifest, listenerArn, context)
          : undefined;
      if (existing === undefined) throw error;
      return existing;
    }
  },

  async update(manifest, desired, live, delta, context) {
    const arn = live.ids.arn ?? '';
    if (differentAt(delta, 'conditions') || differentAt(delta, 'actions')) {
      const input = { ...apiSpec(manifest, context), RuleArn: arn };
      await context.aws.elbv2.send(new ModifyRuleCommand(input as ModifyRuleCommandInput));
    }
    if (differentAt(delta, 'priority')) {
      await context.aws.elbv2.send(
        new SetRulePrioritiesCommand({
          RulePriorities: [{ RuleArn: arn, Priority: Number(desired.priority) }],
        }),
      );
    }
    await putTags(arn, tagMapOf(desired.tags), tagMapOf(live.state.tags), delta, context);
  },

  release: releaseTags,

  async delete(live, context) {
    try {
      await context.aws.elbv2.send(new DeleteRuleCommand({ RuleArn: live.ids.arn }));
    } catch (error) {
      if (!(error instanceof RuleNotFoundException)) throw error;
    }
    context.tags.forget(live.ids.arn ?? '');
    return 'deleted';
  },
};
