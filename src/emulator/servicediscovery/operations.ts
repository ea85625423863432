import type { RequestContext } from '../core/context.ts';
import { InputReader } from '../core/input.ts';
import type { JsonObject, JsonValue } from '../core/json.ts';
import { pageOf } from '../core/pages.ts';
import { CloudMapError, invalidInput } from './errors.ts';
import { operationId } from './ids.ts';
import { CLOUD_MAP, type CloudMapState, type Operation, type OperationType } from './state.ts';
import { toSeconds } from './time.ts';

/** How long operations take: SUBMITTED, then PENDING, then SUCCESS. */
const DURATION_MS: Readonly<Record<OperationType, { pending: number; done: number }>> = {
  CREATE_NAMESPACE: { pending: 1_000, done: 5_000 },
  DELETE_NAMESPACE: { pending: 1_000, done: 5_000 },
  UPDATE_NAMESPACE: { pending: 1_000, done: 3_000 },
  UPDATE_SERVICE: { pending: 500, done: 2_000 },
  REGISTER_INSTANCE: { pending: 500, done: 2_000 },
  DEREGISTER_INSTANCE: { pending: 500, done: 2_000 },
};

export function startOperation(
  state: CloudMapState,
  type: OperationType,
  targets: Record<string, string>,
  now: number,
  complete?: () => void,
): Operation {
  const duration = DURATION_MS[type];
  const operation: Operation = {
    id: operationId(),
    type,
    status: 'SUBMITTED',
    createDate: now,
    updateDate: now,
    targets,
    pendingAt: now + duration.pending,
    doneAt: now + duration.done,
    complete,
  };
  state.operations.set(operation.id, operation);
  state.unfinished.add(operation.id);
  return operation;
}

/** Moves unfinished operations along the clock; looks at nothing else. */
export function advanceOperations(state: CloudMapState, now: number): void {
  if (state.unfinished.size === 0) return;
  for (const id of state.unfinished) {
    const operation = state.operations.get(id);
    if (operation === undefined) {
      state.unfinished.delete(id);
      continue;
    }
    if (now >= operation.doneAt) {
      operation.status = 'SUCCESS';
      operation.updateDate = operation.doneAt;
      state.unfinished.delete(id);
      operation.complete?.();
    } else if (now >= operation.pendingAt && operation.status === 'SUBMITTED') {
      operation.status = 'PENDING';
      operation.updateDate = operation.pendingAt;
    }
  }
}

function render(operation: Operation, accountId: string): JsonObject {
  return {
    Id: operation.id,
    OwnerAccount: accountId,
    Type: operation.type,
    Status: operation.status,
    CreateDate: toSeconds(operation.createDate),
    UpdateDate: toSeconds(operation.updateDate),
    Targets: { ...operation.targets },
  };
}

export function getOperation(input: JsonObject, context: RequestContext): JsonValue {
  const reader = new InputReader(input, invalidInput);
  const id = reader.requiredString('OperationId', { max: 255 });
  const operation = context.world.get(CLOUD_MAP).operations.get(id);
  if (operation === undefined) throw new CloudMapError('OperationNotFound', `Operation not found: ${id}`);
  return { Operation: render(operation, context.accountId) };
}

const FILTERS = ['NAMESPACE_ID', 'SERVICE_ID', 'STATUS', 'TYPE', 'UPDATE_DATE'] as const;

function matcher(filter: InputReader): (operation: Operation) => boolean {
  const name = filter.requiredString('Name', { oneOf: FILTERS });
  const values = filter.stringArray('Values') ?? [];
  const condition = filter.string('Condition', { oneOf: ['EQ', 'IN', 'BETWEEN'] }) ?? 'EQ';
  if (condition === 'EQ' && values.length !== 1) throw invalidInput(`Filter ${name} with EQ takes one value`);
  if (name === 'UPDATE_DATE') {
    if (condition !== 'BETWEEN' || values.length !== 2)
      throw invalidInput('Filter UPDATE_DATE takes BETWEEN with two values');
    const [from, to] = values.map((value) => Number(value) * 1000);
    return (operation) => operation.updateDate >= (from ?? 0) && operation.updateDate <= (to ?? 0);
  }
  if (condition === 'BETWEEN') throw invalidInput(`Filter ${name} does not take BETWEEN`);
  const wanted = new Set(values);
  const field = (operation: Operation): string | undefined => {
    if (name === 'STATUS') return operation.status;
    if (name === 'TYPE') return operation.type;
    return operation.targets[name === 'NAMESPACE_ID' ? 'NAMESPACE' : 'SERVICE'];
  };
  return (operation) => {
    const value = field(operation);
    return value !== undefined && wanted.has(value);
  };
}

export function listOperations(input: JsonObject, context: RequestContext): JsonValue {
  const reader = new InputReader(input, invalidInput);
  const max = reader.number('MaxResults', { min: 1, max: 100 }) ?? 100;
  const filters = (reader.array('Filters') ?? []).map((raw) => {
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
      throw invalidInput('Filters must be objects');
    return matcher(new InputReader(raw, invalidInput));
  });
  const matching = [...context.world.get(CLOUD_MAP).operations.values()].filter((operation) =>
    filters.every((match) => match(operation)),
  );
  const page = pageOf(matching, reader.string('NextToken'), max, invalidInput);
  return {
    Operations: page.items.map((operation) => ({ Id: operation.id, Status: operation.status })),
    ...(page.nextToken === undefined ? {} : { NextToken: page.nextToken }),
  };
}
