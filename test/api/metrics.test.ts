import { describe, expect, it } from 'vitest';
import {
  createMetrics,
  type LoopReadings,
  recordAwsCall,
  recordDriftDetected,
  recordRateGateWait,
  recordReconcile,
  setResourceCounts,
  setRevisionInForce,
} from '../../src/api/metrics.ts';
import type { ResourceStatus } from '../../src/state/types.ts';

const BASE = { conditions: [], observedAt: '2026-11-28T12:00:00.000Z', awsIds: {} } as const;

function status(identity: string, driftPaths: string[] = []): ResourceStatus {
  return {
    ...BASE,
    identity,
    sync: driftPaths.length > 0 ? 'OutOfSync' : 'Synced',
    health: 'Healthy',
    drift: driftPaths.map((path) => ({ path, desired: 1, actual: 2 })),
  };
}

describe('the metric helpers the operator calls', () => {
  it('records a reconcile under its kind and outcome, in seconds', async () => {
    const metrics = createMetrics();
    recordReconcile(metrics, 'Service/shop/web', 1500, 'succeeded');
    recordReconcile(metrics, 'Service/shop/worker', 500, 'succeeded');
    const text = await metrics.registry.metrics();
    expect(text).toContain('shipshape_reconcile_duration_seconds_sum{kind="Service",outcome="succeeded"} 2');
    expect(text).toContain(
      'shipshape_reconcile_duration_seconds_count{kind="Service",outcome="succeeded"} 2',
    );
  });

  it('counts AWS calls by outcome, and throttled ones again by service', async () => {
    const metrics = createMetrics();
    recordAwsCall(metrics, 'ECS', 'DescribeServices', 'ok');
    recordAwsCall(metrics, 'ECS', 'DescribeServices', 'throttled');
    recordAwsCall(metrics, 'ECS', 'UpdateService', 'error');
    const text = await metrics.registry.metrics();
    expect(text).toContain(
      'shipshape_aws_calls_total{service="ECS",operation="DescribeServices",outcome="ok"} 1',
    );
    expect(text).toContain(
      'shipshape_aws_calls_total{service="ECS",operation="DescribeServices",outcome="throttled"} 1',
    );
    expect(text).toContain('shipshape_aws_throttles_total{service="ECS"} 1');
  });

  it('sets resource counts to what the statuses say now, zeros included, and one revision series', async () => {
    const metrics = createMetrics();
    const base = { conditions: [], observedAt: '2026-11-28T12:00:00.000Z', awsIds: {} } as const;
    setResourceCounts(metrics, [
      { ...base, identity: 'Service/a/b', sync: 'OutOfSync', health: 'Healthy', drift: [], driftCount: 7 },
    ]);
    setResourceCounts(metrics, [
      { ...base, identity: 'Service/a/b', sync: 'Synced', health: 'Healthy', drift: [] },
    ]);
    setRevisionInForce(metrics, 'sha256:one');
    setRevisionInForce(metrics, undefined);
    const text = await metrics.registry.metrics();
    expect(text).toContain('shipshape_resources{sync="OutOfSync",health="Healthy"} 0');
    expect(text).toContain('shipshape_resources{sync="Synced",health="Healthy"} 1');
    expect(text).toContain('shipshape_drift_fields 0');
    expect(text).not.toContain('revision="sha256:one"');
  });

  it('counts drift found by kind, every kind at 0 from the start', async () => {
    const metrics = createMetrics();
    expect(await metrics.registry.metrics()).toContain('shipshape_drift_detected_total{kind="Service"} 0');
    recordDriftDetected(metrics, 'Service/shop/web');
    recordDriftDetected(metrics, 'Service/shop/web');
    recordDriftDetected(metrics, 'Cluster/shop/main');
    const text = await metrics.registry.metrics();
    expect(text).toContain('shipshape_drift_detected_total{kind="Service"} 2');
    expect(text).toContain('shipshape_drift_detected_total{kind="Cluster"} 1');
    expect(text).toContain('shipshape_drift_detected_total{kind="TargetGroup"} 0');
  });

  it('records rate-gate waits in seconds by service and API group', async () => {
    const metrics = createMetrics();
    recordRateGateWait(metrics, 'ecs', 'service-read', 0);
    recordRateGateWait(metrics, 'ecs', 'service-read', 2_500);
    const text = await metrics.registry.metrics();
    expect(text).toContain('shipshape_rate_gate_wait_seconds_sum{service="ecs",group="service-read"} 2.5');
    expect(text).toContain('shipshape_rate_gate_wait_seconds_count{service="ecs",group="service-read"} 2');
    expect(text).toContain(
      'shipshape_rate_gate_wait_seconds_bucket{le="0.001",service="ecs",group="service-read"} 1',
    );
  });

  it('reads the queue and the statuses from the loop at each scrape, not when they change', async () => {
    const metrics = createMetrics();
    const loop: { -readonly [K in keyof LoopReadings]: LoopReadings[K] } = {
      queueDepth: 4,
      oldestQueuedMs: 1_500,
      statuses: () => [status('Service/a/web', ['desiredCount', 'cpu']), status('Cluster/a/main')],
    };
    metrics.readLoop(loop);
    let text = await metrics.registry.metrics();
    expect(text).toContain('shipshape_queue_depth 4');
    expect(text).toContain('shipshape_queue_oldest_item_age_seconds 1.5');
    expect(text).toContain('shipshape_drifted_resources{kind="Service"} 1');
    expect(text).toContain('shipshape_drifted_resources{kind="Cluster"} 0');
    expect(text).toContain('shipshape_drift_fields 2');
    expect(text).toContain('shipshape_resources{sync="OutOfSync",health="Healthy"} 1');

    loop.queueDepth = 0;
    loop.oldestQueuedMs = 0;
    loop.statuses = () => [status('Service/a/web'), status('Cluster/a/main')];
    text = await metrics.registry.metrics();
    expect(text).toContain('shipshape_queue_depth 0');
    expect(text).toContain('shipshape_queue_oldest_item_age_seconds 0');
    expect(text).toContain('shipshape_drifted_resources{kind="Service"} 0');
    expect(text).toContain('shipshape_drift_fields 0');
    expect(text).toContain('shipshape_resources{sync="Synced",health="Healthy"} 2');
  });
});
