import type { LeaderGate } from '../converge/operator.ts';
import type { RevisionHistory } from '../source/revision-history.ts';
import type { StateStore } from '../state/index.ts';

/**
 * Revision history and source errors into the state table. Only the leader
 * writes (fenced); other replicas keep theirs to themselves.
 */
export function stateHistory(store: StateStore, leader: LeaderGate): RevisionHistory {
  return {
    async record(entry) {
      const token = leader.fencingToken();
      if (!leader.isLeader() || token === undefined) return;
      await store.recordRevision(
        {
          id: entry.id,
          at: entry.at,
          source: entry.source,
          result: entry.result,
          errorCount: entry.errorCount,
        },
        token,
      );
      if (entry.result === 'rejected') {
        await store.updateOperator(
          {
            sourceErrors: (entry.errors ?? []).map((error) => ({
              code: error.code,
              file: error.file,
              line: error.line,
              column: error.column,
              path: error.path ?? '',
              message: error.message,
            })),
          },
          token,
        );
      } else if (entry.result === 'applied') {
        await store.updateOperator({ sourceErrors: [], lastGoodRevision: entry.id }, token);
      }
    },
  };
}
