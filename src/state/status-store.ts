import { GetCommand } from '@aws-sdk/lib-dynamodb';
import {
  type Item,
  listOfMaps,
  map,
  num,
  oneOf,
  optionalMap,
  optionalText,
  present,
  stringList,
  stringMap,
  text,
} from './decode.ts';
import { parseIdentity, STATUS_PARTITION, statusKey, statusNamespacePrefix } from './keys.ts';
import { boundDrift, boundMessage } from './limits.ts';
import { queryPages } from './query-pages.ts';
import type { StoreContext } from './store-context.ts';
import {
  type Condition,
  type DriftEntry,
  HEALTH_STATUSES,
  type ResourceStatus,
  type StatusFilter,
  SYNC_STATUSES,
} from './types.ts';

const CONDITION_STATUSES: readonly Condition['status'][] = ['True', 'False', 'Unknown'];

/** Writes `status` and returns the item written: `toStatus` of it is what a read now returns. */
export async function putStatus(
  context: StoreContext,
  status: ResourceStatus,
  fencingToken: number,
): Promise<Item> {
  const { kind, namespace, name } = parseIdentity(status.identity);
  const drift = boundDrift(status.drift);
  const item = {
    ...statusKey(status.identity),
    identity: status.identity,
    kind,
    namespace,
    name,
    sync: status.sync,
    health: status.health,
    conditions: status.conditions.map((condition) => ({
      ...condition,
      message: boundMessage(condition.message),
    })),
    appliedRevision: status.appliedRevision,
    // Drift values are arbitrary JSON; a string keeps them exact and its size known.
    driftJson: JSON.stringify(drift.entries),
    driftTruncated: drift.truncated || status.driftTruncated === true,
    driftCount: status.driftCount ?? drift.count,
    lastError: status.lastError && { ...status.lastError, message: boundMessage(status.lastError.message) },
    observedAt: status.observedAt,
    awsIds: status.awsIds,
    ...(status.refs === undefined || status.refs.length === 0 ? {} : { refs: [...status.refs] }),
  };
  await context.writer.write(fencingToken, [{ kind: 'put', item }]);
  return item;
}

export async function getStatus(
  context: StoreContext,
  identity: string,
): Promise<ResourceStatus | undefined> {
  const read = await context.doc.send(new GetCommand({ TableName: context.table, Key: statusKey(identity) }));
  return read.Item === undefined ? undefined : toStatus(read.Item);
}

export async function deleteStatus(
  context: StoreContext,
  identity: string,
  fencingToken: number,
): Promise<void> {
  await context.writer.write(fencingToken, [{ kind: 'delete', key: statusKey(identity) }]);
}

/** Every status, sorted by namespace, kind and name; each filter field narrows when given. */
export async function listStatuses(
  context: StoreContext,
  filter: StatusFilter = {},
): Promise<ResourceStatus[]> {
  const names: Record<string, string> = { '#pk': 'pk' };
  const values: Record<string, unknown> = { ':pk': STATUS_PARTITION };
  let keyCondition = '#pk = :pk';
  if (filter.namespace !== undefined) {
    names['#sk'] = 'sk';
    values[':prefix'] = statusNamespacePrefix(filter.namespace);
    keyCondition += ' AND begins_with(#sk, :prefix)';
  }
  const filters: string[] = [];
  for (const field of ['kind', 'sync', 'health'] as const) {
    const value = filter[field];
    if (value === undefined) continue;
    names[`#${field}`] = field;
    values[`:${field}`] = value;
    filters.push(`#${field} = :${field}`);
  }
  const items = await queryPages(context.doc, {
    TableName: context.table,
    KeyConditionExpression: keyCondition,
    ...(filters.length > 0 ? { FilterExpression: filters.join(' AND ') } : {}),
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
  });
  return items.map(toStatus);
}

/** A status as read back from its item: bounded, defaults filled, unknown fields dropped. */
export function toStatus(item: Item): ResourceStatus {
  const lastError = optionalMap(item, 'lastError');
  return {
    identity: text(item, 'identity'),
    sync: oneOf(item, 'sync', SYNC_STATUSES),
    health: oneOf(item, 'health', HEALTH_STATUSES),
    conditions: listOfMaps(item, 'conditions').map(toCondition),
    drift: parseDrift(text(item, 'driftJson')),
    ...present({ appliedRevision: optionalText(item, 'appliedRevision') }),
    ...(item.driftTruncated === true ? { driftTruncated: true } : {}),
    driftCount: num(item, 'driftCount'),
    ...(lastError && {
      lastError: {
        code: text(lastError, 'code'),
        message: text(lastError, 'message'),
        at: text(lastError, 'at'),
      },
    }),
    observedAt: text(item, 'observedAt'),
    awsIds: item.awsIds === undefined ? {} : stringMap(item, 'awsIds'),
    ...(item.refs === undefined ? {} : { refs: stringList(item, 'refs') }),
  };
}

function toCondition(item: Item): Condition {
  return {
    type: text(item, 'type'),
    status: oneOf(item, 'status', CONDITION_STATUSES),
    reason: text(item, 'reason'),
    message: text(item, 'message'),
    lastTransitionTime: text(item, 'lastTransitionTime'),
  };
}

function parseDrift(json: string): DriftEntry[] {
  const parsed: unknown = JSON.parse(json);
  if (!Array.isArray(parsed)) throw new TypeError('state item field "driftJson" must hold a JSON array');
  return parsed.map((entry: unknown, index) => {
    const field = `driftJson[${index}]`;
    const record = map({ [field]: entry }, field);
    return {
      path: text(record, 'path'),
      desired: record.desired,
      actual: record.actual,
      ...(record.truncated === true ? { truncated: true } : {}),
    };
  });
}
