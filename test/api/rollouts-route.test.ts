import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApi } from '../../src/api/build-api.ts';
import { createMetrics } from '../../src/api/metrics.ts';
import { RecordingActions } from './recording-actions.ts';
import { SECRET_TOKEN, type SeededStore, startSeededStore } from './seeded-store.ts';

describe('POST /rollouts/{kind}/{namespace}/{name}/promote and /abort', () => {
  let seeded: SeededStore;
  let app: FastifyInstance;
  let closed: FastifyInstance;
  let actions: RecordingActions;

  beforeAll(async () => {
    seeded = await startSeededStore();
    actions = new RecordingActions();
    const common = { status: seeded.store, actions, metrics: createMetrics(), ready: () => true };
    app = buildApi({ ...common, token: SECRET_TOKEN });
    closed = buildApi(common);
    await Promise.all([app.ready(), closed.ready()]);
  });

  afterAll(async () => {
    await app?.close();
    await closed?.close();
    await seeded?.close();
  });

  const post = (url: string, authorization = `Bearer ${SECRET_TOKEN}`) =>
    app.inject({ method: 'POST', url, headers: { authorization } });

  it('needs the token: 401 without or with a wrong one, 403 when none is configured; nothing decided', async () => {
    expect((await app.inject({ method: 'POST', url: '/rollouts/Service/shop/web/promote' })).statusCode).toBe(
      401,
    );
    expect((await post('/rollouts/Service/shop/web/abort', 'Bearer nope')).statusCode).toBe(401);
    const refused = await closed.inject({
      method: 'POST',
      url: '/rollouts/Service/shop/web/promote',
      headers: { authorization: `Bearer ${SECRET_TOKEN}` },
    });
    expect(refused.statusCode).toBe(403);
    expect(actions.calls).toEqual([]);
  });

  it('promotes a rollout paused at a manual gate, then answers 409: nothing is paused any more', async () => {
    const response = await post('/rollouts/Service/shop/web/promote');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      accepted: true,
      identity: 'Service/shop/web',
      message: 'Service/shop/web: the rollout paused at POST_TEST_TRAFFIC_SHIFT is promoted.',
      deployment: 'arn:sd/1',
      hookId: 'hook-1',
      stage: 'POST_TEST_TRAFFIC_SHIFT',
    });
    expect(actions.calls).toEqual(['promote Service/shop/web']);
    const again = await post('/rollouts/Service/shop/web/abort');
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toBe('Nothing of Service/shop/web is paused at a manual rollout gate.');
  });

  it('answers 404 for an unknown Service and 400 for another kind', async () => {
    expect((await post('/rollouts/Service/shop/nope/abort')).statusCode).toBe(404);
    const other = await post('/rollouts/Cluster/shop/main/promote');
    expect(other.statusCode).toBe(400);
    expect(other.json().message).toContain('Only a Service has rollouts');
  });
});
