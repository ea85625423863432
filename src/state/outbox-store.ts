import { type Item, num, oneOf, optionalText, stringList, text } from './decode.ts';
import type { FencedWrite } from './fenced-write.ts';
import { DELIVERY_PARTITION, deliveryKey, OUTBOX_PARTITION, outboxKey } from './keys.ts';
import { boundMessage } from './limits.ts';
import { newestInPartition, queryPages } from './query-pages.ts';
import type { StoreContext } from './store-context.ts';
import { TTL_ATTRIBUTE } from './table.ts';
import type { EventType } from './types.ts';

const EVENT_TYPES: readonly EventType[] = ['Normal', 'Warning'];
/** Undelivered notifications older than this are given up (and expire by TTL). */
const OUTBOX_TTL_SECONDS = 2 * 24 * 3600;
const DELIVERY_TTL_SECONDS = 7 * 24 * 3600;
/** A digest's delivery record names this many of its events; `events` counts them all. */
const DELIVERY_EVENT_IDS = 20;

/** A notification waiting in the state table until every receiver it is for has had it. */
export interface OutboxEntry {
  /** The id of the event it tells of (`<at>#<identity>#<unique>`), or of the revision record. */
  readonly id: string;
  /** `Kind/namespace/name`, or `operator`. */
  readonly identity: string;
  /** ISO 8601. */
  readonly at: string;
  readonly type: EventType;
  /** A notification reason (NOTIFICATION_REASONS). */
  readonly reason: string;
  readonly message: string;
  /** The receivers still to deliver it to. */
  readonly pending: readonly string[];
}

/** The outcome of one delivery, kept as the delivery log. */
export interface DeliveryRecord {
  readonly receiver: string;
  /** The event id of a single message, or `digest-<hash>`. */
  readonly deliveryId: string;
  /** ISO 8601: when it was settled. */
  readonly at: string;
  readonly outcome: 'delivered' | 'failed';
  readonly attempts: number;
  /** The events it carried (a digest carries many). */
  readonly eventIds: readonly string[];
  /** The last HTTP status, when there was one. */
  readonly status?: number;
  /** Why the last attempt failed (never a secret: built by the sender from status and error code). */
  readonly error?: string;
}

/** A delivery as the log keeps it: `eventIds` cut to the first 20, `events` counting them all. */
export type LoggedDelivery = DeliveryRecord & { readonly events: number };

/** Decides which events become notifications, and hears of those written. */
export interface EventTap {
  entryFor(
    event: { identity: string; at: string; type: EventType; reason: string; message: string },
    id: string,
  ): OutboxEntry | undefined;
  recorded(entry: OutboxEntry): void;
}

export function outboxPut(context: StoreContext, entry: OutboxEntry): FencedWrite {
  return {
    kind: 'put',
    item: {
      ...outboxKey(entry.id),
      ...entry,
      message: boundMessage(entry.message),
      pending: [...entry.pending],
      [TTL_ATTRIBUTE]: Math.floor(context.clock.now() / 1000) + OUTBOX_TTL_SECONDS,
    },
  };
}

/** What is left of an entry once some receivers have had it: fewer pending, or gone. */
export function outboxSettled(id: string, pending: readonly string[]): FencedWrite {
  return pending.length === 0
    ? { kind: 'delete', key: outboxKey(id) }
    : { kind: 'update', key: outboxKey(id), set: { pending: [...pending] } };
}

export function deliveryPut(context: StoreContext, record: DeliveryRecord): FencedWrite {
  return {
    kind: 'put',
    item: {
      ...deliveryKey(record.at, record.receiver, record.deliveryId),
      ...record,
      events: record.eventIds.length,
      eventIds: record.eventIds.slice(0, DELIVERY_EVENT_IDS),
      ...(record.error === undefined ? {} : { error: boundMessage(record.error) }),
      [TTL_ATTRIBUTE]: Math.floor(context.clock.now() / 1000) + DELIVERY_TTL_SECONDS,
    },
  };
}

/** Oldest first. Entries past their TTL are left out. */
export async function listOutbox(context: StoreContext): Promise<OutboxEntry[]> {
  const items = await queryPages(context.doc, {
    TableName: context.table,
    KeyConditionExpression: 'pk = :pk',
    FilterExpression: '#ttl > :now',
    ExpressionAttributeNames: { '#ttl': TTL_ATTRIBUTE },
    ExpressionAttributeValues: { ':pk': OUTBOX_PARTITION, ':now': Math.floor(context.clock.now() / 1000) },
  });
  return items.map(toEntry);
}

/** Newest first. `eventIds` holds at most the first 20 of a digest's events. */
export async function listDeliveries(context: StoreContext, limit: number): Promise<LoggedDelivery[]> {
  const items = await newestInPartition(context.doc, context.table, DELIVERY_PARTITION, limit);
  return items.map(toDelivery);
}

function toEntry(item: Item): OutboxEntry {
  return {
    id: text(item, 'id'),
    identity: text(item, 'identity'),
    at: text(item, 'at'),
    type: oneOf(item, 'type', EVENT_TYPES),
    reason: text(item, 'reason'),
    message: text(item, 'message'),
    pending: stringList(item, 'pending'),
  };
}

function toDelivery(item: Item): LoggedDelivery {
  const status = item.status;
  const error = optionalText(item, 'error');
  return {
    receiver: text(item, 'receiver'),
    deliveryId: text(item, 'deliveryId'),
    at: text(item, 'at'),
    outcome: oneOf(item, 'outcome', ['delivered', 'failed'] as const),
    attempts: num(item, 'attempts'),
    eventIds: stringList(item, 'eventIds'),
    events: num(item, 'events'),
    ...(typeof status === 'number' ? { status } : {}),
    ...(error === undefined ? {} : { error }),
  };
}
