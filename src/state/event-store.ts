import { randomBytes } from 'node:crypto';
import { type Item, oneOf, text } from './decode.ts';
import type { FencedWrite } from './fenced-write.ts';
import { EVENT_INDEX_PARTITION, EVENTS_INDEX, eventIndexSortKey, eventKey, eventPartition } from './keys.ts';
import { boundMessage } from './limits.ts';
import { type EventTap, outboxPut } from './outbox-store.ts';
import { queryPages } from './query-pages.ts';
import type { StoreContext } from './store-context.ts';
import { TTL_ATTRIBUTE } from './table.ts';
import type { EventType, StateEvent } from './types.ts';

const EVENT_TYPES: readonly EventType[] = ['Normal', 'Warning'];

export interface EventRetention {
  /** Events older than this expire (DynamoDB TTL, and filtered out on read). */
  readonly ttlSeconds: number;
  /** Older events of the same resource beyond this count are deleted when a new one is recorded. */
  readonly perResource: number;
}

export const DEFAULT_EVENT_RETENTION: EventRetention = { ttlSeconds: 7 * 24 * 3600, perResource: 50 };

let sequence = 0;

/** Orders events of one writer within a millisecond, and keeps two writers' keys apart. */
function uniqueSuffix(): string {
  sequence = (sequence + 1) % 36 ** 6;
  return `${sequence.toString(36).padStart(6, '0')}${randomBytes(3).toString('hex')}`;
}

export async function recordEvent(
  context: StoreContext,
  event: StateEvent,
  fencingToken: number,
  retention: EventRetention = DEFAULT_EVENT_RETENTION,
  tap?: EventTap,
): Promise<void> {
  const unique = uniqueSuffix();
  const notification = tap?.entryFor(event, eventIndexSortKey(event.identity, event.at, unique));
  const item = {
    ...eventKey(event.identity, event.at, unique),
    gsi1pk: EVENT_INDEX_PARTITION,
    gsi1sk: eventIndexSortKey(event.identity, event.at, unique),
    identity: event.identity,
    at: event.at,
    type: event.type,
    reason: event.reason,
    message: boundMessage(event.message),
    [TTL_ATTRIBUTE]: Math.floor(context.clock.now() / 1000) + retention.ttlSeconds,
  };
  // The notification first: a writer cut short between the two leaves a notification of an event
  // it did not keep, never an event that is not notified.
  const outbox = notification === undefined ? [] : [outboxPut(context, notification)];
  await context.writer.write(fencingToken, [...outbox, { kind: 'put', item }]);
  if (notification !== undefined) tap?.recorded(notification);
  await trimEvents(context, event.identity, retention.perResource, fencingToken);
}

/** Newest first: of one resource when `identity` is given, else of all. Expired events are left out. */
export async function listEvents(
  context: StoreContext,
  identity: string | undefined,
  limit: number,
): Promise<StateEvent[]> {
  const notExpired = {
    FilterExpression: '#ttl > :now',
    ExpressionAttributeNames: { '#ttl': TTL_ATTRIBUTE, '#pk': identity === undefined ? 'gsi1pk' : 'pk' },
  };
  const items = await queryPages(
    context.doc,
    {
      TableName: context.table,
      ...(identity === undefined ? { IndexName: EVENTS_INDEX } : {}),
      KeyConditionExpression: '#pk = :pk',
      ...notExpired,
      ExpressionAttributeValues: {
        ':pk': identity === undefined ? EVENT_INDEX_PARTITION : eventPartition(identity),
        ':now': Math.floor(context.clock.now() / 1000),
      },
      ScanIndexForward: false,
    },
    limit,
  );
  return items.map(toEvent);
}

async function trimEvents(
  context: StoreContext,
  identity: string,
  keep: number,
  fencingToken: number,
): Promise<void> {
  const surplus = await queryPages(context.doc, {
    TableName: context.table,
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': eventPartition(identity) },
    ProjectionExpression: 'pk, sk',
    ScanIndexForward: false,
  });
  const deletions: FencedWrite[] = surplus
    .slice(keep)
    .map((item) => ({ kind: 'delete', key: { pk: text(item, 'pk'), sk: text(item, 'sk') } }));
  await context.writer.write(fencingToken, deletions);
}

function toEvent(item: Item): StateEvent {
  return {
    identity: text(item, 'identity'),
    at: text(item, 'at'),
    type: oneOf(item, 'type', EVENT_TYPES),
    reason: text(item, 'reason'),
    message: text(item, 'message'),
  };
}
