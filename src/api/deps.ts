import type { Logger } from 'pino';
import type {
  OperatorState,
  ResourceStatus,
  RevisionRecord,
  StateEvent,
  StatusFilter,
} from '../state/types.ts';
import type { MetricsSource } from './metrics.ts';
import type { StatusSnapshots } from './status-snapshots.ts';
import type { RecordedEvents, WatchHub } from './watch/watch-hub.ts';

/** The read side of the state store (src/state/state-store.ts): all the API ever asks of it. */
export interface StatusReader {
  listStatuses(filter?: StatusFilter): Promise<ResourceStatus[]>;
  getStatus(identity: string): Promise<ResourceStatus | undefined>;
  /** Newest first; of one resource, or of all when `identity` is undefined. */
  listEvents(identity: string | undefined, limit: number): Promise<StateEvent[]>;
  getOperator(): Promise<OperatorState>;
  /** Newest first. */
  listRevisions(limit?: number): Promise<RevisionRecord[]>;
}

export interface PruneAllowRequest {
  readonly revision?: string;
  readonly emptySource?: boolean;
}

export type PruneAllowOutcome =
  | { readonly allowed: true; readonly revisionId: string; readonly expiresInMs: number }
  | { readonly allowed: false; readonly reason: string };

/** What a person may ask the operator to do through the API; the operator implements it. */
export interface OperatorActions {
  /** Look at the source now. */
  sync(): Promise<void>;
  /** Queue one resource (`Kind/namespace/name`) for a pass now; `unknown` when no manifest names it. */
  reconcile(identity: string): Promise<'queued' | 'unknown'>;
  /**
   * The prune-guard override: let the revision in force (`revision`, when named, must be it)
   * delete what it would delete, for a while; an empty source needs `emptySource`.
   */
  allowPrune(request: PruneAllowRequest): Promise<PruneAllowOutcome>;
  /** What the next pass would do, as ApiPlan (src/api/plan-view.ts). */
  plan(): Promise<unknown>;
  /**
   * Suspends or resumes one resource (`Kind/namespace/name`) or every one (`*`): observed, never
   * written. `unknown`: no manifest or status names it; `not-leading`: only the leader can.
   */
  suspend(identity: string, suspended: boolean): Promise<SuspendResult>;
  /**
   * Rolls a Service back (`to`: a revision digest or a task definition; by default the one it ran
   * before) and pins it there until its manifest changes.
   */
  rollback(identity: string, request: RollbackRequest): Promise<RollbackResult>;
  /**
   * Promotes or aborts a Service's deployment paused at a rollout gate with a manual check.
   * `not-paused`: nothing of it waits at a manual check now.
   */
  decideRollout(identity: string, decision: 'promote' | 'abort'): Promise<RolloutDecisionResult>;
}

export type RolloutDecisionResult =
  | {
      readonly result: 'decided';
      readonly deployment: string;
      readonly hookId: string;
      readonly stage: string;
    }
  | { readonly result: 'unknown' | 'not-leading' | 'not-paused' };

export interface RollbackRequest {
  readonly to?: string;
}

export type RollbackResult =
  | { readonly result: 'rolled-back'; readonly taskDefinitionArn: string; readonly from?: string }
  | { readonly result: 'unknown' | 'not-leading' | 'not-a-service' }
  | { readonly result: 'refused'; readonly message: string };

export type SuspendResult = 'changed' | 'unchanged' | 'unknown' | 'not-leading';

export interface ApiDeps {
  readonly status: StatusReader;
  /**
   * What GET /status and /drift answer from; by default snapshots of `status`, read again at
   * most once a second. Give one over an uncached reader with `changes` to see writes at once.
   */
  readonly snapshots?: StatusSnapshots;
  /** Events recorded in this process, for GET /watch (the state store); without, it streams statuses only. */
  readonly events?: RecordedEvents;
  /** GET /watch's hub; by default one over `snapshots` and `events`. */
  readonly watch?: WatchHub;
  readonly actions: OperatorActions;
  readonly metrics: MetricsSource;
  /** Bearer token for the POST routes; without it they answer 403 (not configured). */
  readonly token?: string;
  /** The token is needed on the reads too (all but /healthz, /readyz, the dashboard page and /docs). */
  readonly protectReads?: boolean;
  /** True once the first pass is done. */
  readonly ready: () => boolean;
  /** Request logs go here, with the authorization header redacted. Default: no logging. */
  readonly logger?: Logger;
}
