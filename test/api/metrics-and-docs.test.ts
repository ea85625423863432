import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApi } from '../../src/api/build-api.ts';
import {
  createMetrics,
  type MetricsSource,
  setResourceCounts,
  setRevisionInForce,
} from '../../src/api/metrics.ts';
import { RecordingActions } from './recording-actions.ts';
import { REVISION_IN_FORCE, SEEDED_STATUSES, type SeededStore, startSeededStore } from './seeded-store.ts';

const METRIC_NAMES = [
  'shipshape_reconcile_duration_seconds',
  'shipshape_queue_depth',
  'shipshape_queue_oldest_item_age_seconds',
  'shipshape_rate_gate_wait_seconds',
  'shipshape_aws_calls_total',
  'shipshape_target_aws_calls_total',
  'shipshape_aws_throttles_total',
  'shipshape_resources',
  'shipshape_drift_fields',
  'shipshape_drifted_resources',
  'shipshape_drift_detected_total',
  'shipshape_revision_info',
  'shipshape_leader',
  'shipshape_looks_total',
  'shipshape_notifications_total',
  'shipshape_notification_retries_total',
];

describe('GET /metrics and the OpenAPI document', () => {
  let seeded: SeededStore;
  let app: FastifyInstance;
  let metrics: MetricsSource;

  beforeAll(async () => {
    seeded = await startSeededStore();
    metrics = createMetrics();
    app = buildApi({ status: seeded.store, actions: new RecordingActions(), metrics, ready: () => true });
    await app.ready();
  });

  afterAll(async () => {
    await app?.close();
    await seeded?.close();
  });

  it('serves every metric in the Prometheus text format, with what the operator recorded', async () => {
    metrics.reconcileDuration.observe({ kind: 'Service', outcome: 'succeeded' }, 0.2);
    metrics.queueDepth.set(3);
    metrics.awsCalls.inc({ service: 'ECS', operation: 'DescribeServices', outcome: 'ok' }, 2);
    metrics.awsThrottles.inc({ service: 'ECS' });
    metrics.leader.set(1);
    setResourceCounts(metrics, SEEDED_STATUSES);
    setRevisionInForce(metrics, 'sha256:old');
    setRevisionInForce(metrics, REVISION_IN_FORCE);

    const response = await app.inject({ method: 'GET', url: '/metrics' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain/);
    const text = response.body;
    for (const name of METRIC_NAMES) expect(text).toContain(`# TYPE ${name} `);
    expect(text).toContain('shipshape_queue_depth 3');
    expect(text).toContain(
      'shipshape_aws_calls_total{service="ECS",operation="DescribeServices",outcome="ok"} 2',
    );
    expect(text).toContain('shipshape_aws_throttles_total{service="ECS"} 1');
    expect(text).toContain(
      'shipshape_reconcile_duration_seconds_count{kind="Service",outcome="succeeded"} 1',
    );
    expect(text).toContain('shipshape_resources{sync="OutOfSync",health="Degraded"} 1');
    expect(text).toContain('shipshape_resources{sync="Synced",health="Suspended"} 0');
    expect(text).toContain('shipshape_drift_fields 2');
    expect(text).toContain(`shipshape_revision_info{revision="${REVISION_IN_FORCE}"} 1`);
    expect(text).not.toContain('sha256:old');
    expect(text).toContain('shipshape_leader 1');
  });

  it('keeps each registry apart, so two operators in one process never share counts', async () => {
    const other = createMetrics();
    other.queueDepth.set(9);
    expect(await metrics.registry.metrics()).not.toContain('shipshape_queue_depth 9');
  });

  it('lists every route in the OpenAPI document at /docs/json, with the bearer scheme on the POST routes', async () => {
    const response = await app.inject({ method: 'GET', url: '/docs/json' });
    expect(response.statusCode).toBe(200);
    const document = response.json();
    expect(document.openapi).toMatch(/^3\./);
    const routes = Object.entries(document.paths as Record<string, Record<string, unknown>>)
      .flatMap(([path, methods]) => Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`))
      .sort();
    expect(routes).toEqual([
      'GET /',
      'GET /drift',
      'GET /events',
      'GET /healthz',
      'GET /metrics',
      'GET /plan',
      'GET /readyz',
      'GET /revisions',
      'GET /status',
      'GET /status/{kind}/{namespace}/{name}',
      'GET /watch',
      'POST /prune/allow',
      'POST /reconcile/{kind}/{namespace}/{name}',
      'POST /resume',
      'POST /resume/{kind}/{namespace}/{name}',
      'POST /rollback/{kind}/{namespace}/{name}',
      'POST /rollouts/{kind}/{namespace}/{name}/abort',
      'POST /rollouts/{kind}/{namespace}/{name}/promote',
      'POST /suspend',
      'POST /suspend/{kind}/{namespace}/{name}',
      'POST /sync',
    ]);
    for (const path of [
      '/sync',
      '/suspend',
      '/resume/{kind}/{namespace}/{name}',
      '/rollback/{kind}/{namespace}/{name}',
      '/rollouts/{kind}/{namespace}/{name}/promote',
      '/rollouts/{kind}/{namespace}/{name}/abort',
    ])
      expect(document.paths[path].post.security).toEqual([{ bearerAuth: [] }]);
    expect(document.components.securitySchemes.bearerAuth).toEqual({ type: 'http', scheme: 'bearer' });
    expect(Object.keys(document.paths['/status'].get.responses)).toContain('200');
    expect(Object.keys(document.paths['/watch'].get.responses['200'].content)).toEqual(['text/event-stream']);
  });

  it('serves the OpenAPI viewer at /docs', async () => {
    const response = await app.inject({ method: 'GET', url: '/docs/' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
  });
});
