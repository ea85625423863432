/** How the operator runs; each default is documented in docs/CONFIGURATION.md. */
export interface OperatorSettings {
  /** Concurrent reconciles. */
  readonly workers: number;
  /** Full resync: every resource observed and compared. */
  readonly resyncMs: number;
  /** Batched drift scan of services between resyncs. */
  readonly driftScanMs: number;
  /** A revision deleting more than this share of the owned resources is held back. */
  readonly pruneShare: number;
  /** Tasks stopping this many times within `crashLoopWindowMs` make a service Degraded. */
  readonly crashLoopCount: number;
  readonly crashLoopWindowMs: number;
  /** Nothing is written to AWS while set. */
  readonly suspend: boolean;
  /** How long after a write the resource is looked at again. */
  readonly verifyAfterMs: number;
}

export const DEFAULT_SETTINGS: OperatorSettings = {
  workers: 4,
  resyncMs: 60_000,
  driftScanMs: 15_000,
  pruneShare: 0.25,
  crashLoopCount: 3,
  crashLoopWindowMs: 10 * 60_000,
  suspend: false,
  verifyAfterMs: 5_000,
};
