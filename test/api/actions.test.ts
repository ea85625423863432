import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApi } from '../../src/api/build-api.ts';
import { createMetrics } from '../../src/api/metrics.ts';
import { RecordingActions } from './recording-actions.ts';
import { SECRET_TOKEN, type SeededStore, startSeededStore } from './seeded-store.ts';

const POST_ROUTES = [
  '/sync',
  '/reconcile/Service/shop/web',
  '/prune/allow',
  '/suspend',
  '/resume',
  '/suspend/Service/shop/web',
  '/resume/Service/shop/web',
  '/rollback/Service/shop/web',
];

/** A logger as an operator might configure it: request headers in the log lines. */
function capturingLogger(lines: string[]) {
  return pino(
    {
      level: 'info',
      serializers: {
        req: (request: { method: string; url: string; headers: unknown }) => ({
          method: request.method,
          url: request.url,
          headers: request.headers,
        }),
      },
    },
    { write: (line: string) => lines.push(line) },
  );
}

describe('the POST routes and their bearer token', () => {
  let seeded: SeededStore;
  let app: FastifyInstance;
  let closed: FastifyInstance;
  let actions: RecordingActions;
  const logLines: string[] = [];
  const bodies: string[] = [];

  beforeAll(async () => {
    seeded = await startSeededStore();
    actions = new RecordingActions();
    const common = { status: seeded.store, actions, metrics: createMetrics(), ready: () => true };
    app = buildApi({ ...common, token: SECRET_TOKEN, logger: capturingLogger(logLines) });
    closed = buildApi(common);
    await Promise.all([app.ready(), closed.ready()]);
  });

  afterAll(async () => {
    await app?.close();
    await closed?.close();
    await seeded?.close();
  });

  async function post(url: string, authorization?: string) {
    const response = await app.inject({
      method: 'POST',
      url,
      ...(authorization === undefined ? {} : { headers: { authorization } }),
    });
    bodies.push(response.body, JSON.stringify(response.headers));
    return response;
  }

  it.each(POST_ROUTES)(
    'POST %s without a token is 401 and asks for one, the action not called',
    async (url) => {
      const before = actions.calls.length;
      const response = await post(url);
      expect(response.statusCode).toBe(401);
      expect(response.headers['www-authenticate']).toBe('Bearer realm="shipshape"');
      expect(response.json()).toMatchObject({
        error: 'Unauthorized',
        message: expect.stringContaining('Bearer'),
      });
      expect(actions.calls.length).toBe(before);
    },
  );

  it.each(POST_ROUTES)('POST %s with a wrong token is 401, the action not called', async (url) => {
    const before = actions.calls.length;
    for (const wrong of [
      `Bearer ${SECRET_TOKEN}x`,
      `Bearer ${SECRET_TOKEN.slice(0, -1)}`,
      'Bearer x',
      SECRET_TOKEN,
    ]) {
      const response = await post(url, wrong);
      expect(response.statusCode).toBe(401);
    }
    expect(actions.calls.length).toBe(before);
  });

  it('POST /sync with the token is 202 and asks the operator to look at the source', async () => {
    const response = await post('/sync', `Bearer ${SECRET_TOKEN}`);
    expect(response.statusCode).toBe(202);
    expect(response.json()).toMatchObject({ accepted: true });
    expect(actions.calls.at(-1)).toBe('sync');
  });

  it('POST /reconcile/:kind/:namespace/:name queues the resource, 404 when no manifest names it', async () => {
    const queued = await post('/reconcile/Service/shop/web', `bearer ${SECRET_TOKEN}`);
    expect(queued.statusCode).toBe(202);
    expect(queued.json()).toEqual({
      accepted: true,
      identity: 'Service/shop/web',
      message: 'Service/shop/web is queued.',
    });
    expect(actions.calls.at(-1)).toBe('reconcile Service/shop/web');
    const unknown = await post('/reconcile/Service/shop/ghost', `Bearer ${SECRET_TOKEN}`);
    expect(unknown.statusCode).toBe(404);
    expect(actions.calls.at(-1)).toBe('reconcile Service/shop/ghost');
  });

  it('POST /suspend and /resume, of one resource or of all, ask the operator; 404 when no manifest names it', async () => {
    const one = await post('/suspend/Service/shop/web', `Bearer ${SECRET_TOKEN}`);
    expect(one.statusCode).toBe(200);
    expect(one.json()).toEqual({
      accepted: true,
      identity: 'Service/shop/web',
      message: 'Service/shop/web suspended: observed, never written.',
    });
    expect(actions.calls.at(-1)).toBe('suspend Service/shop/web');
    const all = await post('/resume', `Bearer ${SECRET_TOKEN}`);
    expect(all.statusCode).toBe(200);
    expect(all.json()).toEqual({ accepted: true, message: 'Every resource resumed.' });
    expect(actions.calls.at(-1)).toBe('resume *');
    const unknown = await post('/resume/Service/shop/ghost', `Bearer ${SECRET_TOKEN}`);
    expect(unknown.statusCode).toBe(404);
    expect(actions.calls.at(-1)).toBe('resume Service/shop/ghost');
  });

  it('POST /prune/allow with the token overrides the prune guard for the revision in force', async () => {
    const response = await post('/prune/allow', `Bearer ${SECRET_TOKEN}`);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ accepted: true });
    expect(response.json().message).toMatch(/for revision sha256:held, for 60 min or until another revision/);
    expect(actions.calls.at(-1)).toBe('allowPrune {}');
  });

  it('POST /prune/allow naming a revision passes it on, and answers 409 with the reason when refused', async () => {
    const named = await app.inject({
      method: 'POST',
      url: '/prune/allow',
      headers: { authorization: `Bearer ${SECRET_TOKEN}` },
      payload: { revision: 'sha256:held', emptySource: true },
    });
    expect(named.statusCode).toBe(200);
    expect(actions.calls.at(-1)).toBe('allowPrune {"revision":"sha256:held","emptySource":true}');
    const refused = await app.inject({
      method: 'POST',
      url: '/prune/allow',
      headers: { authorization: `Bearer ${SECRET_TOKEN}` },
      payload: { revision: 'sha256:older' },
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().message).toBe('the revision in force is sha256:held, not sha256:older');
    const unknownField = await app.inject({
      method: 'POST',
      url: '/prune/allow',
      headers: { authorization: `Bearer ${SECRET_TOKEN}` },
      payload: { everything: true },
    });
    expect(unknownField.statusCode).toBe(400);
  });

  it.each(POST_ROUTES)(
    'POST %s without a configured token is 403 and says so, even with a token',
    async (url) => {
      const before = actions.calls.length;
      const response = await closed.inject({
        method: 'POST',
        url,
        headers: { authorization: 'Bearer anything' },
      });
      expect(response.statusCode).toBe(403);
      expect(response.json().message).toContain('No API token is configured');
      expect(actions.calls.length).toBe(before);
    },
  );

  it('never writes the token to a log line nor to a response', () => {
    const entries = logLines.map((line) => JSON.parse(line));
    const withHeaders = entries.filter((entry) => entry.req?.headers?.authorization !== undefined);
    expect(withHeaders.length).toBeGreaterThan(0);
    for (const entry of withHeaders) expect(entry.req.headers.authorization).toBe('[redacted]');
    expect(entries.some((entry) => entry.req?.url === '/sync')).toBe(true);
    expect(logLines.join('\n')).not.toContain(SECRET_TOKEN);
    expect(bodies.length).toBeGreaterThan(0);
    expect(bodies.join('\n')).not.toContain(SECRET_TOKEN);
  });
});
