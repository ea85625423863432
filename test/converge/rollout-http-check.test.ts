import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CheckMemory, HttpCheckSpec } from '../../src/converge/rollout/check-types.ts';
import { evaluateHttp } from '../../src/converge/rollout/http-check.ts';
import type { ProbeRoute } from '../../src/converge/rollout/probe-request.ts';

/** What the local server answers next, and how many requests it got. */
let answer: { status: number; body: string };
let requests = 0;
let lastRequest = { url: '', host: '' };
let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    requests += 1;
    lastRequest = { url: req.url ?? '', host: req.headers.host ?? '' };
    res.writeHead(answer.status, { 'content-type': 'text/plain', 'x-secret-header': 'hunter2' });
    res.end(answer.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});
beforeEach(() => {
  answer = { status: 200, body: 'ok' };
  requests = 0;
});

/** One look at a check by url. */
function probe(
  spec: HttpCheckSpec & { url: string },
  memory: CheckMemory | undefined,
  nowMs: number,
  route: ProbeRoute = {},
) {
  return evaluateHttp(spec.url, spec, memory, nowMs, route);
}

/** Looks `times` times, each one interval after the last. */
async function looks(
  spec: HttpCheckSpec & { url: string },
  times: number,
  start: CheckMemory | undefined,
  startMs = 0,
) {
  let memory = start;
  const intervalMs = (spec.intervalSeconds ?? 10) * 1000;
  const verdicts = [];
  for (let i = 0; i < times; i += 1) {
    const result = await probe(spec, memory, startMs + i * intervalMs);
    verdicts.push(result.verdict);
    memory = result.memory;
  }
  return { verdicts, memory };
}

describe('evaluateHttp against a local server', () => {
  it('passes after N good answers in a row, pending before', async () => {
    const spec = { url: `${base}/health`, successes: 3, intervalSeconds: 10 };
    const { verdicts, memory } = await looks(spec, 3, undefined);
    expect(verdicts.map((verdict) => verdict.state)).toEqual(['pending', 'pending', 'pass']);
    expect(verdicts[2]?.message).toContain('3/3');
    expect(memory).toEqual({ successes: 3, lastAt: 20_000 });
    expect(requests).toBe(3);
  });

  it('starts the count again after a wrong status, naming it', async () => {
    const spec = { url: `${base}/health`, successes: 2, intervalSeconds: 1 };
    const first = await probe(spec, undefined, 0);
    expect(first.memory.successes).toBe(1);
    answer = { status: 503, body: 'down' };
    const failed = await probe(spec, first.memory, 1_000);
    expect(failed.verdict.state).toBe('pending');
    expect(failed.verdict.message).toContain('answered 503, expected 200');
    expect(failed.memory).toEqual({ successes: 0, lastAt: 1_000 });
    answer = { status: 200, body: 'ok' };
    const again = await probe(spec, failed.memory, 2_000);
    expect(again.verdict.state).toBe('pending');
    const passed = await probe(spec, again.memory, 3_000);
    expect(passed.verdict.state).toBe('pass');
  });

  it('looks at most once per interval, keeping its memory in between', async () => {
    const spec = { url: `${base}/health`, successes: 2, intervalSeconds: 10 };
    const first = await probe(spec, undefined, 100_000);
    const early = await probe(spec, first.memory, 109_999);
    expect(early.verdict).toEqual({ state: 'pending', message: '1/2 good answers; next look in 1 s' });
    expect(early.memory).toBe(first.memory);
    expect(requests).toBe(1);
    const due = await probe(spec, early.memory, 110_000);
    expect(due.verdict.state).toBe('pass');
    expect(requests).toBe(2);
  });

  it('checks the body against the pattern, quoting at most 200 characters of it and no headers', async () => {
    const spec = { url: `${base}/health`, bodyPattern: '"status":\\s*"up"', successes: 1 };
    answer = { status: 200, body: `{"status": "degraded", "detail": "${'x'.repeat(500)}"}` };
    const mismatch = await probe(spec, undefined, 0);
    expect(mismatch.verdict.state).toBe('pending');
    expect(mismatch.verdict.message).toContain('does not match');
    expect(mismatch.verdict.message).toContain('"status": "degraded"');
    expect(mismatch.verdict.message).not.toContain('x'.repeat(201));
    expect(mismatch.verdict.message).not.toContain('hunter2');
    answer = { status: 200, body: '{"status": "up"}' };
    const matched = await probe(spec, mismatch.memory, 10_000);
    expect(matched.verdict.state).toBe('pass');
  });

  it('takes another expected status', async () => {
    answer = { status: 204, body: '' };
    const spec = { url: `${base}/ready`, expectStatus: 204, successes: 1 };
    expect((await probe(spec, undefined, 0)).verdict.state).toBe('pass');
    const wrong = await probe({ url: `${base}/ready`, successes: 1 }, undefined, 0);
    expect(wrong.verdict.message).toContain('answered 204, expected 200');
  });

  it('stays pending with the error when nothing listens, and leaves the query out of messages', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const spec = { url: `http://127.0.0.1:${port}/health?token=s3cret`, successes: 1 };
    const result = await probe(spec, { successes: 0 }, 0);
    expect(result.verdict.state).toBe('pending');
    expect(result.verdict.message).toContain(`GET http://127.0.0.1:${port}/health failed: ECONNREFUSED`);
    expect(result.verdict.message).not.toContain('s3cret');
    expect(result.memory).toEqual({ successes: 0, lastAt: 0 });
  });

  it('goes through a proxy in absolute form, with the Host a listener rule asks for', async () => {
    const spec = { url: 'http://internal-api-123.us-east-1.elb.amazonaws.com:8080/health', successes: 1 };
    const route = { proxy: base, host: 'api.test.example' };
    const result = await probe(spec, undefined, 0, route);
    expect(result.verdict.state).toBe('pass');
    expect(lastRequest).toEqual({ url: spec.url, host: 'api.test.example' });
    const direct = await probe({ url: `${base}/health`, successes: 1 }, undefined, 0);
    expect(direct.verdict.state).toBe('pass');
    expect(lastRequest.url).toBe('/health');
  });

  it('refuses an https URL through the proxy, saying why', async () => {
    const spec = { url: 'https://api.example:8443/health', successes: 1 };
    const result = await probe(spec, undefined, 0, { proxy: base });
    expect(result.verdict).toEqual({
      state: 'pending',
      message:
        'GET https://api.example:8443/health failed: only http:// URLs go through the probe proxy, not https:// (0/1 good answers)',
    });
    expect(requests).toBe(0);
  });
});
