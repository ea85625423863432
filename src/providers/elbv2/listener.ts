import {
  CreateListenerCommand,
  type CreateListenerCommandInput,
  DeleteListenerCommand,
  type Listener,
  ListenerNotFoundException,
  ModifyListenerCommand,
  type ModifyListenerCommandInput,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { differentAt, type JsonObject } from '../../diff/index.ts';
import { awsSpecOf } from '../../manifest/controls.ts';
import type { LoadedManifest } from '../../manifest/manifest.ts';
import { ForeignChildrenError } from '../foreign-children.ts';
import { retainedIn } from '../ownership.ts';
import { toPlain } from '../plain.ts';
import { pruneEmptyObject } from '../prune-empty.ts';
import { substituteReferences } from '../references.ts';
import { settingsToSpec } from '../spec-helpers.ts';
import { desiredTags, tagMapOf, toUpperTagList } from '../tags.ts';
import type { ObservedResource, Provider, ProviderContext } from '../types.ts';
import { actionListRules, normaliseActions, withOrders } from './actions.ts';
import { type ChildKind, type FoundChild, findChildren } from './children.ts';
import { listenersInLook, rulesOn } from './listing.ts';
import { asList, asObject, toCamel, toPascal } from './member-case.ts';
import { ownedLoadBalancerArns } from './owned-load-balancers.ts';
import { parentArnOf } from './parent-arn.ts';
import { createdWithTags, putTags, releaseTags, unownedOf } from './resource-tags.ts';

/** The policy AWS gives an HTTPS or TLS listener created without one. */
export const DEFAULT_SSL_POLICY = 'ELBSecurityPolicy-TLS13-1-2-2021-06';
const SECURE = new Set(['HTTPS', 'TLS']);
/** The members ModifyListener takes besides the ARN. */
const MODIFIABLE = ['protocol', 'port', 'sslPolicy', 'certificates', 'alpnPolicy', 'defaultActions'] as const;

const loadBalancerArnOf = (manifest: LoadedManifest, context: ProviderContext) =>
  parentArnOf(manifest, 'loadBalancerRef', 'loadBalancerArn', context);

/** The listener settings in one form, from the spec (references resolved) or from AWS's answer in spec form. */
function normaliseListener(listener: JsonObject): JsonObject {
  const protocol = typeof listener.protocol === 'string' ? listener.protocol : undefined;
  const secure = protocol !== undefined && SECURE.has(protocol);
  const certificates = asList(listener.certificates)
    .map((certificate) => ({ certificateArn: asObject(certificate).certificateArn ?? null }))
    .sort((a, b) => String(a.certificateArn).localeCompare(String(b.certificateArn)));
  // AWS reports a TLS listener without ALPN as ["None"].
  const alpnPolicy = asList(listener.alpnPolicy).filter((policy) => policy !== 'None');
  return pruneEmptyObject({
    loadBalancerArn: listener.loadBalancerArn,
    protocol,
    port: listener.port,
    sslPolicy: secure ? (listener.sslPolicy ?? DEFAULT_SSL_POLICY) : undefined,
    certificates: secure ? certificates : undefined,
    alpnPolicy,
    defaultActions: normaliseActions(listener.defaultActions),
  });
}

function observed({ identity, item: listener, owned, tags }: FoundChild<Listener>): ObservedResource {
  return {
    identity,
    ids: { arn: listener.ListenerArn ?? '' },
    owned,
    retained: retainedIn(tags),
    state: { ...normaliseListener(toCamel(toPlain(listener)) as JsonObject), tags },
    health: { health: 'Healthy' },
    detail: listener,
  };
}

/** The spec as AWS takes it: references resolved, members in the API's case. */
function apiSpec(manifest: LoadedManifest, context: ProviderContext): JsonObject {
  const spec = toPlain(awsSpecOf(manifest)) as JsonObject;
  const resolved = substituteReferences(spec, manifest, context.resolver);
  if (!resolved.ok) throw new Error(`${manifest.identity}: ${resolved.waitingFor} has no ARN yet`);
  const { tags: _tags, defaultActions, ...rest } = resolved.value;
  const actions = withOrders(defaultActions);
  return asObject(toPascal(actions === undefined ? rest : { ...rest, defaultActions: actions }));
}

/** Listeners, by port on their load balancer. */
const LISTENERS: ChildKind<Listener> = {
  prefix: 'Listener/',
  arnOf: (listener) => listener.ListenerArn ?? '',
  keyOfManifest: (manifest) => String(manifest.spec.port ?? ''),
  keyOfLive: (listener) => String(listener.Port ?? ''),
  parentOf: loadBalancerArnOf,
  listOn: listenersInLook,
};

export const listenerProvider: Provider = {
  kind: 'Listener',
  toSpec: settingsToSpec,
  compare: { lists: { certificates: { key: 'certificateArn' }, ...actionListRules('defaultActions') } },
  replaceOn: ['loadBalancerArn'],

  async read({ manifests, everyOwned }, context) {
    const ownedParents = everyOwned ? await ownedLoadBalancerArns(context) : undefined;
    const found = await findChildren(LISTENERS, manifests, ownedParents, context);
    return new Map(found.map((child) => [child.identity, observed(child)]));
  },

  desired(manifest, context) {
    const resolved = substituteReferences(
      toPlain(awsSpecOf(manifest)) as JsonObject,
      manifest,
      context.resolver,
    );
    if (!resolved.ok) return resolved;
    return {
      ok: true,
      state: { ...normaliseListener(resolved.value), tags: desiredTags(manifest, context.ownership) },
    };
  },

  async create(manifest, desired, context) {
    const input = { ...apiSpec(manifest, context), Tags: toUpperTagList(tagMapOf(desired.tags)) };
    const answer = await context.aws.elbv2.send(
      new CreateListenerCommand(input as CreateListenerCommandInput),
    );
    const arn = answer.Listeners?.[0]?.ListenerArn ?? '';
    createdWithTags(arn, tagMapOf(desired.tags), context);
    return { arn };
  },

  async update(manifest, desired, live, delta, context) {
    const arn = live.ids.arn ?? '';
    if (MODIFIABLE.some((field) => differentAt(delta, field))) {
      const alpnPolicy = desired.alpnPolicy ?? (live.state.alpnPolicy === undefined ? undefined : ['None']);
      const input = asObject(
        toPascal(
          pruneEmptyObject({
            port: desired.port,
            protocol: desired.protocol,
            sslPolicy: desired.sslPolicy,
            certificates: desired.certificates,
            alpnPolicy,
          }),
        ),
      );
      // The actions as written: an authenticate action's client secret is in the spec only.
      input.DefaultActions = apiSpec(manifest, context).DefaultActions;
      await context.aws.elbv2.send(
        new ModifyListenerCommand({ ...input, ListenerArn: arn } as ModifyListenerCommandInput),
      );
    }
    await putTags(arn, tagMapOf(desired.tags), tagMapOf(live.state.tags), delta, context);
  },

  release: releaseTags,

  /** Deleting a listener deletes its rules: only when none is another's. */
  async delete(live, context) {
    const rules = await rulesOn(live.ids.arn ?? '', context).catch((error: unknown) => {
      if (error instanceof ListenerNotFoundException) return [];
      throw error;
    });
    const foreign = (await unownedOf(rules, (rule) => rule.RuleArn, context)).map(
      (rule) => `priority ${rule.Priority ?? '?'}`,
    );
    if (foreign.length > 0) throw new ForeignChildrenError(live.identity, 'rule(s)', foreign);
    try {
      await context.aws.elbv2.send(new DeleteListenerCommand({ ListenerArn: live.ids.arn }));
    } catch (error) {
      if (!(error instanceof ListenerNotFoundException)) throw error;
    }
    context.tags.forget(live.ids.arn ?? '');
    return 'deleted';
  },
};
