import type { RequestContext } from '../core/context.ts';
import { InputReader } from '../core/input.ts';
import type { JsonObject, JsonValue } from '../core/json.ts';
import { invalidInput } from './errors.ts';
import { readyNamespace } from './namespaces.ts';
import { startOperation } from './operations.ts';
import { CLOUD_MAP, type NamespaceType } from './state.ts';

/**
 * Update{Private,Public}DnsNamespace and UpdateHttpNamespace: the description
 * and (DNS namespaces) the SOA TTL, applied when the UPDATE_NAMESPACE
 * operation succeeds, as Cloud Map does it.
 */
function updateNamespace(type: NamespaceType, input: JsonObject, context: RequestContext): JsonValue {
  const reader = new InputReader(input, invalidInput);
  const state = context.world.get(CLOUD_MAP);
  const namespace = readyNamespace(state, reader.requiredString('Id', { min: 1, max: 255 }));
  reader.string('UpdaterRequestId', { max: 64 });
  if (namespace.type !== type)
    throw invalidInput(`Namespace ${namespace.id} is a ${namespace.type} namespace, not ${type}`);
  if (!reader.has('Namespace')) throw invalidInput('Namespace is required');
  const change = reader.nested('Namespace');
  const hasDescription = change.has('Description');
  const description = change.string('Description', { max: 1024 });
  if (type === 'HTTP' && !hasDescription) throw invalidInput('Namespace.Description is required');
  const ttl =
    type !== 'HTTP' && change.has('Properties')
      ? change
          .nested('Properties')
          .nested('DnsProperties')
          .nested('SOA')
          .requiredNumber('TTL', { min: 0, max: 2147483647 })
      : undefined;
  const operation = startOperation(
    state,
    'UPDATE_NAMESPACE',
    { NAMESPACE: namespace.id },
    context.now(),
    () => {
      if (hasDescription) namespace.description = description;
      if (ttl !== undefined) namespace.soaTtl = ttl;
    },
  );
  return { OperationId: operation.id };
}

export const updateHttpNamespace = (input: JsonObject, context: RequestContext): JsonValue =>
  updateNamespace('HTTP', input, context);
export const updatePrivateDnsNamespace = (input: JsonObject, context: RequestContext): JsonValue =>
  updateNamespace('DNS_PRIVATE', input, context);
export const updatePublicDnsNamespace = (input: JsonObject, context: RequestContext): JsonValue =>
  updateNamespace('DNS_PUBLIC', input, context);
