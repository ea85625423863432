import {
  CreateHttpNamespaceCommand,
  CreatePrivateDnsNamespaceCommand,
  CreatePublicDnsNamespaceCommand,
  DeleteNamespaceCommand,
  GetNamespaceCommand,
  type NamespaceSummary,
  UpdateHttpNamespaceCommand,
  UpdatePrivateDnsNamespaceCommand,
  UpdatePublicDnsNamespaceCommand,
} from '@aws-sdk/client-servicediscovery';
import { differentExcept, type JsonObject } from '../../diff/index.ts';
import type { LoadedManifest } from '../../manifest/manifest.ts';
import { isErrorCode } from '../aws-error.ts';
import { idempotencyToken } from '../idempotency.ts';
import { settingsToSpec } from '../spec-helpers.ts';
import { desiredTags, type TagMap, toUpperTagList } from '../tags.ts';
import type { Provider, ProviderContext, ResourceIds } from '../types.ts';
import { readNamespaces } from './dns-namespace-read.ts';
import {
  DEFAULT_SOA_TTL,
  desiredNamespace,
  namespaceNameOf,
  namespaceSpecOf,
} from './dns-namespace-shape.ts';
import { requireSucceeded } from './operation.ts';
import { convergeCloudMapTags, createdWithTags, releaseCloudMapTags } from './tags.ts';

/** Earlier requests of this resource whose namespace is gone: a new CreatorRequestId each. */
const MAX_REQUEST_ATTEMPTS = 5;

async function startCreate(
  manifest: LoadedManifest,
  desired: JsonObject,
  requestId: string,
  context: ProviderContext,
): Promise<string> {
  const spec = namespaceSpecOf(manifest);
  const common = {
    Name: namespaceNameOf(manifest),
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

/** Sends the description and SOA TTL with the update call of the namespace's type; returns the operation. */
async function startUpdate(manifest: LoadedManifest, id: string, context: ProviderContext): Promise<string> {
  const spec = namespaceSpecOf(manifest);
  const description = spec.description ?? '';
  const sd = context.aws.servicediscovery;
  if (spec.type === 'HTTP') {
    const answer = await sd.send(
      new UpdateHttpNamespaceCommand({ Id: id, Namespace: { Description: description } }),
    );
    return answer.OperationId ?? '';
  }
  const ttl = spec.properties?.dnsProperties.sOA.tTL ?? DEFAULT_SOA_TTL;
  const change = { Description: description, Properties: { DnsProperties: { SOA: { TTL: ttl } } } };
  const command =
    spec.type === 'DNS_PUBLIC'
      ? new UpdatePublicDnsNamespaceCommand({ Id: id, Namespace: change })
      : new UpdatePrivateDnsNamespaceCommand({ Id: id, Namespace: change });
  return (await sd.send(command)).OperationId ?? '';
}

export const dnsNamespaceProvider: Provider = {
  kind: 'DnsNamespace',
  toSpec: settingsToSpec,
  compare: {},
  replaceOn: ['name', 'type'],

  read: readNamespaces,

  desired(manifest, context) {
    return { ok: true, state: desiredNamespace(manifest, desiredTags(manifest, context.ownership)) };
  },

  /**
   * Creation is an operation: until it succeeds the namespace is not visible,
   * so this waits (NotReadyError) and the next pass asks again with the same
   * CreatorRequestId, which AWS answers with the same operation.
   */
  async create(manifest, desired, context): Promise<ResourceIds> {
    const name = namespaceNameOf(manifest);
    for (let attempt = 0; attempt < MAX_REQUEST_ATTEMPTS; attempt += 1) {
      const requestId = idempotencyToken(
        context.ownership.instance,
        manifest.identity,
        JSON.stringify(desired),
        namespaceSpecOf(manifest).vpc ?? '',
        String(attempt),
      );
      const operationId = await startCreate(manifest, desired, requestId, context);
      const operation = await requireSucceeded(operationId, `creation of namespace ${name}`, context);
      const id = operation.Targets?.NAMESPACE ?? '';
      const namespace = await namespaceExists(id, context);
      // A request id spent on an earlier namespace that has since been deleted: ask afresh.
      if (namespace !== undefined) {
        createdWithTags(namespace.Arn ?? '', desired.tags as TagMap, context);
        return { id, arn: namespace.Arn ?? '', name: namespace.Name ?? '' };
      }
    }
    throw new Error(`namespace ${name}: every creation request names a namespace that is gone`);
  },

  async update(manifest, desired, live, delta, context) {
    const id = live.ids.id ?? '';
    const arn = live.ids.arn ?? '';
    await convergeCloudMapTags(arn, desired.tags as TagMap, live.state.tags as TagMap, delta, context);
    if (!differentExcept(delta, ['tags'])) return;
    const operationId = await startUpdate(manifest, id, context);
    await requireSucceeded(operationId, `update of namespace ${live.ids.name ?? id}`, context);
  },

  release: releaseCloudMapTags,

  async delete(live, context) {
    const arn = live.ids.arn ?? '';
    try {
      await context.aws.servicediscovery.send(new DeleteNamespaceCommand({ Id: live.ids.id }));
    } catch (error) {
      if (isErrorCode(error, 'NamespaceNotFound')) {
        context.tags.forget(arn);
        return 'deleted';
      }
      // Cloud Map refuses while the namespace still has services: they go first.
      if (isErrorCode(error, 'ResourceInUse')) return 'pending';
      throw error;
    }
    context.tags.forget(arn);
    // Deletion is an operation too: the namespace stays visible until it is done.
    return 'pending';
  },
};
