import {
  CreateServiceCommand,
  DeleteServiceCommand,
  type DnsRecord,
  type HealthCheckConfig,
  ListServicesCommand,
  type ServiceSummary,
  UpdateServiceCommand,
} from '@aws-sdk/client-servicediscovery';
import { awsSpecOf } from '../../converge/controls.ts';
import { type JsonObject, jsonEqual } from '../../diff/index.ts';
import type { DiscoveryServiceSpec } from '../../manifest/generated/types.ts';
import type { LoadedManifest } from '../../manifest/manifest.ts';
import { toApiCase } from '../api-case.ts';
import { isErrorCode } from '../aws-error.ts';
import { paged } from '../batch.ts';
import { idempotencyToken } from '../idempotency.ts';
import { referencedIdentity, resolveReference } from '../references.ts';
import { settingsToSpec } from '../spec-helpers.ts';
import { desiredTags, type TagMap, toUpperTagList } from '../tags.ts';
import type { DesiredResult, ObservedResource, Provider, ProviderContext } from '../types.ts';
import { desiredDiscoveryService, projectDiscoveryService } from './discovery-service-shape.ts';
import { requireSucceeded } from './operation.ts';
import { cloudMapTags, convergeCloudMapTags } from './tags.ts';

const specOf = (manifest: LoadedManifest): DiscoveryServiceSpec =>
  awsSpecOf(manifest) as unknown as DiscoveryServiceSpec;
const nameOf = (manifest: LoadedManifest): string => specOf(manifest).name ?? manifest.metadata.name;

type NamespaceId = { ok: true; id: string } | { ok: false; waitingFor: string };

function namespaceIdOf(manifest: LoadedManifest, context: ProviderContext): NamespaceId {
  const spec = specOf(manifest);
  if (spec.namespaceRef === undefined) return { ok: true, id: spec.namespaceId ?? '' };
  const resolved = resolveReference(manifest, 'namespaceRef', spec.namespaceRef, context.resolver);
  const id = resolved.ok ? resolved.value.id : undefined;
  if (id === undefined || id === '')
    return { ok: false, waitingFor: referencedIdentity(manifest, 'namespaceRef', spec.namespaceRef) };
  return { ok: true, id };
}

async function listServices(
  namespaceId: string | undefined,
  context: ProviderContext,
): Promise<ServiceSummary[]> {
  return paged(async (token) => {
    const page = await context.aws.servicediscovery.send(
      new ListServicesCommand({
        MaxResults: 100,
        NextToken: token,
        ...(namespaceId === undefined
          ? {}
          : { Filters: [{ Name: 'NAMESPACE_ID', Values: [namespaceId], Condition: 'EQ' }] }),
      }),
    );
    return { items: page.Services ?? [], next: page.NextToken };
  });
}

function observed(
  service: ServiceSummary,
  identity: string,
  owned: boolean,
  namespaceId: string,
  tags: TagMap,
): ObservedResource {
  return {
    identity,
    ids: { id: service.Id ?? '', arn: service.Arn ?? '', name: service.Name ?? '' },
    owned,
    state: projectDiscoveryService(service, namespaceId, tags),
    health: { health: 'Healthy' },
    detail: service,
  };
}

/** DnsConfig and HealthCheckConfig as UpdateService and CreateService take them. */
function dnsRecordsOf(desired: JsonObject): DnsRecord[] | undefined {
  const dns = desired.dnsConfig as JsonObject | undefined;
  return dns === undefined ? undefined : (toApiCase(dns.dnsRecords) as unknown as DnsRecord[]);
}

function healthCheckOf(desired: JsonObject): HealthCheckConfig | undefined {
  return desired.healthCheckConfig === undefined
    ? undefined
    : (toApiCase(desired.healthCheckConfig) as unknown as HealthCheckConfig);
}

export const discoveryServiceProvider: Provider = {
  kind: 'DiscoveryService',
  toSpec: settingsToSpec,
  compare: { lists: { 'dnsConfig.dnsRecords': { key: 'type' } } },
  // UpdateService changes the description, record TTLs and a Route 53 health check's settings; nothing else.
  replaceOn: [
    'name',
    'namespaceId',
    'dnsConfig.routingPolicy',
    'healthCheckCustomConfig',
    'healthCheckConfig.type',
  ],

  async observe(manifests, context) {
    const byNamespace = new Map<string, LoadedManifest[]>();
    for (const manifest of manifests) {
      const namespace = namespaceIdOf(manifest, context);
      if (namespace.ok) byNamespace.set(namespace.id, [...(byNamespace.get(namespace.id) ?? []), manifest]);
    }
    const result = new Map<string, ObservedResource>();
    for (const [namespaceId, ofNamespace] of byNamespace) {
      const services = await listServices(namespaceId, context);
      const byName = new Map(services.map((service) => [service.Name?.toLowerCase() ?? '', service]));
      const missing = new Set<string>();
      for (const manifest of ofNamespace) {
        const service = byName.get(nameOf(manifest).toLowerCase());
        if (service === undefined) {
          missing.add(manifest.identity);
          continue;
        }
        const tags = await cloudMapTags(service.Arn ?? '', context);
        const owned = context.ownership.identityOf(tags) === manifest.identity;
        result.set(manifest.identity, observed(service, manifest.identity, owned, namespaceId, tags));
      }
      // Not under its name: renamed in the manifest? Its ownership tag finds the old one, to replace it.
      if (missing.size === 0) continue;
      const claimed = new Set([...result.values()].map((found) => found.ids.id));
      for (const service of services) {
        if (claimed.has(service.Id ?? '')) continue;
        const tags = await cloudMapTags(service.Arn ?? '', context);
        const identity = context.ownership.identityOf(tags);
        if (identity !== undefined && missing.has(identity))
          result.set(identity, observed(service, identity, true, namespaceId, tags));
      }
    }
    return result;
  },

  async listOwned(context) {
    const owned: ObservedResource[] = [];
    for (const service of await listServices(undefined, context)) {
      const tags = await cloudMapTags(service.Arn ?? '', context);
      const identity = context.ownership.identityOf(tags);
      if (identity?.startsWith('DiscoveryService/')) owned.push(observed(service, identity, true, '', tags));
    }
    return owned;
  },

  desired(manifest, context): DesiredResult {
    const namespace = namespaceIdOf(manifest, context);
    if (!namespace.ok) return namespace;
    const tags = desiredTags(manifest, context.ownership);
    return {
      ok: true,
      state: desiredDiscoveryService(specOf(manifest), nameOf(manifest), namespace.id, tags),
    };
  },

  async create(manifest, desired, context) {
    const spec = specOf(manifest);
    const namespaceId = String(desired.namespaceId);
    const dnsRecords = dnsRecordsOf(desired);
    const healthCheck = healthCheckOf(desired);
    const created = await context.aws.servicediscovery.send(
      new CreateServiceCommand({
        Name: nameOf(manifest),
        NamespaceId: namespaceId,
        // Per namespace: a replacement namespace gets a new service, not the old request's answer.
        CreatorRequestId: idempotencyToken(context.ownership.instance, manifest.identity, namespaceId),
        ...(spec.description === undefined ? {} : { Description: spec.description }),
        ...(dnsRecords === undefined
          ? {}
          : {
              DnsConfig: {
                RoutingPolicy: spec.dnsConfig?.routingPolicy ?? 'MULTIVALUE',
                DnsRecords: dnsRecords,
              },
            }),
        ...(healthCheck === undefined ? {} : { HealthCheckConfig: healthCheck }),
        ...(spec.healthCheckCustomConfig === undefined
          ? {}
          : { HealthCheckCustomConfig: { FailureThreshold: 1 } }),
        ...(spec.type === undefined ? {} : { Type: spec.type }),
        Tags: toUpperTagList(desired.tags as TagMap),
      }),
    );
    const service = created.Service;
    return { id: service?.Id ?? '', arn: service?.Arn ?? '', name: service?.Name ?? '' };
  },

  async update(_manifest, desired, live, context) {
    const { tags: desiredTagMap, ...wanted } = desired;
    const { tags: liveTags, ...actual } = live.state;
    await convergeCloudMapTags(live.ids.arn ?? '', desiredTagMap as TagMap, liveTags as TagMap, context);
    if (!jsonEqual(wanted, actual)) {
      const dnsRecords = dnsRecordsOf(desired);
      const healthCheck = healthCheckOf(desired);
      // UpdateService drops a DnsConfig or HealthCheckConfig left out of the request: send both whole.
      const answer = await context.aws.servicediscovery.send(
        new UpdateServiceCommand({
          Id: live.ids.id,
          Service: {
            Description: String(desired.description ?? ''),
            ...(dnsRecords === undefined ? {} : { DnsConfig: { DnsRecords: dnsRecords } }),
            ...(healthCheck === undefined ? {} : { HealthCheckConfig: healthCheck }),
          },
        }),
      );
      await requireSucceeded(
        answer.OperationId ?? '',
        `update of discovery service ${live.ids.name ?? ''}`,
        context,
      );
    }
  },

  async delete(live, context) {
    try {
      await context.aws.servicediscovery.send(new DeleteServiceCommand({ Id: live.ids.id }));
      return 'deleted';
    } catch (error) {
      if (isErrorCode(error, 'ServiceNotFound')) return 'deleted';
      // Instances registered (by ECS for its tasks) keep the service: it goes once ECS's service has gone.
      if (isErrorCode(error, 'ResourceInUse')) return 'pending';
      throw error;
    }
  },
};
