import { ContinueServiceDeploymentCommand, type ECSClient, type Service } from '@aws-sdk/client-ecs';
import type { LoadedManifest } from '../../manifest/manifest.ts';
import type { HealthNote, ObservedResource } from '../../providers/types.ts';
import type { CheckMemory, CheckVerdict } from './check-types.ts';
import { type CheckSpec, type GateSpec, gatesOf } from './gate-spec.ts';
import {
  type CheckRecord,
  type GateAction,
  type GateState,
  readGateState,
  writeGateState,
} from './gate-state.ts';
import { type DeploymentInProgress, deploymentInProgress } from './paused-hook.ts';

/** The status condition of a Service whose deployment is paused at a gate (or was, last). */
export const ROLLOUT_CONDITION = 'RolloutGate';
/** Its reason while a manual check waits for promote or abort: the dashboard shows the buttons. */
export const AWAITING_APPROVAL = 'AwaitingApproval';

export type ManualDecision = 'promote' | 'abort';

/** What the gate looks up outside the Service: Jobs, manual decisions, the http and alarm checks. */
export interface GateLookups {
  job(name: string): CheckVerdict;
  manual(deployment: string, hookId: string): ManualDecision | undefined;
  remote(
    check: CheckSpec & { kind: 'http' | 'alarms' },
    memory: CheckMemory | undefined,
    nowMs: number,
  ): Promise<{ verdict: CheckVerdict; memory: CheckMemory }>;
  /** Writes the gate's state to the Service's status now: the decision is kept before ECS is told. */
  persist(raw: string): Promise<void>;
}

export interface GateInput {
  readonly manifest: LoadedManifest;
  readonly live: ObservedResource;
  readonly raw: string | undefined;
  readonly nowMs: number;
  readonly mayWrite: boolean;
  readonly ecs: ECSClient;
}

export interface GateCondition {
  /** True while the gate waits; False once it decided. */
  readonly status: boolean;
  readonly reason: string;
  readonly message: string;
}

export interface GateOutcome {
  /** The state to keep (undefined: nothing to keep). */
  readonly raw?: string;
  readonly notes: readonly HealthNote[];
  readonly condition?: GateCondition;
  /** A deployment is in progress with gates: look again soon. */
  readonly active: boolean;
  /** ContinueServiceDeployment was called. */
  readonly wrote: boolean;
  /** The deployment in progress, as seen at this look. */
  readonly seen?: DeploymentInProgress;
}

const EVENT_OF: Record<NonNullable<GateState['why']>, { type: 'Normal' | 'Warning'; reason: string }> = {
  passed: { type: 'Normal', reason: 'GatePassed' },
  failed: { type: 'Warning', reason: 'GateFailed' },
  'timed-out': { type: 'Warning', reason: 'GateTimedOut' },
};

function summary(state: GateState): string {
  const checks = state.checks.map((check) => `${check.kind} [${check.state}] ${check.message}`).join('; ');
  const at = `${state.strategy ?? 'deployment'} ${state.deployment} at ${state.stage} (hook ${state.hookId}) since ${new Date(state.since).toISOString()}`;
  const decided =
    state.decision === undefined ? '' : `; ${state.decision}${state.sent === true ? ' sent' : ' decided'}`;
  return `${at}: ${checks}${decided}`;
}

async function evaluate(
  check: CheckSpec,
  before: CheckRecord | undefined,
  state: GateState,
  lookups: GateLookups,
  nowMs: number,
): Promise<CheckRecord> {
  switch (check.kind) {
    case 'manual': {
      const decision = state.manual ?? lookups.manual(state.deployment, state.hookId);
      if (decision === 'promote') return { kind: 'manual', state: 'pass', message: 'promoted' };
      if (decision === 'abort') return { kind: 'manual', state: 'fail', message: 'aborted' };
      return { kind: 'manual', state: 'pending', message: 'waiting for promote or abort' };
    }
    case 'job':
      return { kind: `job ${check.job.name}`, ...lookups.job(check.job.name) };
    default: {
      const { verdict, memory } = await lookups.remote(check, before?.memory, nowMs);
      return { kind: check.kind, ...verdict, memory };
    }
  }
}

async function send(ecs: ECSClient, state: GateState, action: GateAction): Promise<boolean> {
  try {
    await ecs.send(
      new ContinueServiceDeploymentCommand({
        serviceDeploymentArn: state.deployment,
        hookId: state.hookId,
        action,
      }),
    );
    return true;
  } catch (error) {
    // The hook is no longer paused (ECS took the decision already, or timed it out): nothing left to send.
    if (error instanceof Error && error.name === 'InvalidParameterException') return false;
    throw error;
  }
}

function conditionOf(state: GateState): GateCondition {
  const waitingManual =
    state.decision === undefined &&
    state.checks.some((check) => check.kind === 'manual' && check.state === 'pending');
  if (state.ended === true && state.decision === undefined)
    return {
      status: false,
      reason: 'Ended',
      message: `${summary(state)}; the hook went on without the gate`,
    };
  const reason =
    state.decision === undefined
      ? waitingManual
        ? AWAITING_APPROVAL
        : 'Waiting'
      : state.decision === 'CONTINUE'
        ? 'Continued'
        : 'RolledBack';
  return { status: state.decision === undefined, reason, message: summary(state) };
}

/**
 * The gate of a Service at its deployment's paused PAUSE hook: its checks, then
 * ContinueServiceDeployment CONTINUE when all pass, ROLLBACK when one fails, onTimeout when the
 * gate's time is up. A decision is persisted before it is sent, and sent again after a restart
 * only while the hook is still paused.
 */
export async function assessGate(input: GateInput, lookups: GateLookups): Promise<GateOutcome> {
  const gates = gatesOf(input.manifest);
  const kept = readGateState(input.raw);
  if (gates.length === 0) return { notes: [], active: false, wrote: false };
  // Not at the kept hook any more: a gate that had not decided is over.
  const idle = (): GateOutcome => {
    const over = kept?.decision === undefined && kept !== undefined ? { ...kept, ended: true } : kept;
    return {
      ...(over === undefined ? {} : { raw: writeGateState(over), condition: conditionOf(over) }),
      notes: [],
      active: false,
      wrote: false,
    };
  };
  const cluster = input.live.ids.cluster;
  const service = input.live.ids.arn;
  if (cluster === undefined || service === undefined || service === '') return idle();
  // DescribeServices already says whether anything rolls: a steady service costs no more calls.
  const deployments = (input.live.detail as Service | undefined)?.deployments;
  if (deployments?.every((each) => each.rolloutState !== 'IN_PROGRESS') === true) return idle();
  const deployment = await deploymentInProgress(input.ecs, cluster, service);
  if (deployment === undefined) return idle();
  const gate = gates.find((candidate) => candidate.stage === deployment.stage);
  if (deployment.pausedHook === undefined || gate === undefined || deployment.stage === undefined) {
    return { ...idle(), active: true, seen: deployment };
  }
  const notes: HealthNote[] = [];
  const taskDefinition = (input.live.detail as Service | undefined)?.taskDefinition;
  let state: GateState;
  if (kept !== undefined && kept.deployment === deployment.arn && kept.hookId === deployment.pausedHook) {
    state = kept;
  } else {
    state = {
      deployment: deployment.arn,
      hookId: deployment.pausedHook,
      stage: deployment.stage,
      ...(deployment.strategy === undefined ? {} : { strategy: deployment.strategy }),
      ...(taskDefinition === undefined ? {} : { taskDefinition }),
      since: input.nowMs,
      checks: gate.checks.map((check) => ({
        kind: check.kind === 'job' ? `job ${check.job.name}` : check.kind,
        state: 'pending',
        message: 'not looked at yet',
      })),
    };
    notes.push({
      type: 'Normal',
      reason: 'GateWaiting',
      message: `paused at ${state.stage} (${state.strategy ?? 'deployment'} ${state.deployment}): checks ${gate.checks.map((check) => check.kind).join(', ')}; ${gate.onTimeout} after ${gate.timeoutSeconds}s`,
    });
  }
  if (state.decision === undefined) state = await decide(state, gate, input, lookups, notes);
  let wrote = false;
  if (state.decision !== undefined && state.sent !== true && input.mayWrite) {
    // Kept first: a crash after ECS took it must not make a second, different decision.
    await lookups.persist(writeGateState(state));
    const taken = await send(input.ecs, state, state.decision);
    wrote = taken;
    state = { ...state, sent: true };
    if (taken)
      notes.push(
        state.decision === 'CONTINUE'
          ? {
              type: 'Normal',
              reason: 'RolloutContinued',
              message: `ContinueServiceDeployment CONTINUE at ${state.stage}`,
            }
          : {
              type: 'Warning',
              reason: 'RolloutRolledBack',
              message: `ContinueServiceDeployment ROLLBACK at ${state.stage}: ${summary(state)}`,
            },
      );
  }
  return {
    raw: writeGateState(state),
    notes,
    condition: conditionOf(state),
    active: true,
    wrote,
    seen: deployment,
  };
}

async function decide(
  state: GateState,
  gate: GateSpec,
  input: GateInput,
  lookups: GateLookups,
  notes: HealthNote[],
): Promise<GateState> {
  const checks: CheckRecord[] = [];
  for (const [index, check] of gate.checks.entries())
    checks.push(await evaluate(check, state.checks[index], state, lookups, input.nowMs));
  let decided: Pick<GateState, 'decision' | 'why'> = {};
  if (checks.some((check) => check.state === 'fail')) decided = { decision: 'ROLLBACK', why: 'failed' };
  else if (checks.every((check) => check.state === 'pass')) decided = { decision: 'CONTINUE', why: 'passed' };
  else if (input.nowMs - state.since >= gate.timeoutSeconds * 1000)
    decided = { decision: gate.onTimeout, why: 'timed-out' };
  const next: GateState = { ...state, checks, ...decided };
  if (next.why !== undefined) {
    const event = EVENT_OF[next.why];
    const timedOut = next.why === 'timed-out' ? ` after ${gate.timeoutSeconds}s: ${gate.onTimeout}` : '';
    notes.push({ type: event.type, reason: event.reason, message: `${summary(next)}${timedOut}` });
  }
  return next;
}
