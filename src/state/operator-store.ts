import { GetCommand } from '@aws-sdk/lib-dynamodb';
import {
  bool,
  type Item,
  listOfMaps,
  num,
  oneOf,
  optionalMap,
  optionalText,
  present,
  stringList,
  text,
} from './decode.ts';
import { boundMessage } from './limits.ts';
import { MAX_SOURCE_ERRORS, storedSourceErrors, toSourceError } from './source-errors.ts';
import type { StoreContext } from './store-context.ts';
import type { LastPass, OperatorState, PruneGuard, RollbackPin } from './types.ts';

/** A change to the operator item: fields left out stay as they are, `undefined` removes one. */
export type OperatorPatch = { readonly [K in keyof OperatorState]?: OperatorState[K] | undefined };

const PASS_OUTCOMES: readonly LastPass['outcome'][] = ['succeeded', 'failed', 'partial'];

export const NO_PRUNE_HOLD: PruneGuard = { held: false, pendingDeletions: 0, override: false };

export async function updateOperator(
  context: StoreContext,
  patch: OperatorPatch,
  fencingToken: number,
): Promise<void> {
  const set: Record<string, unknown> = { ...patch };
  if (patch.sourceErrors !== undefined) {
    set.sourceErrors = storedSourceErrors(patch.sourceErrors, MAX_SOURCE_ERRORS);
  }
  if (patch.lastPass?.message !== undefined) {
    set.lastPass = { ...patch.lastPass, message: boundMessage(patch.lastPass.message) };
  }
  if (patch.pruneGuard?.reason !== undefined) {
    set.pruneGuard = { ...patch.pruneGuard, reason: boundMessage(patch.pruneGuard.reason) };
  }
  await context.writer.write(fencingToken, [{ kind: 'update', key: context.operatorKey, set }]);
}

export async function getOperator(context: StoreContext): Promise<OperatorState> {
  const read = await context.doc.send(new GetCommand({ TableName: context.table, Key: context.operatorKey }));
  const item = read.Item ?? {};
  const lastPass = optionalMap(item, 'lastPass');
  const pruneGuard = optionalMap(item, 'pruneGuard');
  return {
    ...present({
      currentRevision: optionalText(item, 'currentRevision'),
      lastGoodRevision: optionalText(item, 'lastGoodRevision'),
      leader: optionalText(item, 'leader'),
    }),
    sourceErrors: listOfMaps(item, 'sourceErrors').map(toSourceError),
    ...(lastPass && { lastPass: toLastPass(lastPass) }),
    pruneGuard: pruneGuard === undefined ? NO_PRUNE_HOLD : toPruneGuard(pruneGuard),
    ...(item.suspended === undefined ? {} : { suspended: stringList(item, 'suspended') }),
    ...(item.rollbacks === undefined ? {} : { rollbacks: listOfMaps(item, 'rollbacks').map(toRollbackPin) }),
  };
}

function toRollbackPin(item: Item): RollbackPin {
  return {
    identity: text(item, 'identity'),
    taskDefinitionArn: text(item, 'taskDefinitionArn'),
    at: text(item, 'at'),
    specDigest: text(item, 'specDigest'),
    ...present({ manifestTaskDefinition: optionalText(item, 'manifestTaskDefinition') }),
  };
}

function toLastPass(item: Item): LastPass {
  return {
    at: text(item, 'at'),
    outcome: oneOf(item, 'outcome', PASS_OUTCOMES),
    ...present({ message: optionalText(item, 'message') }),
  };
}

function toPruneGuard(item: Item): PruneGuard {
  return {
    held: bool(item, 'held'),
    ...present({ reason: optionalText(item, 'reason') }),
    pendingDeletions: num(item, 'pendingDeletions'),
    override: bool(item, 'override'),
  };
}
