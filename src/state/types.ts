/** The status vocabulary of docs/STATE.md and the design: what the state store keeps. */

export type SyncStatus = 'Synced' | 'OutOfSync' | 'Unknown';
export type HealthStatus = 'Healthy' | 'Progressing' | 'Degraded' | 'Missing' | 'Suspended';

export const SYNC_STATUSES: readonly SyncStatus[] = ['Synced', 'OutOfSync', 'Unknown'];
export const HEALTH_STATUSES: readonly HealthStatus[] = [
  'Healthy',
  'Progressing',
  'Degraded',
  'Missing',
  'Suspended',
];

export interface Condition {
  readonly type: string;
  readonly status: 'True' | 'False' | 'Unknown';
  readonly reason: string;
  readonly message: string;
  /** ISO 8601. */
  readonly lastTransitionTime: string;
}

export interface DriftEntry {
  readonly path: string;
  readonly desired: unknown;
  readonly actual: unknown;
  /** Set when desired or actual was too large to keep and is a JSON preview instead. */
  readonly truncated?: boolean;
}

export interface LastError {
  readonly code: string;
  readonly message: string;
  /** ISO 8601. */
  readonly at: string;
}

export interface ResourceStatus {
  /** `Kind/namespace/name`. */
  readonly identity: string;
  readonly sync: SyncStatus;
  readonly health: HealthStatus;
  readonly conditions: readonly Condition[];
  readonly appliedRevision?: string;
  readonly drift: readonly DriftEntry[];
  /** True when the drift list was cut to fit in one item; `driftCount` is then the full count. */
  readonly driftTruncated?: boolean;
  readonly driftCount?: number;
  readonly lastError?: LastError;
  /** ISO 8601. */
  readonly observedAt: string;
  /** ARNs and ids of the live resource, e.g. {arn, id}. */
  readonly awsIds: Readonly<Record<string, string>>;
  /** Identities (`Kind/namespace/name`) its manifest references, for the dashboard's graph; absent when none. */
  readonly refs?: readonly string[];
}

export interface StatusFilter {
  readonly namespace?: string;
  readonly kind?: string;
  readonly sync?: SyncStatus;
  readonly health?: HealthStatus;
}

export type EventType = 'Normal' | 'Warning';

export interface StateEvent {
  /** `Kind/namespace/name`, or `operator` for events about Shipshape itself. */
  readonly identity: string;
  /** ISO 8601. */
  readonly at: string;
  readonly type: EventType;
  readonly reason: string;
  readonly message: string;
}

export interface SourceError {
  readonly code: string;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly path: string;
  readonly message: string;
}

export interface PruneGuard {
  readonly held: boolean;
  readonly reason?: string;
  readonly pendingDeletions: number;
  /** Set by a person (API call or setting) to let a held-back revision prune. */
  readonly override: boolean;
}

export interface LastPass {
  /** ISO 8601. */
  readonly at: string;
  readonly outcome: 'succeeded' | 'failed' | 'partial';
  readonly message?: string;
}

export interface OperatorState {
  readonly currentRevision?: string;
  readonly lastGoodRevision?: string;
  readonly sourceErrors: readonly SourceError[];
  readonly leader?: string;
  readonly lastPass?: LastPass;
  readonly pruneGuard: PruneGuard;
  /** Suspended through the API (`Kind/namespace/name`, or `*` for all): observed, never written. */
  readonly suspended?: readonly string[];
  /** Services rolled back through the API (POST /rollback): self-heal leaves them until their manifest changes. */
  readonly rollbacks?: readonly RollbackPin[];
}

/** A rollback through the API, pinned until the manifest moves on. */
export interface RollbackPin {
  /** `Service/namespace/name`. */
  readonly identity: string;
  /** The task definition the service was rolled back to. */
  readonly taskDefinitionArn: string;
  /** ISO 8601. */
  readonly at: string;
  /** The manifest's spec digest when pinned: another digest releases the pin. */
  readonly specDigest: string;
  /** The task definition the manifest asked for when pinned: another one releases the pin too. */
  readonly manifestTaskDefinition?: string;
}

export type RevisionResult = 'applied' | 'rejected' | 'held-back';

export interface RevisionRecord {
  /** The revision's content digest. */
  readonly id: string;
  /** ISO 8601. */
  readonly at: string;
  /** Where it came from, e.g. `s3://bucket/prefix`. */
  readonly source: string;
  readonly result: RevisionResult;
  readonly errorCount: number;
  /** A rejected revision's first errors (MAX_REVISION_ERRORS); errorCount says how many there were. */
  readonly errors?: readonly SourceError[];
  /** Resources this revision left in place and unmanaged (their manifests went, deletionPolicy Retain). */
  readonly released?: readonly string[];
  /** The commit it was read at, where the source keeps commit records (`shipshape push`). */
  readonly commit?: RevisionCommit;
}

/** Who committed a revision: the commit record's own fields (src/source/commit-record.ts). */
export interface RevisionCommit {
  /** The Git SHA, or `sha256:` of the objects when pushed from outside Git. */
  readonly id: string;
  readonly parent?: string;
  readonly author: string;
  readonly message: string;
  /** ISO 8601. */
  readonly time: string;
}
