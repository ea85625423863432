import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { KINDS } from '../manifest/kinds.ts';
import type { ResourceStatus } from '../state/types.ts';
import { driftFieldsOf, kindOfIdentity, setDriftedGauge, setResourceGauge } from './status-gauges.ts';

/** Outcome label of shipshape_aws_calls_total; the vocabulary of src/aws/call-stats.ts. */
export type AwsCallOutcome = 'ok' | 'error' | 'throttled';

/** What the gauges read when scraped, rather than being set on every change: the operator, once it exists. */
export interface LoopReadings {
  readonly queueDepth: number;
  /** How long the longest-waiting queued key has waited, ms; 0 when none waits. */
  readonly oldestQueuedMs: number;
  /** The statuses this replica computed (none on a follower). */
  statuses(): readonly ResourceStatus[];
}

/** The operator's metrics, registered on their own registry, updated by the operator, scraped at /metrics. */
export interface MetricsSource {
  readonly registry: Registry;
  /** Labels kind, outcome: the Controller's outcome (done, requeueAfter, retry, retryAfter, terminal). */
  readonly reconcileDuration: Histogram<'kind' | 'outcome'>;
  /** Read from the loop at scrape time once `readLoop` was called; set by hand before. */
  readonly queueDepth: Gauge;
  readonly queueOldestAge: Gauge;
  /** Time each AWS attempt waited for a token of its API group. */
  readonly rateGateWait: Histogram<'service' | 'group'>;
  readonly awsCalls: Counter<'service' | 'operation' | 'outcome'>;
  /** The same attempts by target (docs/TARGETS.md): a replica makes none for a shard it does not hold. */
  readonly targetAwsCalls: Counter<'target'>;
  readonly awsThrottles: Counter<'service'>;
  readonly resources: Gauge<'sync' | 'health'>;
  /** Drifting fields over all resources. */
  readonly driftFields: Gauge;
  /** Resources whose live state differs from their manifest now, every kind listed. */
  readonly driftedResources: Gauge<'kind'>;
  /** DriftDetected events by kind. */
  readonly driftDetected: Counter<'kind'>;
  /** 1 with label revision = the revision in force; set with setRevisionInForce. */
  readonly revisionInfo: Gauge<'revision'>;
  /** 1 on the replica holding the lease, 0 elsewhere. */
  readonly leader: Gauge;
  /** Completed looks at AWS by kind (`resync`: every kind listed; `scan`: the batched drift scan) and target. */
  readonly looks: Counter<'kind' | 'target'>;
  /** Notifications settled per receiver: `delivered`, or `failed` (given up after its attempts). */
  readonly notifications: Counter<'receiver' | 'outcome'>;
  /** Attempts beyond the first that notifications needed, per receiver. */
  readonly notificationRetries: Counter<'receiver'>;
  /** From now on the loop gauges are read from `readings` at each scrape. */
  readLoop(readings: LoopReadings): void;
}

/** A fresh registry (never the global one, so several operators or tests never share counts). */
export function createMetrics(): MetricsSource {
  const registry = new Registry();
  const registers = [registry];
  let loop: LoopReadings | undefined;
  const metrics: MetricsSource = {
    registry,
    readLoop(readings) {
      loop = readings;
    },
    reconcileDuration: new Histogram({
      name: 'shipshape_reconcile_duration_seconds',
      help: 'Time one resource reconcile took, by kind and outcome.',
      labelNames: ['kind', 'outcome'],
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
      registers,
    }),
    queueDepth: new Gauge({
      name: 'shipshape_queue_depth',
      help: 'Resources waiting in the work queue for a worker.',
      registers,
      collect() {
        if (loop !== undefined) this.set(loop.queueDepth);
      },
    }),
    queueOldestAge: new Gauge({
      name: 'shipshape_queue_oldest_item_age_seconds',
      help: 'How long the longest-waiting resource in the work queue has waited for a worker (0 when none waits).',
      registers,
      collect() {
        if (loop !== undefined) this.set(loop.oldestQueuedMs / 1000);
      },
    }),
    rateGateWait: new Histogram({
      name: 'shipshape_rate_gate_wait_seconds',
      help: 'Time each AWS attempt waited at the rate gate for a token of its API group (0 when one was there).',
      labelNames: ['service', 'group'],
      buckets: [0.001, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    }),
    awsCalls: new Counter({
      name: 'shipshape_aws_calls_total',
      help: 'AWS API HTTP attempts (SDK retries included) by service, operation and outcome (ok, error, throttled).',
      labelNames: ['service', 'operation', 'outcome'],
      registers,
    }),
    targetAwsCalls: new Counter({
      name: 'shipshape_target_aws_calls_total',
      help: 'AWS API HTTP attempts by target: a Target identity, or default (the operator account and region).',
      labelNames: ['target'],
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
      collect() {
        if (loop !== undefined) setResourceGauge(this, loop.statuses());
      },
    }),
    driftFields: new Gauge({
      name: 'shipshape_drift_fields',
      help: 'Fields that differ between manifests and AWS, over all resources.',
      registers,
      collect() {
        if (loop !== undefined) this.set(driftFieldsOf(loop.statuses()));
      },
    }),
    driftedResources: new Gauge({
      name: 'shipshape_drifted_resources',
      help: 'Resources whose live state differs from their manifest now, by kind.',
      labelNames: ['kind'],
      registers,
      collect() {
        if (loop !== undefined) setDriftedGauge(this, loop.statuses());
      },
    }),
    driftDetected: new Counter({
      name: 'shipshape_drift_detected_total',
      help: 'Drift found by a look (DriftDetected events: a hand edit, or a revision not applied yet), by kind.',
      labelNames: ['kind'],
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
      help: 'Completed looks at AWS by target: resync (every kind listed) and scan (the batched drift scan).',
      labelNames: ['kind', 'target'],
      registers,
    }),
    notifications: new Counter({
      name: 'shipshape_notifications_total',
      help: 'Notifications settled per receiver: delivered, or failed (given up after its attempts).',
      labelNames: ['receiver', 'outcome'],
      registers,
    }),
    notificationRetries: new Counter({
      name: 'shipshape_notification_retries_total',
      help: 'Attempts beyond the first that notifications needed, per receiver.',
      labelNames: ['receiver'],
      registers,
    }),
  };
  // Counters start at 0 for every kind, so that rate() and increase() see the first drift.
  for (const kind of KINDS) metrics.driftDetected.inc({ kind }, 0);
  return metrics;
}

/** Sets shipshape_resources (every sync × health pair, zeros included) and shipshape_drift_fields. */
export function setResourceCounts(metrics: MetricsSource, statuses: readonly ResourceStatus[]): void {
  setResourceGauge(metrics.resources, statuses);
  metrics.driftFields.set(driftFieldsOf(statuses));
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
  metrics.reconcileDuration.observe({ kind: kindOfIdentity(identity), outcome }, durationMs / 1000);
}

/** For the operator's onDriftDetected hook: identity `Kind/namespace/name`. */
export function recordDriftDetected(metrics: MetricsSource, identity: string): void {
  metrics.driftDetected.inc({ kind: kindOfIdentity(identity) });
}

/** For the rate gate's onWait hook: one attempt's wait for a token, in ms. */
export function recordRateGateWait(metrics: MetricsSource, service: string, group: string, ms: number): void {
  metrics.rateGateWait.observe({ service, group }, ms / 1000);
}

/** One HTTP attempt of an AWS call; a throttled one also counts in shipshape_aws_throttles_total. */
export function recordAwsCall(
  metrics: MetricsSource,
  service: string,
  operation: string,
  outcome: AwsCallOutcome,
  target = 'default',
): void {
  metrics.awsCalls.inc({ service, operation, outcome });
  metrics.targetAwsCalls.inc({ target });
  if (outcome === 'throttled') metrics.awsThrottles.inc({ service });
}
