import type { RequestContext } from '../core/context.ts';
import { InputReader } from '../core/input.ts';
import { isJsonObject, type JsonObject, type JsonValue } from '../core/json.ts';
import { pageOf } from '../core/pages.ts';
import { CloudMapError, invalidInput, resourceInUse, serviceNotFound } from './errors.ts';
import { idOf, serviceArn, serviceId } from './ids.ts';
import { readyNamespace } from './namespaces.ts';
import { startOperation } from './operations.ts';
import {
  CLOUD_MAP,
  type CloudMapState,
  type DiscoveryService,
  type DnsRecord,
  type HealthCheckConfig,
} from './state.ts';
import { applyTags, readTags } from './tags.ts';
import { toSeconds } from './time.ts';

const SERVICE_NAME =
  /((?=^.{1,127}$)^([a-zA-Z0-9_][a-zA-Z0-9-_]{0,61}[a-zA-Z0-9_]|[a-zA-Z0-9])(\.([a-zA-Z0-9_][a-zA-Z0-9-_]{0,61}[a-zA-Z0-9_]|[a-zA-Z0-9]))*$)|(^\.$)/;

function readDnsRecords(reader: InputReader): DnsRecord[] {
  const records = reader.array('DnsRecords');
  if (records === undefined) throw invalidInput('DnsRecords is required');
  return records.map((raw) => {
    if (!isJsonObject(raw)) throw invalidInput('DnsRecords must be a list of records');
    const record = new InputReader(raw, invalidInput);
    return {
      type: record.requiredString('Type', { oneOf: ['SRV', 'A', 'AAAA', 'CNAME'] }),
      ttl: record.requiredNumber('TTL', { min: 0, max: 2147483647 }),
    };
  });
}

function readHealthCheck(reader: InputReader): HealthCheckConfig {
  const type = reader.requiredString('Type', { oneOf: ['HTTP', 'HTTPS', 'TCP'] });
  const path = reader.string('ResourcePath', { max: 255 });
  if (type === 'TCP' && path !== undefined)
    throw invalidInput('ResourcePath is not allowed for TCP health checks');
  return {
    type,
    resourcePath: type === 'TCP' ? undefined : (path ?? '/'),
    failureThreshold: reader.number('FailureThreshold', { min: 1, max: 10 }) ?? 1,
  };
}

export function readService(state: CloudMapState, idOrArn: string): DiscoveryService {
  const service = state.services.get(idOf(idOrArn));
  if (service === undefined) throw serviceNotFound(idOrArn);
  return service;
}

export function createService(input: JsonObject, context: RequestContext): JsonValue {
  const reader = new InputReader(input, invalidInput);
  const name = reader.requiredString('Name', { pattern: SERVICE_NAME });
  const dns = reader.object('DnsConfig') === undefined ? undefined : reader.nested('DnsConfig');
  const namespaceRef = reader.string('NamespaceId', { max: 255 }) ?? dns?.string('NamespaceId', { max: 64 });
  if (namespaceRef === undefined) throw invalidInput('NamespaceId is required');
  const creatorRequestId = reader.string('CreatorRequestId', { max: 64 });
  const description = reader.string('Description', { max: 1024 });
  const requestedType = reader.string('Type', { oneOf: ['HTTP'] });
  const healthCheck = reader.has('HealthCheckConfig')
    ? readHealthCheck(reader.nested('HealthCheckConfig'))
    : undefined;
  const customHealth = reader.has('HealthCheckCustomConfig');
  reader.nested('HealthCheckCustomConfig').number('FailureThreshold', { min: 1, max: 10 });
  const tags = readTags(reader, 'Tags');
  const state = context.world.get(CLOUD_MAP);
  const namespace = readyNamespace(state, namespaceRef);

  if (creatorRequestId !== undefined) {
    const earlier = state.services.get(state.serviceRequests.get(creatorRequestId) ?? '');
    if (earlier !== undefined) return { Service: render(earlier, context.accountId) };
  }
  const existingId = namespace.serviceByName.get(name.toLowerCase());
  if (existingId !== undefined) {
    const existing = state.services.get(existingId);
    throw new CloudMapError('ServiceAlreadyExists', `Service already exists: ${name}`, {
      ServiceId: existingId,
      ...(existing === undefined ? {} : { ServiceArn: existing.arn }),
      ...(existing?.creatorRequestId === undefined ? {} : { CreatorRequestId: existing.creatorRequestId }),
    });
  }
  if (namespace.type === 'HTTP' && dns !== undefined) {
    throw invalidInput('DnsConfig is not allowed for a service in an HTTP namespace');
  }
  if (healthCheck !== undefined && customHealth) {
    throw invalidInput('HealthCheckConfig and HealthCheckCustomConfig are mutually exclusive');
  }
  // Route 53 health checks are for public DNS and HTTP namespaces (HealthCheckConfig in the model;
  // the developer guide's services-health-checks page: in an HTTP namespace the check has no record).
  if (healthCheck !== undefined && namespace.type === 'DNS_PRIVATE') {
    throw invalidInput('HealthCheckConfig is only for services in public DNS and HTTP namespaces');
  }
  const dnsRecords = dns === undefined || requestedType === 'HTTP' ? undefined : readDnsRecords(dns);
  if (healthCheck !== undefined && dnsRecords?.some((record) => record.type === 'CNAME')) {
    throw invalidInput('HealthCheckConfig cannot be used with CNAME records');
  }
  const routingPolicy =
    dnsRecords === undefined
      ? undefined
      : (dns?.string('RoutingPolicy', { oneOf: ['MULTIVALUE', 'WEIGHTED'] }) ?? 'MULTIVALUE');

  const id = serviceId();
  const service: DiscoveryService = {
    id,
    arn: serviceArn(context.region, context.accountId, id),
    name,
    namespaceId: namespace.id,
    description,
    routingPolicy,
    dnsRecords,
    type: dnsRecords === undefined ? 'HTTP' : 'DNS_HTTP',
    healthCheckConfig: healthCheck,
    customHealthCheck: customHealth,
    creatorRequestId,
    createDate: context.now(),
    instances: new Map(),
  };
  state.tags.set(service.arn, new Map());
  applyTags(state, service.arn, tags);
  state.services.set(id, service);
  namespace.serviceIds.add(id);
  namespace.serviceByName.set(name.toLowerCase(), id);
  if (creatorRequestId !== undefined) state.serviceRequests.set(creatorRequestId, id);
  return { Service: render(service, context.accountId) };
}

/**
 * The service as ListServices shows it: its DnsConfig carries no NamespaceId (the AWS CLI
 * list-services example; aws/aws-cli#5676 saw the same on real AWS).
 */
function summary(service: DiscoveryService, accountId: string): JsonObject {
  return {
    Id: service.id,
    Arn: service.arn,
    ResourceOwner: accountId,
    Name: service.name,
    Type: service.type,
    ...(service.description === undefined ? {} : { Description: service.description }),
    InstanceCount: service.instances.size,
    ...(service.dnsRecords === undefined
      ? {}
      : {
          DnsConfig: {
            RoutingPolicy: service.routingPolicy ?? 'MULTIVALUE',
            DnsRecords: service.dnsRecords.map((record) => ({ Type: record.type, TTL: record.ttl })),
          },
        }),
    ...(service.healthCheckConfig === undefined
      ? {}
      : {
          HealthCheckConfig: {
            Type: service.healthCheckConfig.type,
            ...(service.healthCheckConfig.resourcePath === undefined
              ? {}
              : { ResourcePath: service.healthCheckConfig.resourcePath }),
            FailureThreshold: service.healthCheckConfig.failureThreshold,
          },
        }),
    // Cloud Map no longer honours the threshold: it is always 1 whatever is sent.
    ...(service.customHealthCheck ? { HealthCheckCustomConfig: { FailureThreshold: 1 } } : {}),
    CreateDate: toSeconds(service.createDate),
    CreatedByAccount: accountId,
  };
}

/** The service as CreateService and GetService show it: DnsConfig names the namespace too. */
function render(service: DiscoveryService, accountId: string): JsonObject {
  const shown = summary(service, accountId);
  const dns = shown.DnsConfig;
  return {
    ...shown,
    ...(isJsonObject(dns) ? { DnsConfig: { NamespaceId: service.namespaceId, ...dns } } : {}),
    NamespaceId: service.namespaceId,
    ...(service.creatorRequestId === undefined ? {} : { CreatorRequestId: service.creatorRequestId }),
  };
}

export function getService(input: JsonObject, context: RequestContext): JsonValue {
  const reader = new InputReader(input, invalidInput);
  const service = readService(context.world.get(CLOUD_MAP), reader.requiredString('Id', { max: 255 }));
  const shown = render(service, context.accountId);
  // GetService of a service without DNS records answers an empty DnsConfig (the AWS CLI get-service
  // example); CreateService's and ListServices' published answers leave it out.
  return { Service: shown.DnsConfig === undefined ? { ...shown, DnsConfig: {} } : shown };
}

export function updateService(input: JsonObject, context: RequestContext): JsonValue {
  const reader = new InputReader(input, invalidInput);
  const state = context.world.get(CLOUD_MAP);
  const service = readService(state, reader.requiredString('Id', { max: 255 }));
  if (!reader.has('Service')) throw invalidInput('Service is required');
  const change = reader.nested('Service');
  const description = change.string('Description', { max: 1024 });
  const dnsRecords = change.has('DnsConfig') ? readDnsRecords(change.nested('DnsConfig')) : undefined;
  if (dnsRecords !== undefined && service.dnsRecords === undefined) {
    throw invalidInput('DnsConfig cannot be added to a service without DNS records');
  }
  const healthCheck = change.has('HealthCheckConfig')
    ? readHealthCheck(change.nested('HealthCheckConfig'))
    : undefined;
  if (healthCheck !== undefined && service.healthCheckConfig === undefined) {
    throw invalidInput('HealthCheckConfig can only be changed on a service that has one');
  }
  if (change.has('Description')) service.description = description;
  if (dnsRecords !== undefined) service.dnsRecords = dnsRecords;
  if (healthCheck !== undefined) service.healthCheckConfig = healthCheck;
  const operation = startOperation(state, 'UPDATE_SERVICE', { SERVICE: service.id }, context.now());
  return { OperationId: operation.id };
}

export function deleteService(input: JsonObject, context: RequestContext): JsonValue {
  const reader = new InputReader(input, invalidInput);
  const state = context.world.get(CLOUD_MAP);
  const service = readService(state, reader.requiredString('Id', { max: 255 }));
  if (service.instances.size > 0) {
    throw resourceInUse(`Service ${service.id} has ${service.instances.size} registered instances`);
  }
  state.services.delete(service.id);
  state.tags.delete(service.arn);
  if (service.creatorRequestId !== undefined) state.serviceRequests.delete(service.creatorRequestId);
  const namespace = state.namespaces.get(service.namespaceId);
  namespace?.serviceIds.delete(service.id);
  namespace?.serviceByName.delete(service.name.toLowerCase());
  return {};
}

function serviceFilter(raw: JsonValue): (service: DiscoveryService, accountId: string) => boolean {
  if (!isJsonObject(raw)) throw invalidInput('Filters must be objects');
  const filter = new InputReader(raw, invalidInput);
  const name = filter.requiredString('Name', { oneOf: ['NAMESPACE_ID', 'RESOURCE_OWNER'] });
  const values = filter.stringArray('Values') ?? [];
  const condition = filter.string('Condition', { oneOf: ['EQ', 'IN'] }) ?? 'EQ';
  if (condition === 'EQ' && values.length !== 1)
    throw invalidInput(`Filter ${name} with EQ takes exactly one value`);
  const wanted = new Set(name === 'NAMESPACE_ID' ? values.map(idOf) : values);
  return (service, accountId) => wanted.has(name === 'NAMESPACE_ID' ? service.namespaceId : accountId);
}

/** The services a filter can match: one namespace's through its index when a NAMESPACE_ID filter names them. */
function candidates(state: CloudMapState, filters: readonly JsonValue[]): DiscoveryService[] {
  for (const raw of filters) {
    if (!isJsonObject(raw) || raw.Name !== 'NAMESPACE_ID' || !Array.isArray(raw.Values)) continue;
    const ids = raw.Values.filter((value): value is string => typeof value === 'string').map(idOf);
    return ids.flatMap((id) =>
      [...(state.namespaces.get(id)?.serviceIds ?? [])].flatMap(
        (serviceId) => state.services.get(serviceId) ?? [],
      ),
    );
  }
  return [...state.services.values()];
}

export function listServices(input: JsonObject, context: RequestContext): JsonValue {
  const reader = new InputReader(input, invalidInput);
  const max = reader.number('MaxResults', { min: 1, max: 100 }) ?? 100;
  const rawFilters = reader.array('Filters') ?? [];
  const filters = rawFilters.map(serviceFilter);
  const state = context.world.get(CLOUD_MAP);
  const matching = candidates(state, rawFilters).filter((service) =>
    filters.every((match) => match(service, context.accountId)),
  );
  const page = pageOf(matching, reader.string('NextToken', { max: 4096 }), max, invalidInput);
  return {
    Services: page.items.map((service) => summary(service, context.accountId)),
    ...(page.nextToken === undefined ? {} : { NextToken: page.nextToken }),
  };
}
