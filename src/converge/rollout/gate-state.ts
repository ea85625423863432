import type { CheckMemory } from './check-types.ts';

/** The status memory key (among the Service status's ids) that carries the gate's state as JSON. */
export { ROLLOUT_GATE } from '../../providers/ecs/service-health.ts';

export type GateAction = 'CONTINUE' | 'ROLLBACK';
export type CheckState = 'pass' | 'fail' | 'pending';

export interface CheckRecord {
  readonly kind: string;
  readonly state: CheckState;
  readonly message: string;
  readonly memory?: CheckMemory;
}

/**
 * One gate at one paused hook: which deployment and hook, since when, each check's last verdict,
 * and the decision once taken. The decision is written before ContinueServiceDeployment is
 * called, and `sent` once ECS took it, so a restart sends it at most once more (only while the
 * hook is still paused).
 */
export interface GateState {
  readonly deployment: string;
  readonly hookId: string;
  readonly stage: string;
  readonly strategy?: string;
  /** The task definition the deployment rolls out: the one a ROLLBACK leaves failed. */
  readonly taskDefinition?: string;
  /** Epoch ms the gate first saw the hook paused: its timeout counts from then. */
  readonly since: number;
  readonly checks: readonly CheckRecord[];
  readonly decision?: GateAction;
  readonly why?: 'passed' | 'failed' | 'timed-out';
  readonly sent?: boolean;
  /** The hook went on without a decision of the gate (ECS's own timeout, or someone else). */
  readonly ended?: boolean;
  /** A promote or abort through the API, for this deployment and hook. */
  readonly manual?: 'promote' | 'abort';
}

export function readGateState(raw: string | undefined): GateState | undefined {
  if (raw === undefined || raw === '') return undefined;
  try {
    const parsed: unknown = JSON.parse(raw);
    if (typeof parsed !== 'object' || parsed === null) return undefined;
    const state = parsed as GateState;
    return typeof state.deployment === 'string' && typeof state.hookId === 'string' ? state : undefined;
  } catch {
    return undefined;
  }
}

export function writeGateState(state: GateState): string {
  return JSON.stringify(state);
}
