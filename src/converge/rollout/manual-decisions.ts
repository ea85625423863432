import type { ManualDecision } from './gate.ts';
import { type GateState, readGateState, writeGateState } from './gate-state.ts';

export type RolloutDecisionOutcome =
  | { readonly done: true; readonly deployment: string; readonly hookId: string; readonly stage: string }
  | { readonly done: false; readonly reason: 'not-leading' | 'unknown' | 'not-paused' };

/**
 * Promotes and aborts through the API, by Service identity, for the deployment and hook they
 * were given at. Kept in the gate's state in the Service's status as well (a new leader reads it
 * there); this copy covers a look that was under way when the status was written.
 */
export class ManualDecisions {
  readonly #byIdentity = new Map<string, { deployment: string; hookId: string; decision: ManualDecision }>();

  get(identity: string, deployment: string, hookId: string): ManualDecision | undefined {
    const kept = this.#byIdentity.get(identity);
    return kept?.deployment === deployment && kept.hookId === hookId ? kept.decision : undefined;
  }

  /** The gate state with the decision, or undefined when no manual check waits in `raw`. */
  take(identity: string, raw: string | undefined, decision: ManualDecision): GateState | undefined {
    const state = readGateState(raw);
    const waiting =
      state !== undefined &&
      state.decision === undefined &&
      state.ended !== true &&
      state.manual === undefined &&
      state.checks.some((check) => check.kind === 'manual');
    if (!waiting) return undefined;
    this.#byIdentity.set(identity, { deployment: state.deployment, hookId: state.hookId, decision });
    return { ...state, manual: decision };
  }

  static write(state: GateState): string {
    return writeGateState(state);
  }
}
