import type { Plan, PlannedChange } from '../converge/plan-types.ts';
import type { DriftEntry } from '../diff/index.ts';
import { redactDrift } from '../redact/index.ts';

/** GET /plan's body: what the next pass would do, without manifests and observed state. */
export interface ApiPlan {
  readonly changes: readonly ApiPlannedChange[];
  readonly summary: Record<PlannedChange['action'], number>;
}

export interface ApiPlannedChange {
  readonly identity: string;
  readonly kind: string;
  readonly action: PlannedChange['action'];
  readonly drift?: readonly DriftEntry[];
  readonly message?: string;
}

/** For OperatorActions.plan(): the operator's Plan as the API shows it, secret-looking values redacted. */
export function toApiPlan(plan: Plan): ApiPlan {
  const summary = { create: 0, update: 0, replace: 0, delete: 0, release: 0, noop: 0, conflict: 0 };
  const changes = plan.changes.map((change): ApiPlannedChange => {
    summary[change.action] += 1;
    const base = { identity: change.identity, kind: change.kind, action: change.action };
    if ('drift' in change) return { ...base, drift: redactDrift(change.drift) };
    if (change.action === 'conflict') return { ...base, message: change.message };
    return base;
  });
  return { changes, summary };
}
