import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { ResourceStatus } from '../state/types.ts';
import { HEALTH_STATUSES, SYNC_STATUSES } from '../state/types.ts';

/** Outcome label of shipshape_aws_calls_total; the vocabulary of src/aws/call-stats.ts. */
export type AwsCallOutcome = 'ok' | 'error' | 'throttled';

/** The operator's metrics, registered on their own registry, updated by the operator, scraped at /metrics. */
export interface MetricsSource {
  readonly registry: Registry;
  /** Labels kind, outcome (e.g. succeeded, failed, requeued). */
  readonly reconcileDuration: Histogram<'kind' | 'outcome'>;
  readonly queueDepth: Gauge;
  readonly awsCalls: Counter<'service' | 'operation' | 'outcome'>;
  readonly awsThrottles: Counter<'service'>;
  readonly resources: Gauge<'sync' | 'health'>;
  /** Drifting fields over all resources. */
  readonly driftFields: Gauge;
  /** 1 with label revision = the revision in force; set with setRevisionInForce. */
  readonly revisionInfo: Gauge<'revision'>;
  /** 1 on the replica holding the lease, 0 elsewhere. */
  readonly leader: Gauge;
  /** Completed looks at AWS by kind: `resync` (every kind listed) and `scan` (the batched drift scan). */
  readonly looks: Counter<'kind'>;
}

/** A fresh registry (never the global one, so several operators or tests never share counts). */
export function createMetrics(): MetricsSource {
  const registry = new Registry();
  const registers = [registry];
  return {
    registry,
    reconcileDuration: new Histogram({
      name: 'shipshape_reconcile_duration_seconds',
      help: 'Time one resource reconcile took, by kind and outcome.',
      labelNames: ['kind', 'outcome'],
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
      registers,
    }),
    queueDepth: new Gauge({
      name: 'shipshape_queue_depth',
      help: 'Resources waiting in the work queue.',
      registers,
    }),
    awsCalls: new Counter({
      name: 'shipshape_aws_calls_total',
      help: 'AWS API calls by service, operation and outcome (ok, error, throttled).',
      labelNames: ['service', 'operation', 'outcome'],
      registers,
    }),
    awsThrottles: new Counter({
      name: 'shipshape_aws_throttles_total',
      help: 'AWS throttling answers by service.',
      labelNames: ['service'],
      registers,
    }),
    resources: new Gauge({
      name: 'shipshape_resources',
      help: 'Managed resources by sync and health status.',
      labelNames: ['sync', 'health'],
      registers,
    }),
    driftFields: new Gauge({
      name: 'shipshape_drift_fields',
      help: 'Fields that differ between manifests and AWS, over all resources.',
      registers,
    }),
    revisionInfo: new Gauge({
      name: 'shipshape_revision_info',
      help: 'The manifest revision in force (value 1, revision as label).',
      labelNames: ['revision'],
      registers,
    }),
    leader: new Gauge({
      name: 'shipshape_leader',
      help: '1 when this replica holds the leader lease, else 0.',
      registers,
    }),
    looks: new Counter({
      name: 'shipshape_looks_total',
      help: 'Completed looks at AWS: resync (every kind listed) and scan (the batched drift scan).',
      labelNames: ['kind'],
      registers,
    }),
  };
}

/** Sets shipshape_resources (every sync × health pair, zeros included) and shipshape_drift_fields. */
export function setResourceCounts(metrics: MetricsSource, statuses: readonly ResourceStatus[]): void {
  const counts = new Map<string, number>();
  let drift = 0;
  for (const status of statuses) {
    const key = `${status.sync}/${status.health}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
    drift += status.driftCount ?? status.drift.length;
  }
  for (const sync of SYNC_STATUSES) {
    for (const health of HEALTH_STATUSES) {
      metrics.resources.set({ sync, health }, counts.get(`${sync}/${health}`) ?? 0);
    }
  }
  metrics.driftFields.set(drift);
}

/** Keeps exactly one shipshape_revision_info series: the revision in force. */
export function setRevisionInForce(metrics: MetricsSource, revision: string | undefined): void {
  metrics.revisionInfo.reset();
  if (revision !== undefined) metrics.revisionInfo.set({ revision }, 1);
}

/** For the operator's onReconcile hook: identity `Kind/namespace/name`, duration in ms. */
export function recordReconcile(
  metrics: MetricsSource,
  identity: string,
  durationMs: number,
  outcome: string,
): void {
  const kind = identity.split('/')[0] ?? identity;
  metrics.reconcileDuration.observe({ kind, outcome }, durationMs / 1000);
}

/** One AWS call; a throttled one also counts in shipshape_aws_throttles_total. */
export function recordAwsCall(
  metrics: MetricsSource,
  service: string,
  operation: string,
  outcome: AwsCallOutcome,
): void {
  metrics.awsCalls.inc({ service, operation, outcome });
  if (outcome === 'throttled') metrics.awsThrottles.inc({ service });
}
