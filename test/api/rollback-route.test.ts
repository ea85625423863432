import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApi } from '../../src/api/build-api.ts';
import { createMetrics } from '../../src/api/metrics.ts';
import { testStatus } from '../support/status-fixture.ts';
import { RecordingActions } from './recording-actions.ts';
import {
  LAST_GOOD_REVISION,
  REVISION_IN_FORCE,
  SECRET_TOKEN,
  type SeededStore,
  startSeededStore,
} from './seeded-store.ts';

const ARN = (revision: number) => `arn:aws:ecs:us-east-1:123456789012:task-definition/web:${revision}`;

describe('POST /rollback and what GET /revisions says each Service runs', () => {
  let seeded: SeededStore;
  let app: FastifyInstance;
  let closed: FastifyInstance;
  let actions: RecordingActions;

  beforeAll(async () => {
    seeded = await startSeededStore();
    // A Service whose status memory says it ran web:1 at the last good revision, then web:2.
    await seeded.store.putStatus(
      testStatus('Service/shop/api', {
        awsIds: {
          runningTaskDefinition: ARN(1),
          revisionTaskDefinitions: `${REVISION_IN_FORCE}=web:2,${LAST_GOOD_REVISION}=web:1`,
        },
      }),
      seeded.token,
    );
    await seeded.store.updateOperator(
      {
        rollbacks: [
          {
            identity: 'Service/shop/api',
            taskDefinitionArn: ARN(1),
            at: '2026-11-28T12:01:00.000Z',
            specDigest: 'sha256:s',
          },
        ],
      },
      seeded.token,
    );
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

  const rollback = (url: string, payload?: object, authorization = `Bearer ${SECRET_TOKEN}`) =>
    app.inject({
      method: 'POST',
      url,
      headers: { authorization },
      ...(payload === undefined ? {} : { payload }),
    });

  it('needs the token: 401 without or with a wrong one, 403 when none is configured; the action not called', async () => {
    const before = actions.calls.length;
    expect((await app.inject({ method: 'POST', url: '/rollback/Service/shop/web' })).statusCode).toBe(401);
    expect((await rollback('/rollback/Service/shop/web', {}, 'Bearer nope')).statusCode).toBe(401);
    const refused = await closed.inject({
      method: 'POST',
      url: '/rollback/Service/shop/web',
      headers: { authorization: `Bearer ${SECRET_TOKEN}` },
    });
    expect(refused.statusCode).toBe(403);
    expect(actions.calls.length).toBe(before);
  });

  it('rolls back to the one before without a body, or to `to`; says where from and to', async () => {
    const before = await rollback('/rollback/Service/shop/web');
    expect(before.statusCode).toBe(200);
    expect(before.json()).toEqual({
      accepted: true,
      identity: 'Service/shop/web',
      message: 'Service/shop/web rolled back to web:1; self-heal leaves it there until its manifest changes.',
      taskDefinitionArn: 'web:1',
      from: 'web:2',
    });
    expect(actions.calls.at(-1)).toBe('rollback Service/shop/web {}');
    const named = await rollback('/rollback/Service/shop/web', { to: 'sha256:abcdef1' });
    expect(named.json().taskDefinitionArn).toBe('sha256:abcdef1');
    expect(actions.calls.at(-1)).toBe('rollback Service/shop/web {"to":"sha256:abcdef1"}');
  });

  it('answers 404 for no such service, 400 for another kind or a bad body, 409 with the reason when refused', async () => {
    expect((await rollback('/rollback/Service/shop/ghost')).statusCode).toBe(404);
    const kind = await rollback('/rollback/Cluster/ops/main');
    expect(kind.statusCode).toBe(400);
    expect(kind.json().message).toBe('Only a Service rolls back; Cluster/ops/main is not one.');
    const refused = await rollback('/rollback/Service/shop/web', { to: 'refuse' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().message).toBe('ECS does not know task definition refuse');
    const before = actions.calls.length;
    expect((await rollback('/rollback/Service/shop/web', { revision: 'x' })).statusCode).toBe(400);
    expect((await rollback('/rollback/Service/shop/web', { to: '' })).statusCode).toBe(400);
    expect(actions.calls.length).toBe(before);
  });

  it('GET /revisions shows the task definition each Service runs, the revision that ran it, and a pin', async () => {
    const response = await app.inject({ method: 'GET', url: '/revisions' });
    expect(response.statusCode).toBe(200);
    const { services } = response.json();
    expect(services['Service/shop/api']).toEqual({
      taskDefinition: ARN(1),
      revision: LAST_GOOD_REVISION,
      rolledBack: {
        identity: 'Service/shop/api',
        taskDefinitionArn: ARN(1),
        at: '2026-11-28T12:01:00.000Z',
        specDigest: 'sha256:s',
      },
    });
    // A Service with nothing recorded is listed with nothing known.
    expect(services['Service/shop/web']).toEqual({});
    expect(services['TargetGroup/shop/web']).toBeUndefined();
  });
});
