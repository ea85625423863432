import type { OperatorActions } from '../src/api/deps.ts';

const refuse = async (): Promise<never> => {
  throw new Error('not in this bench');
};

/** Operator actions for benches that serve only the read routes. */
export const REFUSING_ACTIONS: OperatorActions = {
  sync: refuse,
  reconcile: refuse,
  allowPrune: refuse,
  plan: refuse,
  suspend: refuse,
  rollback: refuse,
  decideRollout: refuse,
};
