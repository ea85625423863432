import type { ConfigKey } from './config-type.ts';

/** Where one setting can come from: environment variables (the first set one wins) and a flag. */
export interface SettingSource {
  readonly env: readonly string[];
  /** Absent for the token: a flag would show it in `ps` and in the task's command line. */
  readonly flag?: string;
}

/** Every setting's environment variables and flag; a flag overrides the environment. */
export const SETTING_SOURCES: { readonly [K in ConfigKey]: SettingSource } = {
  source: { env: ['SHIPSHAPE_SOURCE'], flag: 'source' },
  sourceQueueUrl: { env: ['SHIPSHAPE_SOURCE_QUEUE_URL'], flag: 'source-queue-url' },
  stateTable: { env: ['SHIPSHAPE_STATE_TABLE'], flag: 'state-table' },
  region: { env: ['AWS_REGION', 'AWS_DEFAULT_REGION'], flag: 'region' },
  endpoint: { env: ['AWS_ENDPOINT_URL'], flag: 'endpoint-url' },
  instance: { env: ['SHIPSHAPE_INSTANCE'], flag: 'instance' },
  replicaId: { env: ['SHIPSHAPE_REPLICA_ID'], flag: 'replica-id' },
  apiHost: { env: ['SHIPSHAPE_API_HOST'], flag: 'host' },
  apiPort: { env: ['SHIPSHAPE_API_PORT'], flag: 'port' },
  apiToken: { env: ['SHIPSHAPE_API_TOKEN'] },
  apiProtectReads: { env: ['SHIPSHAPE_API_PROTECT_READS'], flag: 'api-protect-reads' },
  pollSeconds: { env: ['SHIPSHAPE_POLL_SECONDS'], flag: 'poll-seconds' },
  maxFileBytes: { env: ['SHIPSHAPE_MAX_FILE_BYTES'], flag: 'max-file-bytes' },
  maxRevisionBytes: { env: ['SHIPSHAPE_MAX_REVISION_BYTES'], flag: 'max-revision-bytes' },
  maxDocuments: { env: ['SHIPSHAPE_MAX_DOCUMENTS'], flag: 'max-documents' },
  resyncSeconds: { env: ['SHIPSHAPE_RESYNC_SECONDS'], flag: 'resync-seconds' },
  driftScanSeconds: { env: ['SHIPSHAPE_DRIFT_SCAN_SECONDS'], flag: 'drift-scan-seconds' },
  tagResyncSeconds: { env: ['SHIPSHAPE_TAG_RESYNC_SECONDS'], flag: 'tag-resync-seconds' },
  workers: { env: ['SHIPSHAPE_WORKERS'], flag: 'workers' },
  rateShare: { env: ['SHIPSHAPE_RATE_SHARE'], flag: 'rate-share' },
  pruneShare: { env: ['SHIPSHAPE_PRUNE_SHARE'], flag: 'prune-share' },
  pruneOverrideSeconds: { env: ['SHIPSHAPE_PRUNE_OVERRIDE_SECONDS'], flag: 'prune-override-seconds' },
  crashLoopCount: { env: ['SHIPSHAPE_CRASH_LOOP_COUNT'], flag: 'crash-loop-count' },
  crashLoopWindowSeconds: { env: ['SHIPSHAPE_CRASH_LOOP_WINDOW_SECONDS'], flag: 'crash-loop-window-seconds' },
  suspend: { env: ['SHIPSHAPE_SUSPEND'], flag: 'suspend' },
  logLevel: { env: ['SHIPSHAPE_LOG_LEVEL'], flag: 'log-level' },
  leaseDurationSeconds: { env: ['SHIPSHAPE_LEASE_DURATION_SECONDS'], flag: 'lease-duration-seconds' },
  leaseRenewDeadlineSeconds: {
    env: ['SHIPSHAPE_LEASE_RENEW_DEADLINE_SECONDS'],
    flag: 'lease-renew-deadline-seconds',
  },
  leaseRetrySeconds: { env: ['SHIPSHAPE_LEASE_RETRY_SECONDS'], flag: 'lease-retry-seconds' },
  probeProxy: { env: ['SHIPSHAPE_PROBE_PROXY'], flag: 'probe-proxy' },
  // No flag: it carries webhook secrets and Slack URLs.
  notifications: { env: ['SHIPSHAPE_NOTIFICATIONS'] },
};

/** "SHIPSHAPE_WORKERS or --workers": how an error message names a setting. */
export function describeSource(key: ConfigKey): string {
  const { env, flag } = SETTING_SOURCES[key];
  return [...env, ...(flag === undefined ? [] : [`--${flag}`])].join(' or ');
}
