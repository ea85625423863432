import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApi } from '../../src/api/build-api.ts';
import { createMetrics } from '../../src/api/metrics.ts';
import { RecordingActions } from './recording-actions.ts';
import {
  DRIFTING,
  LAST_GOOD_REVISION,
  REVISION_IN_FORCE,
  SECRET_TOKEN,
  type SeededStore,
  startSeededStore,
} from './seeded-store.ts';

describe('the read routes, over a real state store', () => {
  let seeded: SeededStore;
  let app: FastifyInstance;
  let firstPassDone = false;

  beforeAll(async () => {
    seeded = await startSeededStore();
    app = buildApi({
      status: seeded.store,
      actions: new RecordingActions(),
      metrics: createMetrics(),
      token: SECRET_TOKEN,
      ready: () => firstPassDone,
    });
    await app.ready();
  });

  afterAll(async () => {
    await app?.close();
    await seeded?.close();
  });

  it('GET /healthz answers ok', async () => {
    const response = await app.inject({ method: 'GET', url: '/healthz' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ ok: true });
  });

  it('GET /readyz is 503 until the first pass is done, then 200', async () => {
    const before = await app.inject({ method: 'GET', url: '/readyz' });
    expect(before.statusCode).toBe(503);
    expect(before.json()).toMatchObject({ ready: false, stateStore: true, firstPassDone: false });
    firstPassDone = true;
    const after = await app.inject({ method: 'GET', url: '/readyz' });
    expect(after.statusCode).toBe(200);
    expect(after.json()).toEqual({ ready: true, stateStore: true, firstPassDone: true });
  });

  it('GET /status counts by sync and health and lists every resource with the operator state', async () => {
    const response = await app.inject({ method: 'GET', url: '/status' });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.summary).toEqual({
      total: 4,
      bySync: { Synced: 2, OutOfSync: 1, Unknown: 1 },
      byHealth: { Healthy: 1, Progressing: 1, Degraded: 1, Missing: 1, Suspended: 0 },
      driftFields: 2,
    });
    expect(body.resources.map((r: { identity: string }) => r.identity).sort()).toEqual([
      'Cluster/ops/main',
      'Service/shop/web',
      'Service/shop/worker',
      'TargetGroup/shop/web',
    ]);
    const web = body.resources.find((r: { identity: string }) => r.identity === DRIFTING.identity);
    expect(web).toMatchObject({ kind: 'Service', namespace: 'shop', name: 'web', sync: 'OutOfSync' });
    expect(web.drift).toEqual(DRIFTING.drift);
    expect(body.operator).toMatchObject({
      currentRevision: REVISION_IN_FORCE,
      lastGoodRevision: LAST_GOOD_REVISION,
      pruneGuard: { held: true, pendingDeletions: 6, override: false },
      sourceErrors: [{ code: 'SS112', file: 'shop/web.yaml', line: 12, column: 7 }],
    });
  });

  it('GET /status filters by namespace, kind, sync and health', async () => {
    const identities = async (query: string): Promise<string[]> => {
      const response = await app.inject({ method: 'GET', url: `/status?${query}` });
      expect(response.statusCode).toBe(200);
      return response
        .json()
        .resources.map((r: { identity: string }) => r.identity)
        .sort();
    };
    expect(await identities('namespace=ops')).toEqual(['Cluster/ops/main']);
    expect(await identities('kind=Service')).toEqual(['Service/shop/web', 'Service/shop/worker']);
    expect(await identities('sync=OutOfSync')).toEqual(['Service/shop/web']);
    expect(await identities('health=Progressing')).toEqual(['Service/shop/worker']);
    expect(await identities('namespace=shop&kind=Service&health=Degraded')).toEqual(['Service/shop/web']);
  });

  it('GET /status refuses a sync or health outside the vocabulary with 400', async () => {
    const response = await app.inject({ method: 'GET', url: '/status?sync=Fine' });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ error: 'Bad Request' });
    expect(response.json().message).toContain('sync');
  });

  it('GET /status/:kind/:namespace/:name answers one resource, 404 for an unknown one', async () => {
    const found = await app.inject({ method: 'GET', url: '/status/Service/shop/web' });
    expect(found.statusCode).toBe(200);
    expect(found.json()).toMatchObject({
      identity: 'Service/shop/web',
      health: 'Degraded',
      lastError: { code: 'SS900' },
      awsIds: { arn: 'arn:aws:ecs:us-east-1:123456789012:service/shop/web' },
      conditions: [{ type: 'Synced', status: 'False', reason: 'Drift' }],
    });
    const missing = await app.inject({ method: 'GET', url: '/status/Service/shop/nothing' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toEqual({
      statusCode: 404,
      error: 'Not Found',
      message: 'No status for Service/shop/nothing.',
    });
  });

  it('GET /drift lists only drifting resources, field by field', async () => {
    const response = await app.inject({ method: 'GET', url: '/drift' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      driftFields: 2,
      resources: [
        {
          identity: 'Service/shop/web',
          kind: 'Service',
          namespace: 'shop',
          name: 'web',
          sync: 'OutOfSync',
          health: 'Degraded',
          drift: DRIFTING.drift,
          driftCount: 2,
          observedAt: DRIFTING.observedAt,
        },
      ],
    });
    const none = await app.inject({ method: 'GET', url: '/drift?namespace=ops' });
    expect(none.json()).toEqual({ driftFields: 0, resources: [] });
  });

  it('GET /events answers newest first, of one resource or all, within the limit', async () => {
    const all = await app.inject({ method: 'GET', url: '/events' });
    expect(all.statusCode).toBe(200);
    expect(all.json().events.map((e: { reason: string }) => e.reason)).toEqual([
      'RevisionApplied',
      'DriftDetected',
    ]);
    const one = await app.inject({ method: 'GET', url: '/events?identity=Service/shop/web' });
    expect(one.json().events).toEqual([
      {
        identity: 'Service/shop/web',
        at: '2026-11-28T11:58:00.000Z',
        type: 'Warning',
        reason: 'DriftDetected',
        message: 'desiredCount is 5, the manifest says 2',
      },
    ]);
    const limited = await app.inject({ method: 'GET', url: '/events?limit=1' });
    expect(limited.json().events).toHaveLength(1);
    const bad = await app.inject({ method: 'GET', url: '/events?limit=0' });
    expect(bad.statusCode).toBe(400);
  });

  it('GET /revisions answers the history, newest first, with the revision in force and the last good one', async () => {
    const response = await app.inject({ method: 'GET', url: '/revisions' });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.currentRevision).toBe(REVISION_IN_FORCE);
    expect(body.lastGoodRevision).toBe(LAST_GOOD_REVISION);
    expect(body.revisions.map((r: { id: string; result: string }) => `${r.id} ${r.result}`)).toEqual([
      'sha256:bad rejected',
      `${REVISION_IN_FORCE} applied`,
      `${LAST_GOOD_REVISION} applied`,
    ]);
  });

  it('GET /plan answers the operator plan through the response schema', async () => {
    const response = await app.inject({ method: 'GET', url: '/plan' });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.summary).toEqual({
      create: 1,
      update: 1,
      replace: 0,
      delete: 0,
      release: 0,
      noop: 0,
      conflict: 1,
    });
    expect(body.changes[0]).toEqual({
      identity: 'Service/shop/web',
      kind: 'Service',
      action: 'update',
      drift: [{ path: 'desiredCount', desired: 2, actual: 5 }],
    });
    expect(body.changes[2]).toMatchObject({ action: 'conflict', message: 'not owned' });
  });

  it('GET / serves the dashboard page with a strict content security policy', async () => {
    const response = await app.inject({ method: 'GET', url: '/' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.body).toMatch(/^<!doctype html>/);
    expect(response.body).not.toMatch(/<script[^>]+src=|<link[^>]+href=/);
    expect(response.headers['content-security-policy']).toContain("default-src 'none'");
    expect(response.headers['content-security-policy']).toMatch(/script-src 'sha256-[A-Za-z0-9+/=]+'/);
  });
});
