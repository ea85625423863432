/** How the operator runs; each default is documented in docs/CONFIGURATION.md. */
export interface OperatorSettings {
  /** Concurrent reconciles. */
  readonly workers: number;
  /** Full resync: every kind listed, every resource reconciled (spread over the interval). */
  readonly resyncMs: number;
  /** Batched re-read of the scanned kinds (services, clusters) between resyncs. */
  readonly driftScanMs: number;
  /** A revision deleting more than this share of the owned resources is held back. */
  readonly pruneShare: number;
  /** How long a prune-guard override lasts (it also ends when another revision comes into force). */
  readonly pruneOverrideMs: number;
  /** Tasks stopping this many times within `crashLoopWindowMs` make a service Degraded. */
  readonly crashLoopCount: number;
  readonly crashLoopWindowMs: number;
  /** Nothing is written to AWS while set. */
  readonly suspend: boolean;
  /** How long after a write the resource is looked at again. */
  readonly verifyAfterMs: number;
  /** Tags that describes do not carry (ELBv2, Cloud Map, Auto Scaling) are read again after about this long. */
  readonly tagResyncMs: number;
  /** How often a replica checks whether it leads (no AWS call: the lease's own state). */
  readonly leaderCheckMs: number;
  /** A plain HTTP proxy the rollout gate's http checks go through; unset: straight. */
  readonly probeProxy?: string;
}

export const DEFAULT_SETTINGS: OperatorSettings = {
  workers: 4,
  resyncMs: 60_000,
  driftScanMs: 15_000,
  pruneShare: 0.25,
  pruneOverrideMs: 60 * 60_000,
  crashLoopCount: 3,
  crashLoopWindowMs: 10 * 60_000,
  suspend: false,
  verifyAfterMs: 5_000,
  tagResyncMs: 10 * 60_000,
  leaderCheckMs: 1_000,
};
