import { describe, expect, it } from 'vitest';
import {
  createMetrics,
  recordAwsCall,
  recordReconcile,
  setResourceCounts,
  setRevisionInForce,
} from '../../src/api/metrics.ts';

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
});
