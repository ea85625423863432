import type { RollbackResult } from '../api/deps.ts';
import type { RollbackOutcome } from '../converge/operator.ts';

/** The operator's rollback outcome as the API's OperatorActions answers it. */
export async function rollbackResult(outcome: Promise<RollbackOutcome>): Promise<RollbackResult> {
  const done = await outcome;
  if (done.done) {
    return {
      result: 'rolled-back',
      taskDefinitionArn: done.taskDefinitionArn,
      ...(done.from === undefined ? {} : { from: done.from }),
    };
  }
  return done.reason === 'refused' ? { result: 'refused', message: done.message } : { result: done.reason };
}
