import type { RevisionHistory } from '../source/revision-history.ts';
import type { FencedState, StateStore } from '../state/index.ts';

/**
 * Revision history and source errors into the state table. Only the leader
 * writes (fenced); other replicas keep theirs to themselves.
 */
export function stateHistory(store: StateStore, fenced: FencedState): RevisionHistory {
  return {
    record(entry) {
      return fenced.write(async (token) => {
        const errors = (entry.errors ?? []).map((error) => ({
          code: error.code,
          file: error.file,
          line: error.line,
          column: error.column,
          path: error.path ?? '',
          message: error.message,
        }));
        await store.recordRevision(
          {
            id: entry.id,
            at: entry.at,
            source: entry.source,
            result: entry.result,
            errorCount: entry.errorCount,
            ...(entry.result === 'rejected' ? { errors } : {}),
          },
          token,
        );
        if (entry.result === 'rejected') {
          await store.updateOperator({ sourceErrors: errors }, token);
        } else if (entry.result === 'applied') {
          await store.updateOperator({ sourceErrors: [], lastGoodRevision: entry.id }, token);
        }
      });
    },
  };
}
