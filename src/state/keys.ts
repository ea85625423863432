/**
 * Every key of the single state table (docs/STATE.md). Sort keys that list things in time start
 * with an ISO 8601 timestamp, which sorts as text in time order.
 */
export interface ItemKey {
  readonly pk: string;
  readonly sk: string;
}

export const STATUS_PARTITION = 'STATUS';
export const EVENT_INDEX_PARTITION = 'EVENT';
export const REVISION_PARTITION = 'REVISION';
export const INTENT_PARTITION = 'INTENT';
export const OUTBOX_PARTITION = 'OUTBOX';
export const DELIVERY_PARTITION = 'DELIVERY';
export const EVENTS_INDEX = 'gsi1';

export interface ParsedIdentity {
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
}

/** Splits `Kind/namespace/name`; throws on anything else, since a bad key would file the item wrongly. */
export function parseIdentity(identity: string): ParsedIdentity {
  const parts = identity.split('/');
  const [kind, namespace, name] = parts;
  if (parts.length !== 3 || !kind || !namespace || !name) {
    throw new TypeError(`Expected an identity "Kind/namespace/name", got "${identity}"`);
  }
  return { kind, namespace, name };
}

/** Statuses share one partition, sorted by namespace first so a namespace is one key range. */
export function statusKey(identity: string): ItemKey {
  const { kind, namespace, name } = parseIdentity(identity);
  return { pk: STATUS_PARTITION, sk: `${namespace}/${kind}/${name}` };
}

export function statusNamespacePrefix(namespace: string): string {
  return `${namespace}/`;
}

export function eventPartition(identity: string): string {
  return `EVENT#${identity}`;
}

/** `unique` keeps two events of the same millisecond apart. */
export function eventKey(identity: string, at: string, unique: string): ItemKey {
  return { pk: eventPartition(identity), sk: `${at}#${unique}` };
}

export function eventIndexSortKey(identity: string, at: string, unique: string): string {
  return `${at}#${identity}#${unique}`;
}

export const OPERATOR_KEY: ItemKey = { pk: 'OPERATOR', sk: 'OPERATOR' };

/** The operator item of one target's operator (src/runtime/targets/); the default target's is OPERATOR_KEY. */
export function targetOperatorKey(target: string): ItemKey {
  return { pk: 'OPERATOR', sk: `TARGET#${target}` };
}

export function revisionKey(at: string, id: string): ItemKey {
  return { pk: REVISION_PARTITION, sk: `${at}#${id}` };
}

export function leaseKey(leaseName: string): ItemKey {
  return { pk: 'LEASE', sk: leaseName };
}

/** A create of several calls in progress (intent-store.ts). */
export function intentKey(identity: string): ItemKey {
  parseIdentity(identity);
  return { pk: INTENT_PARTITION, sk: identity };
}

/** A notification not yet delivered to every receiver; `id` is its event's id. */
export function outboxKey(id: string): ItemKey {
  return { pk: OUTBOX_PARTITION, sk: id };
}

/** One delivery (a message, or a digest of several) to one receiver. */
export function deliveryKey(at: string, receiver: string, deliveryId: string): ItemKey {
  return { pk: DELIVERY_PARTITION, sk: `${at}#${receiver}#${deliveryId}` };
}
