import {
  CreateListenerCommand,
  type CreateListenerCommandInput,
  DeleteListenerCommand,
  type Listener,
  ListenerNotFoundException,
  ModifyListenerCommand,
  type ModifyListenerCommandInput,
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
import type { ObservedResource, Provider, ProviderContext } from '../types.ts';
import { actionListRules, normaliseActions } from './actions.ts';
import { listenersOn } from './listing.ts';
import { asList, asObject, toCamel, toPascal } from './member-case.ts';
import { ownedLoadBalancers } from './owned-load-balancers.ts';
import { byParent, matchLive, parentArnOf } from './parent-arn.ts';
import { putTags, tagMapOf, tagsOf } from './resource-tags.ts';

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

function observed(listener: Listener, identity: string, owned: boolean, tags: TagMap): ObservedResource {
  return {
    identity,
    ids: { arn: listener.ListenerArn ?? '' },
    owned,
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
  const { tags: _tags, ...rest } = resolved.value;
  return asObject(toPascal(rest));
}

export const listenerProvider: Provider = {
  kind: 'Listener',
  toSpec: settingsToSpec,
  compare: { lists: { certificates: { key: 'certificateArn' }, ...actionListRules('defaultActions') } },
  replaceOn: ['loadBalancerArn'],

  async observe(manifests, context) {
    const result = new Map<string, ObservedResource>();
    for (const [loadBalancerArn, group] of byParent(manifests, (manifest) =>
      loadBalancerArnOf(manifest, context),
    )) {
      const listeners = await listenersOn(loadBalancerArn, context);
      const tags = await tagsOf(
        listeners.map((listener) => listener.ListenerArn ?? ''),
        context,
      );
      const tagsOfListener = (listener: Listener) => tags.get(listener.ListenerArn ?? '') ?? {};
      const matched = matchLive(
        group,
        listeners,
        (manifest) => String(manifest.spec.port ?? ''),
        (listener) => String(listener.Port ?? ''),
        (listener) => context.ownership.identityOf(tagsOfListener(listener)),
      );
      for (const [manifest, listener] of matched) {
        const owned = context.ownership.identityOf(tagsOfListener(listener)) === manifest.identity;
        result.set(manifest.identity, observed(listener, manifest.identity, owned, tagsOfListener(listener)));
      }
    }
    return result;
  },

  async listOwned(context) {
    const owned: ObservedResource[] = [];
    for (const { arn } of await ownedLoadBalancers(context)) {
      const listeners = await listenersOn(arn, context);
      const tags = await tagsOf(
        listeners.map((listener) => listener.ListenerArn ?? ''),
        context,
      );
      for (const listener of listeners) {
        const listenerTags = tags.get(listener.ListenerArn ?? '') ?? {};
        const identity = context.ownership.identityOf(listenerTags);
        if (identity?.startsWith('Listener/')) owned.push(observed(listener, identity, true, listenerTags));
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
    return { arn: answer.Listeners?.[0]?.ListenerArn ?? '' };
  },

  async update(manifest, desired, live, context) {
    const arn = live.ids.arn ?? '';
    const changed = MODIFIABLE.some((field) => !jsonEqual(desired[field] ?? null, live.state[field] ?? null));
    if (changed) {
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
    await putTags(arn, tagMapOf(desired.tags), tagMapOf(live.state.tags), context);
  },

  async delete(live, context) {
    try {
      await context.aws.elbv2.send(new DeleteListenerCommand({ ListenerArn: live.ids.arn }));
    } catch (error) {
      if (!(error instanceof ListenerNotFoundException)) throw error;
    }
    return 'deleted';
  },
};
