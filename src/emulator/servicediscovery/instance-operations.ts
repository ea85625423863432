import type { RequestContext } from '../core/context.ts';
import { InputReader } from '../core/input.ts';
import type { JsonObject, JsonValue } from '../core/json.ts';
import { pageOf } from '../core/pages.ts';
import { instanceNotFound, invalidInput } from './errors.ts';
import { startOperation } from './operations.ts';
import { readService } from './services.ts';
import { CLOUD_MAP, type DiscoveryService, type Instance } from './state.ts';

const MAX_ATTRIBUTES = 30;
const DNS_ADDRESS_ATTRIBUTES = ['AWS_INSTANCE_IPV4', 'AWS_INSTANCE_IPV6', 'AWS_ALIAS_DNS_NAME'];

function readAttributes(reader: InputReader): Record<string, string> {
  const raw = reader.object('Attributes');
  if (raw === undefined) throw invalidInput('Attributes is required');
  const attributes: Record<string, string> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (typeof value !== 'string') throw invalidInput(`Attribute ${key} must be a string`);
    if (key.length > 255 || value.length > 1024) throw invalidInput(`Attribute ${key} is too long`);
    attributes[key] = value;
  }
  if (Object.keys(attributes).length > MAX_ATTRIBUTES) {
    throw invalidInput(`An instance can have at most ${MAX_ATTRIBUTES} attributes`);
  }
  return attributes;
}

function checkDnsAttributes(service: DiscoveryService, attributes: Record<string, string>): void {
  if (service.dnsRecords === undefined) return;
  if (!DNS_ADDRESS_ATTRIBUTES.some((key) => attributes[key] !== undefined)) {
    throw invalidInput(`A DNS service needs one of ${DNS_ADDRESS_ATTRIBUTES.join(', ')}`);
  }
  if (
    service.dnsRecords.some((record) => record.type === 'SRV') &&
    attributes.AWS_INSTANCE_PORT === undefined
  ) {
    throw invalidInput('A service with an SRV record needs AWS_INSTANCE_PORT');
  }
}

export function registerInstance(input: JsonObject, context: RequestContext): JsonValue {
  const reader = new InputReader(input, invalidInput);
  const state = context.world.get(CLOUD_MAP);
  const service = readService(state, reader.requiredString('ServiceId', { max: 255 }));
  const id = reader.requiredString('InstanceId', { max: 64, pattern: /^[0-9a-zA-Z_/:.@-]+$/ });
  const creatorRequestId = reader.string('CreatorRequestId', { max: 64 });
  const attributes = readAttributes(reader);
  checkDnsAttributes(service, attributes);
  const instance: Instance = { id, attributes, creatorRequestId };
  service.instances.set(id, instance);
  const operation = startOperation(
    state,
    'REGISTER_INSTANCE',
    { SERVICE: service.id, INSTANCE: id },
    context.now(),
  );
  return { OperationId: operation.id };
}

export function deregisterInstance(input: JsonObject, context: RequestContext): JsonValue {
  const reader = new InputReader(input, invalidInput);
  const state = context.world.get(CLOUD_MAP);
  const service = readService(state, reader.requiredString('ServiceId', { max: 255 }));
  const id = reader.requiredString('InstanceId', { max: 64 });
  if (!service.instances.delete(id)) throw instanceNotFound(id);
  const operation = startOperation(
    state,
    'DEREGISTER_INSTANCE',
    { SERVICE: service.id, INSTANCE: id },
    context.now(),
  );
  return { OperationId: operation.id };
}

export function getInstance(input: JsonObject, context: RequestContext): JsonValue {
  const reader = new InputReader(input, invalidInput);
  const service = readService(context.world.get(CLOUD_MAP), reader.requiredString('ServiceId', { max: 255 }));
  const id = reader.requiredString('InstanceId', { max: 64 });
  const instance = service.instances.get(id);
  if (instance === undefined) throw instanceNotFound(id);
  return {
    Instance: {
      Id: instance.id,
      ...(instance.creatorRequestId === undefined ? {} : { CreatorRequestId: instance.creatorRequestId }),
      Attributes: { ...instance.attributes },
      CreatedByAccount: context.accountId,
    },
  };
}

export function listInstances(input: JsonObject, context: RequestContext): JsonValue {
  const reader = new InputReader(input, invalidInput);
  const service = readService(context.world.get(CLOUD_MAP), reader.requiredString('ServiceId', { max: 255 }));
  const max = reader.number('MaxResults', { min: 1, max: 100 }) ?? 100;
  const page = pageOf(
    [...service.instances.values()],
    reader.string('NextToken', { max: 4096 }),
    max,
    invalidInput,
  );
  return {
    Instances: page.items.map((instance) => ({
      Id: instance.id,
      Attributes: { ...instance.attributes },
      CreatedByAccount: context.accountId,
    })),
    ...(page.nextToken === undefined ? {} : { NextToken: page.nextToken }),
  };
}
