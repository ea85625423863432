import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApi } from '../../src/api/build-api.ts';
import type { OperatorActions } from '../../src/api/deps.ts';
import { createMetrics } from '../../src/api/metrics.ts';
import { localClientConfig } from '../../src/local/client-config.ts';
import { startLocalDynamoDb } from '../../src/local/dynamodb.ts';
import { StateStore } from '../../src/state/state-store.ts';
import { RecordingActions } from './recording-actions.ts';
import { type SeededStore, startSeededStore } from './seeded-store.ts';

describe('the API when something behind it fails', () => {
  let seeded: SeededStore;
  let healthy: FastifyInstance;
  let unreachable: FastifyInstance;
  let client: DynamoDBClient;
  const actions = new RecordingActions();

  beforeAll(async () => {
    seeded = await startSeededStore();
    healthy = buildApi({ status: seeded.store, actions, metrics: createMetrics(), ready: () => true });
    // A state store whose DynamoDB has gone away: a real endpoint, closed before use.
    const gone = await startLocalDynamoDb();
    await gone.close();
    client = new DynamoDBClient({ ...localClientConfig(gone.endpoint, 'us-east-1'), maxAttempts: 1 });
    const store = new StateStore({ client, table: 'gone', fenceMode: 'check-then-write' });
    unreachable = buildApi({ status: store, actions, metrics: createMetrics(), ready: () => true });
    await Promise.all([healthy.ready(), unreachable.ready()]);
  });

  afterAll(async () => {
    await healthy?.close();
    await unreachable?.close();
    client?.destroy();
    await seeded?.close();
  });

  it('GET /readyz is 503 and says the state store did not answer', async () => {
    const response = await unreachable.inject({ method: 'GET', url: '/readyz' });
    expect(response.statusCode).toBe(503);
    expect(response.json()).toEqual({
      ready: false,
      stateStore: false,
      firstPassDone: true,
      message: 'The state store did not answer.',
    });
  });

  it('GET /status is 500 without internal detail when the state store is unreachable', async () => {
    const response = await unreachable.inject({ method: 'GET', url: '/status' });
    expect(response.statusCode).toBe(500);
    expect(response.json()).toEqual({
      statusCode: 500,
      error: 'Internal Server Error',
      message: 'The request failed; the operator log has the details.',
    });
    expect(response.body).not.toContain('127.0.0.1');
  });

  it('GET /plan is 500 without the failure text when the operator cannot plan', async () => {
    actions.planFailure = 'observe failed at arn:aws:ecs:us-east-1:123456789012:cluster/secret';
    const response = await healthy.inject({ method: 'GET', url: '/plan' });
    expect(response.statusCode).toBe(500);
    expect(response.body).not.toContain('arn:aws');
    actions.planFailure = undefined;
    expect((await healthy.inject({ method: 'GET', url: '/plan' })).statusCode).toBe(200);
  });

  it('GET /plan refuses an operator answer that does not fit the plan schema', async () => {
    const strange: OperatorActions = {
      sync: () => actions.sync(),
      reconcile: (identity) => actions.reconcile(identity),
      allowPrune: (request) => actions.allowPrune(request),
      plan: async () => ({ changes: [{ identity: 'x' }] }),
      suspend: (identity, suspended) => actions.suspend(identity, suspended),
      rollback: (identity, request) => actions.rollback(identity, request),
      decideRollout: (identity, decision) => actions.decideRollout(identity, decision),
    };
    const app = buildApi({
      status: seeded.store,
      actions: strange,
      metrics: createMetrics(),
      ready: () => true,
    });
    const response = await app.inject({ method: 'GET', url: '/plan' });
    await app.close();
    expect(response.statusCode).toBe(500);
  });

  it('answers 404 with the error body for a route that does not exist', async () => {
    const response = await healthy.inject({ method: 'GET', url: '/nothing-here' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ statusCode: 404, error: 'Not Found' });
  });
});
