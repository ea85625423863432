import {
  CreateServiceCommand,
  DeleteServiceCommand,
  type DnsRecord,
  type HealthCheckConfig,
  UpdateServiceCommand,
} from '@aws-sdk/client-servicediscovery';
import { differentExcept, type JsonObject } from '../../diff/index.ts';
import { toApiCase } from '../api-case.ts';
import { isErrorCode } from '../aws-error.ts';
import { idempotencyToken } from '../idempotency.ts';
import { settingsToSpec } from '../spec-helpers.ts';
import { desiredTags, type TagMap, toUpperTagList } from '../tags.ts';
import type { DesiredResult, Provider } from '../types.ts';
import { readServices } from './discovery-service-read.ts';
import {
  desiredDiscoveryService,
  namespaceIdOf,
  serviceNameOf,
  serviceSpecOf,
} from './discovery-service-shape.ts';
import { requireSucceeded } from './operation.ts';
import { convergeCloudMapTags, createdWithTags, releaseCloudMapTags } from './tags.ts';

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

  read: readServices,

  desired(manifest, context): DesiredResult {
    const namespace = namespaceIdOf(manifest, context);
    if (!namespace.ok) return namespace;
    const tags = desiredTags(manifest, context.ownership);
    return {
      ok: true,
      state: desiredDiscoveryService(serviceSpecOf(manifest), serviceNameOf(manifest), namespace.id, tags),
    };
  },

  async create(manifest, desired, context) {
    const spec = serviceSpecOf(manifest);
    const namespaceId = String(desired.namespaceId);
    const dnsRecords = dnsRecordsOf(desired);
    const healthCheck = healthCheckOf(desired);
    const created = await context.aws.servicediscovery.send(
      new CreateServiceCommand({
        Name: serviceNameOf(manifest),
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
    createdWithTags(service?.Arn ?? '', desired.tags as TagMap, context);
    return { id: service?.Id ?? '', arn: service?.Arn ?? '', name: service?.Name ?? '' };
  },

  async update(_manifest, desired, live, delta, context) {
    const arn = live.ids.arn ?? '';
    await convergeCloudMapTags(arn, desired.tags as TagMap, live.state.tags as TagMap, delta, context);
    if (!differentExcept(delta, ['tags'])) return;
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
  },

  release: releaseCloudMapTags,

  async delete(live, context) {
    try {
      await context.aws.servicediscovery.send(new DeleteServiceCommand({ Id: live.ids.id }));
    } catch (error) {
      // Instances registered (by ECS for its tasks) keep the service: it goes once ECS's service has gone.
      if (isErrorCode(error, 'ResourceInUse')) return 'pending';
      if (!isErrorCode(error, 'ServiceNotFound')) throw error;
    }
    context.tags.forget(live.ids.arn ?? '');
    return 'deleted';
  },
};
