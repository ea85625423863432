import { DEFAULT_SETTINGS, type OperatorSettings } from '../converge/settings.ts';
import type { ReadLimits } from '../manifest/limits.ts';
import type { Config } from './config-type.ts';

const MS = 1000;

/** The reconciler's settings from the configuration (seconds become milliseconds). */
export function operatorSettingsOf(config: Config): OperatorSettings {
  return {
    ...DEFAULT_SETTINGS,
    workers: config.workers,
    resyncMs: config.resyncSeconds * MS,
    driftScanMs: config.driftScanSeconds * MS,
    tagResyncMs: config.tagResyncSeconds * MS,
    pruneShare: config.pruneShare,
    pruneOverrideMs: config.pruneOverrideSeconds * MS,
    crashLoopCount: config.crashLoopCount,
    crashLoopWindowMs: config.crashLoopWindowSeconds * MS,
    suspend: config.suspend,
    ...(config.probeProxy === undefined ? {} : { probeProxy: config.probeProxy }),
  };
}

/** The caps on what the source may hand over, as the sources and loadRevision take them. */
export function readLimitsOf(config: Config): ReadLimits {
  return {
    fileBytes: config.maxFileBytes,
    revisionBytes: config.maxRevisionBytes,
    documents: config.maxDocuments,
  };
}

/** The leader lease's timings, as LeaseManagerOptions takes them. */
export function leaseTimingsOf(config: Config): {
  readonly durationMs: number;
  readonly renewDeadlineMs: number;
  readonly retryPeriodMs: number;
} {
  return {
    durationMs: config.leaseDurationSeconds * MS,
    renewDeadlineMs: config.leaseRenewDeadlineSeconds * MS,
    retryPeriodMs: config.leaseRetrySeconds * MS,
  };
}
