import { ofRevision } from '../notify/reasons.ts';
import type { RevisionHistory, RevisionHistoryEntry } from '../source/revision-history.ts';
import { revisionMessage } from '../source/revision-message.ts';
import type { FencedState, StateStore } from '../state/index.ts';

/**
 * Revision history and source errors into the state table. Only the leader
 * writes (fenced); other replicas keep theirs to themselves. Each outcome is also an operator
 * event (RevisionApplied, RevisionRejected, PruneHeld), written with its notification before the
 * history record: a leader cut short between the two records it again rather than losing it.
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
        if (!(await recordedBefore(store, entry))) {
          await store.recordEvent(
            {
              identity: 'operator',
              at: entry.at,
              type: entry.result === 'applied' ? 'Normal' : 'Warning',
              reason: ofRevision(entry.result),
              message: revisionMessage(entry),
            },
            token,
          );
          await store.recordRevision(
            {
              id: entry.id,
              at: entry.at,
              source: entry.source,
              result: entry.result,
              errorCount: entry.errorCount,
              ...(entry.result === 'rejected' ? { errors } : {}),
              ...(entry.commit === undefined ? {} : { commit: entry.commit }),
            },
            token,
          );
        }
        if (entry.result === 'rejected') {
          await store.updateOperator({ sourceErrors: errors }, token);
        } else if (entry.result === 'applied') {
          await store.updateOperator({ sourceErrors: [], lastGoodRevision: entry.id }, token);
        }
      });
    },
  };
}

/**
 * A leader that starts reads the source afresh and reports the revision in force again: when the
 * newest record already says the same, its predecessor recorded (and notified) it.
 */
async function recordedBefore(store: StateStore, entry: RevisionHistoryEntry): Promise<boolean> {
  const [newest] = await store.listRevisions(1);
  return newest?.id === entry.id && newest.result === entry.result;
}
