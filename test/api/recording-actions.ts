import type {
  OperatorActions,
  PruneAllowOutcome,
  PruneAllowRequest,
  RollbackRequest,
  RollbackResult,
  RolloutDecisionResult,
  SuspendResult,
} from '../../src/api/deps.ts';
import type { ApiPlan } from '../../src/api/plan-view.ts';

/** Our own OperatorActions, recording what the API asked for. */
export class RecordingActions implements OperatorActions {
  readonly calls: string[] = [];
  readonly known = new Set(['Service/shop/web']);
  /** When set, plan() fails with this message, as an operator that cannot plan would. */
  planFailure: string | undefined;

  async sync(): Promise<void> {
    this.calls.push('sync');
  }

  async reconcile(identity: string): Promise<'queued' | 'unknown'> {
    this.calls.push(`reconcile ${identity}`);
    return this.known.has(identity) ? 'queued' : 'unknown';
  }

  async allowPrune(request: PruneAllowRequest): Promise<PruneAllowOutcome> {
    this.calls.push(`allowPrune ${JSON.stringify(request)}`);
    if (request.revision !== undefined && request.revision !== 'sha256:held') {
      return { allowed: false, reason: `the revision in force is sha256:held, not ${request.revision}` };
    }
    return { allowed: true, revisionId: 'sha256:held', expiresInMs: 3_600_000 };
  }

  async suspend(identity: string, suspended: boolean): Promise<SuspendResult> {
    this.calls.push(`${suspended ? 'suspend' : 'resume'} ${identity}`);
    return identity === '*' || this.known.has(identity) ? 'changed' : 'unknown';
  }

  /** Rolls Service/shop/web back: to its `to`, else to web:1; `refuse` is refused. */
  async rollback(identity: string, request: RollbackRequest): Promise<RollbackResult> {
    this.calls.push(`rollback ${identity} ${JSON.stringify(request)}`);
    if (!identity.startsWith('Service/')) return { result: 'not-a-service' };
    if (!this.known.has(identity)) return { result: 'unknown' };
    if (request.to === 'refuse')
      return { result: 'refused', message: 'ECS does not know task definition refuse' };
    return { result: 'rolled-back', taskDefinitionArn: request.to ?? 'web:1', from: 'web:2' };
  }

  /** Service/shop/web's rollout is paused at a manual gate until one decision is taken. */
  readonly pausedAtGate = new Set(['Service/shop/web']);

  async decideRollout(identity: string, decision: 'promote' | 'abort'): Promise<RolloutDecisionResult> {
    this.calls.push(`${decision} ${identity}`);
    if (!this.known.has(identity)) return { result: 'unknown' };
    if (!this.pausedAtGate.delete(identity)) return { result: 'not-paused' };
    return { result: 'decided', deployment: 'arn:sd/1', hookId: 'hook-1', stage: 'POST_TEST_TRAFFIC_SHIFT' };
  }

  async plan(): Promise<ApiPlan> {
    this.calls.push('plan');
    if (this.planFailure !== undefined) throw new Error(this.planFailure);
    return {
      changes: [
        {
          identity: 'Service/shop/web',
          kind: 'Service',
          action: 'update',
          drift: [{ path: 'desiredCount', desired: 2, actual: 5 }],
        },
        { identity: 'Cluster/ops/main', kind: 'Cluster', action: 'create' },
        { identity: 'TargetGroup/shop/web', kind: 'TargetGroup', action: 'conflict', message: 'not owned' },
      ],
      summary: { create: 1, update: 1, replace: 0, delete: 0, release: 0, noop: 0, conflict: 1 },
    };
  }
}
