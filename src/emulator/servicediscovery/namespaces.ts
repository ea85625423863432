import type { RequestContext } from '../core/context.ts';
import { InputReader } from '../core/input.ts';
import { isJsonObject, type JsonObject, type JsonValue } from '../core/json.ts';
import { pageOf } from '../core/pages.ts';
import { CloudMapError, invalidInput, namespaceNotFound, resourceInUse } from './errors.ts';
import { hostedZoneId, idOf, namespaceArn, namespaceId } from './ids.ts';
import { startOperation } from './operations.ts';
import { CLOUD_MAP, type CloudMapState, type Namespace, type NamespaceType } from './state.ts';
import { applyTags, readTags } from './tags.ts';
import { toSeconds } from './time.ts';

/** The SOA TTL Cloud Map gives a DNS namespace when none is set. */
const DEFAULT_SOA_TTL = 15;
const PUBLIC_NAME =
  /^([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\.)+[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?$/;

function soaTtl(reader: InputReader): number | undefined {
  const properties = reader.nested('Properties').nested('DnsProperties');
  if (!properties.has('SOA')) return undefined;
  return properties.nested('SOA').requiredNumber('TTL', { min: 0, max: 2147483647 });
}

function createNamespace(type: NamespaceType, input: JsonObject, context: RequestContext): JsonValue {
  const reader = new InputReader(input, invalidInput);
  const name =
    type === 'DNS_PUBLIC'
      ? reader.requiredString('Name', { max: 253, pattern: PUBLIC_NAME })
      : reader.requiredString('Name', {
          min: 1,
          max: type === 'HTTP' ? 1024 : 253,
          pattern: /^(?!arn:)[!-~]+$/,
        });
  const vpc = type === 'DNS_PRIVATE' ? reader.requiredString('Vpc', { max: 64 }) : undefined;
  const creatorRequestId = reader.string('CreatorRequestId', { max: 64 });
  const description = reader.string('Description', { max: 1024 });
  const tags = readTags(reader, 'Tags');
  const ttl = type === 'HTTP' ? undefined : (soaTtl(reader) ?? DEFAULT_SOA_TTL);
  const state = context.world.get(CLOUD_MAP);

  if (creatorRequestId !== undefined) {
    const earlier = state.namespaceRequests.get(creatorRequestId);
    if (earlier !== undefined) return { OperationId: earlier };
  }
  const existing = state.namespaceByName.get(name.toLowerCase());
  if (existing !== undefined) {
    const namespace = state.namespaces.get(existing);
    throw new CloudMapError('NamespaceAlreadyExists', `Namespace already exists: ${name}`, {
      NamespaceId: existing,
      ...(namespace?.creatorRequestId === undefined ? {} : { CreatorRequestId: namespace.creatorRequestId }),
    });
  }

  const id = namespaceId();
  const namespace: Namespace = {
    id,
    arn: namespaceArn(context.region, context.accountId, id),
    name,
    type,
    description,
    vpc,
    soaTtl: ttl,
    hostedZoneId: type === 'HTTP' ? undefined : hostedZoneId(),
    creatorRequestId,
    createDate: context.now(),
    ready: false,
    serviceIds: new Set(),
    serviceByName: new Map(),
  };
  state.tags.set(namespace.arn, new Map());
  applyTags(state, namespace.arn, tags);
  state.namespaces.set(id, namespace);
  state.namespaceByName.set(name.toLowerCase(), id);
  const operation = startOperation(state, 'CREATE_NAMESPACE', { NAMESPACE: id }, context.now(), () => {
    namespace.ready = true;
  });
  if (creatorRequestId !== undefined) state.namespaceRequests.set(creatorRequestId, operation.id);
  return { OperationId: operation.id };
}

export const createHttpNamespace = (input: JsonObject, context: RequestContext): JsonValue =>
  createNamespace('HTTP', input, context);
export const createPrivateDnsNamespace = (input: JsonObject, context: RequestContext): JsonValue =>
  createNamespace('DNS_PRIVATE', input, context);
export const createPublicDnsNamespace = (input: JsonObject, context: RequestContext): JsonValue =>
  createNamespace('DNS_PUBLIC', input, context);

/** A namespace the API may show: created and not yet gone. */
export function readyNamespace(state: CloudMapState, idOrArn: string): Namespace {
  const namespace = state.namespaces.get(idOf(idOrArn));
  if (namespace === undefined || !namespace.ready) throw namespaceNotFound(idOrArn);
  return namespace;
}

/**
 * `listed`: ListNamespaces gives every namespace an empty SOA, a DNS one's TTL left out although
 * the model marks it required (the AWS CLI list-namespaces example); GetNamespace gives a DNS
 * namespace its TTL and an HTTP one no SOA at all (the AWS CLI get-namespace example).
 */
function properties(namespace: Namespace, listed: boolean): JsonObject {
  const http = { HttpName: namespace.name };
  if (namespace.type === 'HTTP') return { DnsProperties: listed ? { SOA: {} } : {}, HttpProperties: http };
  return {
    DnsProperties: {
      ...(namespace.hostedZoneId === undefined ? {} : { HostedZoneId: namespace.hostedZoneId }),
      SOA: listed ? {} : { TTL: namespace.soaTtl ?? DEFAULT_SOA_TTL },
    },
    HttpProperties: http,
  };
}

function summary(namespace: Namespace, accountId: string, listed: boolean): JsonObject {
  return {
    Id: namespace.id,
    Arn: namespace.arn,
    ResourceOwner: accountId,
    Name: namespace.name,
    Type: namespace.type,
    ...(namespace.description === undefined ? {} : { Description: namespace.description }),
    ServiceCount: namespace.serviceIds.size,
    Properties: properties(namespace, listed),
    CreateDate: toSeconds(namespace.createDate),
  };
}

export function getNamespace(input: JsonObject, context: RequestContext): JsonValue {
  const reader = new InputReader(input, invalidInput);
  const namespace = readyNamespace(context.world.get(CLOUD_MAP), reader.requiredString('Id', { max: 255 }));
  return {
    Namespace: {
      ...summary(namespace, context.accountId, false),
      ...(namespace.creatorRequestId === undefined ? {} : { CreatorRequestId: namespace.creatorRequestId }),
    },
  };
}

function namespaceFilter(raw: JsonValue): (namespace: Namespace, accountId: string) => boolean {
  if (!isJsonObject(raw)) throw invalidInput('Filters must be objects');
  const filter = new InputReader(raw, invalidInput);
  const name = filter.requiredString('Name', { oneOf: ['TYPE', 'NAME', 'HTTP_NAME', 'RESOURCE_OWNER'] });
  const values = filter.stringArray('Values') ?? [];
  const condition = filter.string('Condition', { oneOf: ['EQ', 'IN', 'BEGINS_WITH'] }) ?? 'EQ';
  if ((condition === 'EQ' || condition === 'BEGINS_WITH') && values.length !== 1) {
    throw invalidInput(`Filter ${name} with ${condition} takes exactly one value`);
  }
  if (condition === 'BEGINS_WITH' && name === 'TYPE')
    throw invalidInput('Filter TYPE does not take BEGINS_WITH');
  if (condition === 'IN' && name !== 'TYPE') throw invalidInput(`Filter ${name} does not take IN`);
  const field = (namespace: Namespace, accountId: string): string =>
    name === 'TYPE' ? namespace.type : name === 'RESOURCE_OWNER' ? accountId : namespace.name;
  if (condition === 'BEGINS_WITH') {
    const prefix = values[0] ?? '';
    return (namespace, accountId) => field(namespace, accountId).startsWith(prefix);
  }
  const wanted = new Set(values);
  return (namespace, accountId) => wanted.has(field(namespace, accountId));
}

export function listNamespaces(input: JsonObject, context: RequestContext): JsonValue {
  const reader = new InputReader(input, invalidInput);
  const max = reader.number('MaxResults', { min: 1, max: 100 }) ?? 100;
  const filters = (reader.array('Filters') ?? []).map(namespaceFilter);
  const matching = [...context.world.get(CLOUD_MAP).namespaces.values()].filter(
    (namespace) => namespace.ready && filters.every((match) => match(namespace, context.accountId)),
  );
  const page = pageOf(matching, reader.string('NextToken', { max: 4096 }), max, invalidInput);
  return {
    Namespaces: page.items.map((namespace) => summary(namespace, context.accountId, true)),
    ...(page.nextToken === undefined ? {} : { NextToken: page.nextToken }),
  };
}

export function deleteNamespace(input: JsonObject, context: RequestContext): JsonValue {
  const reader = new InputReader(input, invalidInput);
  const state = context.world.get(CLOUD_MAP);
  const namespace = readyNamespace(state, reader.requiredString('Id', { max: 255 }));
  if (namespace.serviceIds.size > 0) {
    throw resourceInUse(`Namespace ${namespace.id} has ${namespace.serviceIds.size} services`);
  }
  const operation = startOperation(
    state,
    'DELETE_NAMESPACE',
    { NAMESPACE: namespace.id },
    context.now(),
    () => {
      state.namespaces.delete(namespace.id);
      state.namespaceByName.delete(namespace.name.toLowerCase());
      state.tags.delete(namespace.arn);
    },
  );
  return { OperationId: operation.id };
}
