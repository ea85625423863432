import {
  CreateHttpNamespaceCommand,
  CreatePrivateDnsNamespaceCommand,
  CreatePublicDnsNamespaceCommand,
  DeleteNamespaceCommand,
  GetNamespaceCommand,
  ListNamespacesCommand,
  type NamespaceSummary,
  UpdateHttpNamespaceCommand,
  UpdatePrivateDnsNamespaceCommand,
  UpdatePublicDnsNamespaceCommand,
} from '@aws-sdk/client-servicediscovery';
import { awsSpecOf } from '../../converge/controls.ts';
import { type JsonObject, jsonEqual } from '../../diff/index.ts';
import type { DnsNamespaceSpec } from '../../manifest/generated/types.ts';
import type { LoadedManifest } from '../../manifest/manifest.ts';
import { isErrorCode } from '../aws-error.ts';
import { paged } from '../batch.ts';
import { idempotencyToken } from '../idempotency.ts';
import { settingsToSpec } from '../spec-helpers.ts';
import { desiredTags, type TagMap, toUpperTagList } from '../tags.ts';
import type { ObservedResource, Provider, ProviderContext, ResourceIds } from '../types.ts';
import { requireSucceeded } from './operation.ts';
import { cloudMapTags, convergeCloudMapTags } from './tags.ts';

/** The SOA TTL Cloud Map gives a DNS namespace created without one. */
const DEFAULT_SOA_TTL = 15;
/** Earlier requests of this resource whose namespace is gone: a new CreatorRequestId each. */
const MAX_REQUEST_ATTEMPTS = 5;

const specOf = (manifest: LoadedManifest): DnsNamespaceSpec =>
  awsSpecOf(manifest) as unknown as DnsNamespaceSpec;
const nameOf = (manifest: LoadedManifest): string => specOf(manifest).name ?? manifest.metadata.name;

/**
 * `vpc` is not in the state: Cloud Map does not return a namespace's VPC (it
 * is on the Route 53 hosted zone), so it could only ever look like drift.
 */
function desiredState(manifest: LoadedManifest, tags: TagMap): JsonObject {
  const spec = specOf(manifest);
  return {
    name: nameOf(manifest),
    type: spec.type,
    description: spec.description ?? '',
    ...(spec.type === 'HTTP'
      ? {}
      : {
          properties: {
            dnsProperties: { sOA: { tTL: spec.properties?.dnsProperties.sOA.tTL ?? DEFAULT_SOA_TTL } },
          },
        }),
    tags,
  };
}

function project(namespace: NamespaceSummary, tags: TagMap): JsonObject {
  const ttl = namespace.Properties?.DnsProperties?.SOA?.TTL;
  return {
    name: namespace.Name ?? '',
    type: namespace.Type ?? '',
    description: namespace.Description ?? '',
    ...(namespace.Type === 'HTTP'
      ? {}
      : { properties: { dnsProperties: { sOA: { tTL: ttl ?? DEFAULT_SOA_TTL } } } }),
    tags,
  };
}

async function observed(
  namespace: NamespaceSummary,
  identity: string | undefined,
  context: ProviderContext,
): Promise<ObservedResource | undefined> {
  const tags = await cloudMapTags(namespace.Arn ?? '', context);
  const owner = context.ownership.identityOf(tags);
  const as = identity ?? owner;
  if (as === undefined) return undefined;
  return {
    identity: as,
    ids: { id: namespace.Id ?? '', arn: namespace.Arn ?? '', name: namespace.Name ?? '' },
    owned: owner === as,
    state: project(namespace, tags),
    health: { health: 'Healthy' },
    detail: namespace,
  };
}

async function listNamespaces(context: ProviderContext): Promise<NamespaceSummary[]> {
  return paged(async (token) => {
    const page = await context.aws.servicediscovery.send(
      new ListNamespacesCommand({ MaxResults: 100, NextToken: token }),
    );
    return { items: page.Namespaces ?? [], next: page.NextToken };
  });
}

async function startCreate(
  manifest: LoadedManifest,
  desired: JsonObject,
  requestId: string,
  context: ProviderContext,
): Promise<string> {
  const spec = specOf(manifest);
  const common = {
    Name: nameOf(manifest),
    CreatorRequestId: requestId,
    ...(spec.description === undefined ? {} : { Description: spec.description }),
    Tags: toUpperTagList(desired.tags as TagMap),
  };
  const soa = { SOA: { TTL: spec.properties?.dnsProperties.sOA.tTL ?? DEFAULT_SOA_TTL } };
  const sd = context.aws.servicediscovery;
  const answer =
    spec.type === 'HTTP'
      ? await sd.send(new CreateHttpNamespaceCommand(common))
      : spec.type === 'DNS_PUBLIC'
        ? await sd.send(
            new CreatePublicDnsNamespaceCommand({ ...common, Properties: { DnsProperties: soa } }),
          )
        : await sd.send(
            new CreatePrivateDnsNamespaceCommand({
              ...common,
              Vpc: spec.vpc,
              Properties: { DnsProperties: soa },
            }),
          );
  return answer.OperationId ?? '';
}

async function namespaceExists(id: string, context: ProviderContext): Promise<NamespaceSummary | undefined> {
  try {
    return (await context.aws.servicediscovery.send(new GetNamespaceCommand({ Id: id }))).Namespace;
  } catch (error) {
    if (isErrorCode(error, 'NamespaceNotFound')) return undefined;
    throw error;
  }
}

export const dnsNamespaceProvider: Provider = {
  kind: 'DnsNamespace',
  toSpec: settingsToSpec,
  compare: {},
  replaceOn: ['name', 'type'],

  async observe(manifests, context) {
    const result = new Map<string, ObservedResource>();
    if (manifests.length === 0) return result;
    const all = await listNamespaces(context);
    const byName = new Map(all.map((namespace) => [namespace.Name?.toLowerCase() ?? '', namespace]));
    const missing: LoadedManifest[] = [];
    for (const manifest of manifests) {
      const namespace = byName.get(nameOf(manifest).toLowerCase());
      if (namespace === undefined) {
        missing.push(manifest);
        continue;
      }
      const found = await observed(namespace, manifest.identity, context);
      if (found !== undefined) result.set(manifest.identity, found);
    }
    // Not under its name: renamed in the manifest? Its ownership tag finds the old one, to replace it.
    if (missing.length > 0) {
      const wanted = new Set(missing.map((manifest) => manifest.identity));
      const claimed = new Set([...result.values()].map((found) => found.ids.id));
      for (const namespace of all) {
        if (claimed.has(namespace.Id ?? '')) continue;
        const found = await observed(namespace, undefined, context);
        if (found?.owned === true && wanted.has(found.identity)) result.set(found.identity, found);
      }
    }
    return result;
  },

  async listOwned(context) {
    const owned: ObservedResource[] = [];
    for (const namespace of await listNamespaces(context)) {
      const found = await observed(namespace, undefined, context);
      if (found?.owned === true && found.identity.startsWith('DnsNamespace/')) owned.push(found);
    }
    return owned;
  },

  desired(manifest, context) {
    return { ok: true, state: desiredState(manifest, desiredTags(manifest, context.ownership)) };
  },

  /**
   * Creation is an operation: until it succeeds the namespace is not visible,
   * so this waits (NotReadyError) and the next pass asks again with the same
   * CreatorRequestId, which AWS answers with the same operation.
   */
  async create(manifest, desired, context): Promise<ResourceIds> {
    for (let attempt = 0; attempt < MAX_REQUEST_ATTEMPTS; attempt += 1) {
      const requestId = idempotencyToken(
        context.ownership.instance,
        manifest.identity,
        JSON.stringify(desired),
        specOf(manifest).vpc ?? '',
        String(attempt),
      );
      const operationId = await startCreate(manifest, desired, requestId, context);
      const operation = await requireSucceeded(
        operationId,
        `creation of namespace ${nameOf(manifest)}`,
        context,
      );
      const id = operation.Targets?.NAMESPACE ?? '';
      const namespace = await namespaceExists(id, context);
      // A request id spent on an earlier namespace that has since been deleted: ask afresh.
      if (namespace !== undefined) return { id, arn: namespace.Arn ?? '', name: namespace.Name ?? '' };
    }
    throw new Error(`namespace ${nameOf(manifest)}: every creation request names a namespace that is gone`);
  },

  async update(manifest, desired, live, context) {
    const id = live.ids.id ?? '';
    const sd = context.aws.servicediscovery;
    const spec = specOf(manifest);
    const { tags: desiredTagMap, ...wanted } = desired;
    const { tags: liveTags, ...actual } = live.state;
    await convergeCloudMapTags(live.ids.arn ?? '', desiredTagMap as TagMap, liveTags as TagMap, context);
    if (!jsonEqual(wanted, actual)) {
      const description = spec.description ?? '';
      const ttl = spec.properties?.dnsProperties.sOA.tTL ?? DEFAULT_SOA_TTL;
      let operationId: string | undefined;
      if (spec.type === 'HTTP') {
        const answer = await sd.send(
          new UpdateHttpNamespaceCommand({
            Id: id,
            Namespace: { Description: description },
          }),
        );
        operationId = answer.OperationId;
      } else {
        const change = { Description: description, Properties: { DnsProperties: { SOA: { TTL: ttl } } } };
        const command =
          spec.type === 'DNS_PUBLIC'
            ? new UpdatePublicDnsNamespaceCommand({ Id: id, Namespace: change })
            : new UpdatePrivateDnsNamespaceCommand({ Id: id, Namespace: change });
        operationId = (await sd.send(command)).OperationId;
      }
      await requireSucceeded(operationId ?? '', `update of namespace ${live.ids.name ?? id}`, context);
    }
  },

  async delete(live, context) {
    try {
      await context.aws.servicediscovery.send(new DeleteNamespaceCommand({ Id: live.ids.id }));
    } catch (error) {
      if (isErrorCode(error, 'NamespaceNotFound')) return 'deleted';
      // Cloud Map refuses while the namespace still has services: they go first.
      if (isErrorCode(error, 'ResourceInUse')) return 'pending';
      throw error;
    }
    // Deletion is an operation too: the namespace stays visible until it is done.
    return 'pending';
  },
};
