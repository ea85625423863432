import { gunzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApi } from '../../src/api/build-api.ts';
import { acceptsGzip } from '../../src/api/conditional.ts';
import type { StatusReader } from '../../src/api/deps.ts';
import { createMetrics } from '../../src/api/metrics.ts';
import { redactingStatusReader } from '../../src/api/redacting-reader.ts';
import { buildSnapshot } from '../../src/api/status-snapshot.ts';
import { StatusSnapshots } from '../../src/api/status-snapshots.ts';
import type { StateStore, StatusChange } from '../../src/state/state-store.ts';
import type { ResourceStatus } from '../../src/state/types.ts';
import { RecordingActions } from './recording-actions.ts';
import { DRIFTING, SEEDED_STATUSES, type SeededStore, startSeededStore } from './seeded-store.ts';

const SECRET_VALUE = 'correct-horse-battery-staple';
const SECRET_TOKEN_IN_MESSAGE = 'sk_live_4eC39HqLyjWDarjtT1zdp7dc';

/** The store's reads, counting the status reads that reach the table. */
function countingReader(store: StateStore): StatusReader & { statusReads: number } {
  const reader = {
    statusReads: 0,
    listStatuses: (filter?: Parameters<StatusReader['listStatuses']>[0]) => {
      reader.statusReads += 1;
      return store.listStatuses(filter);
    },
    getStatus: (identity: string) => store.getStatus(identity),
    listEvents: (identity: string | undefined, limit: number) => store.listEvents(identity, limit),
    getOperator: () => store.getOperator(),
    listRevisions: (limit?: number) => store.listRevisions(limit),
  };
  return reader;
}

interface StatusBody {
  readonly summary: { readonly total: number };
  readonly resources: ReadonlyArray<{ readonly identity: string }>;
  readonly continue?: string;
}

describe('GET /status from snapshots, over a real state store', () => {
  let seeded: SeededStore;
  let reader: ReturnType<typeof countingReader>;
  let app: FastifyInstance;

  const get = (url: string, etag?: string) =>
    app.inject({ method: 'GET', url, headers: etag === undefined ? {} : { 'if-none-match': etag } });
  const put = (status: ResourceStatus) => seeded.store.putStatus(status, seeded.token);

  beforeAll(async () => {
    seeded = await startSeededStore();
    reader = countingReader(seeded.store);
    // As the runtime wires it; a time to live no test waits out, so only writes make a new read.
    const snapshots = new StatusSnapshots({
      reader: redactingStatusReader(reader),
      changes: seeded.store,
      maxAgeMs: 3_600_000,
    });
    app = buildApi({
      status: seeded.store,
      snapshots,
      actions: new RecordingActions(),
      metrics: createMetrics(),
      ready: () => true,
    });
    await app.ready();
  });

  afterAll(async () => {
    await app?.close();
    await seeded?.close();
  });

  it('sends the same JSON gzip-compressed to a client that takes gzip, under its own ETag, and a 304 for either tag', async () => {
    const plain = await get('/status');
    const compressed = await app.inject({
      method: 'GET',
      url: '/status',
      headers: { 'accept-encoding': 'br, gzip' },
    });
    expect(compressed.headers['content-encoding']).toBe('gzip');
    expect(compressed.headers.vary).toBe('accept-encoding');
    expect(gunzipSync(compressed.rawPayload).toString('utf8')).toBe(plain.body);
    expect(compressed.headers.etag).not.toBe(plain.headers.etag);
    for (const etag of [String(plain.headers.etag), String(compressed.headers.etag)]) {
      const again = await app.inject({
        method: 'GET',
        url: '/status',
        headers: { 'accept-encoding': 'gzip', 'if-none-match': etag },
      });
      expect(again.statusCode).toBe(304);
    }
  });

  it('takes gzip from Accept-Encoding unless it is refused with q=0', () => {
    expect(acceptsGzip('gzip, deflate')).toBe(true);
    expect(acceptsGzip('br;q=1.0, gzip;q=0.5')).toBe(true);
    expect(acceptsGzip('gzip;q=0')).toBe(false);
    expect(acceptsGzip('identity')).toBe(false);
    expect(acceptsGzip(undefined)).toBe(false);
  });

  it('reads and serialises once for many requests, and answers the same bytes with one ETag', async () => {
    const before = reader.statusReads;
    const answers = await Promise.all(Array.from({ length: 20 }, () => get('/status')));
    const etags = new Set(answers.map((answer) => answer.headers.etag));
    expect(etags.size).toBe(1);
    expect([...etags][0]).toMatch(/^"[\w-]+"$/);
    expect(new Set(answers.map((answer) => answer.body)).size).toBe(1);
    expect(answers[0]?.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(answers[0]?.headers['cache-control']).toBe('no-cache');
    expect(reader.statusReads - before).toBeLessThanOrEqual(1);
  });

  it('answers If-None-Match with 304 and no body while the ETag holds, weak or strong', async () => {
    const first = await get('/status');
    const etag = String(first.headers.etag);
    for (const header of [etag, `W/${etag}`, `"other", ${etag}`, '*']) {
      const again = await get('/status', header);
      expect(again.statusCode, header).toBe(304);
      expect(again.body).toBe('');
      expect(again.headers.etag).toBe(etag);
    }
    expect((await get('/status', '"not-this-one"')).statusCode).toBe(200);
  });

  it('a status written gives a new ETag at once, and the next read shows it without reading the table', async () => {
    const old = await get('/status');
    const oldOne = await get(`/status/${DRIFTING.identity}`);
    const oldWorker = await get('/status/Service/shop/worker');
    const reads = reader.statusReads;

    await put({ ...DRIFTING, health: 'Healthy', drift: [], driftCount: 0 });

    const fresh = await get('/status', String(old.headers.etag));
    expect(fresh.statusCode).toBe(200);
    expect(fresh.headers.etag).not.toBe(old.headers.etag);
    expect(fresh.json().summary.byHealth.Degraded).toBe(0);
    // Patched from the write itself.
    expect(reader.statusReads).toBe(reads);
    // The resource that changed has a new ETag; one that did not keeps its own.
    const one = await get(`/status/${DRIFTING.identity}`, String(oldOne.headers.etag));
    expect(one.statusCode).toBe(200);
    expect(one.json()).toMatchObject({ identity: DRIFTING.identity, health: 'Healthy', drift: [] });
    const worker = await get('/status/Service/shop/worker', String(oldWorker.headers.etag));
    expect(worker.statusCode).toBe(304);

    await put(DRIFTING);
    expect((await get(`/status/${DRIFTING.identity}`)).json().health).toBe('Degraded');
  });

  it('a write that changes nothing keeps the ETag', async () => {
    const before = await get('/status');
    const worker = SEEDED_STATUSES.find((status) => status.identity === 'Service/shop/worker');
    if (worker === undefined) throw new Error('seeded worker missing');
    await put(worker);
    const after = await get('/status', String(before.headers.etag));
    expect(after.statusCode).toBe(304);
  });

  it('pages with limit and continue, in namespace, kind, name order, the summary counting all', async () => {
    const seen: string[] = [];
    let url = '/status?limit=3';
    for (let pages = 1; pages <= 10; pages += 1) {
      const response = await get(url);
      expect(response.statusCode).toBe(200);
      const body: StatusBody = response.json();
      expect(body.summary.total).toBe(4);
      seen.push(...body.resources.map((r) => r.identity));
      if (body.continue === undefined) break;
      expect(body.resources).toHaveLength(3);
      url = `/status?limit=3&continue=${encodeURIComponent(body.continue)}`;
    }
    expect(seen).toEqual([
      'Cluster/ops/main',
      'Service/shop/web',
      'Service/shop/worker',
      'TargetGroup/shop/web',
    ]);
  });

  it('pages within filters, and a page starts after its token even when that resource is gone', async () => {
    const first: StatusBody = (await get('/status?namespace=shop&limit=1')).json();
    expect(first.summary.total).toBe(3);
    expect(first.resources.map((r) => r.identity)).toEqual(['Service/shop/web']);
    const token = first.continue ?? '';
    await seeded.store.deleteStatus('Service/shop/web', seeded.token);
    const second: StatusBody = (
      await get(`/status?namespace=shop&limit=1&continue=${encodeURIComponent(token)}`)
    ).json();
    expect(second.resources.map((r) => r.identity)).toEqual(['Service/shop/worker']);
    await put(DRIFTING);
  });

  it('refuses bad parameters with 400 naming the parameter', async () => {
    for (const [query, parameter] of [
      ['limit=0', 'limit'],
      ['limit=1001', 'limit'],
      ['limit=ten', 'limit'],
      ['continue=not-a-token', 'continue'],
      ['continue=', 'continue'],
      ['health=Fine', 'health'],
      ['page=2', 'page'],
    ] as const) {
      const response = await get(`/status?${query}`);
      expect(response.statusCode, query).toBe(400);
      expect(response.json(), query).toMatchObject({ statusCode: 400, error: 'Bad Request' });
      expect(response.json().message, query).toContain(parameter);
    }
  });

  it('serves statuses redacted: a secret in drift or an error message never reaches a response', async () => {
    await put({
      identity: 'Service/sec/app',
      sync: 'OutOfSync',
      health: 'Degraded',
      conditions: [],
      drift: [
        {
          path: 'containerDefinitions[name=app].environment[name=DB_PASSWORD].value',
          desired: SECRET_VALUE,
          actual: 'x',
        },
      ],
      lastError: {
        code: 'SS900',
        message: `rejected key ${SECRET_TOKEN_IN_MESSAGE}`,
        at: '2026-11-28T12:00:00.000Z',
      },
      observedAt: '2026-11-28T12:00:00.000Z',
      awsIds: {},
    });
    for (const url of ['/status', '/status?namespace=sec', '/status/Service/sec/app', '/drift']) {
      const response = await get(url);
      expect(response.statusCode, url).toBe(200);
      expect(response.body, url).toContain('(redacted)');
      expect(response.body, url).not.toContain(SECRET_VALUE);
      expect(response.body, url).not.toContain(SECRET_TOKEN_IN_MESSAGE);
    }
    await seeded.store.deleteStatus('Service/sec/app', seeded.token);
  });

  it('documents the page, the continue token, the ETag and the 304 in the OpenAPI', async () => {
    const spec = (await get('/docs/json')).json();
    const list = spec.paths['/status'].get;
    const parameters = list.parameters.map((p: { name: string; in: string }) => `${p.in}:${p.name}`);
    expect(parameters).toEqual(
      expect.arrayContaining([
        'query:namespace',
        'query:kind',
        'query:sync',
        'query:health',
        'query:limit',
        'query:continue',
        'header:if-none-match',
      ]),
    );
    expect(Object.keys(list.responses)).toEqual(expect.arrayContaining(['200', '304', '400']));
    expect(list.responses['200'].content['application/json'].schema.properties.continue.type).toBe('string');
    expect(Object.keys(list.responses['200'].headers)).toEqual(['etag']);
    expect(Object.keys(list.responses['304'].headers)).toEqual(['etag']);
    const one = spec.paths['/status/{kind}/{namespace}/{name}'].get;
    expect(Object.keys(one.responses)).toEqual(expect.arrayContaining(['200', '304', '404']));
  });
});

describe('a status snapshot', () => {
  const status = (identity: string): ResourceStatus => ({
    identity,
    sync: 'Synced',
    health: 'Healthy',
    conditions: [],
    drift: [],
    observedAt: '2026-11-28T12:00:00.000Z',
    awsIds: {},
  });
  const operator = { sourceErrors: [], pruneGuard: { held: false, pendingDeletions: 0, override: false } };

  it('is kept whole when a read brings nothing new, and keeps unchanged resources serialised', () => {
    const first = buildSnapshot([status('Service/b/x'), status('Cluster/a/main')], operator);
    expect(first.entries.map((entry) => entry.sortKey)).toEqual(['a/Cluster/main', 'b/Service/x']);
    const same = buildSnapshot(
      [status('Cluster/a/main'), status('Service/b/x')],
      structuredClone(operator),
      first,
    );
    expect(same).toBe(first);
    const changed = buildSnapshot(
      [status('Cluster/a/main'), { ...status('Service/b/x'), health: 'Degraded' }],
      operator,
      first,
    );
    expect(changed).not.toBe(first);
    expect(changed.get('Cluster/a/main')).toBe(first.get('Cluster/a/main'));
    expect(changed.get('Service/b/x')?.etag).not.toBe(first.get('Service/b/x')?.etag);
  });
});

describe('when status snapshots are read again', () => {
  const status = (identity: string): ResourceStatus => ({
    identity,
    sync: 'Synced',
    health: 'Healthy',
    conditions: [],
    drift: [],
    observedAt: '2026-11-28T12:00:00.000Z',
    awsIds: {},
  });

  /** Lets an in-memory read started behind a request finish (all its promise steps run first). */
  const settled = () => new Promise((resolve) => setImmediate(resolve));

  /** An in-memory table the test changes, counting status reads; `fail` makes reads throw. */
  function table() {
    const rows: ResourceStatus[] = [status('Service/a/one')];
    const state = { reads: 0, fail: false, rows };
    const reader: StatusReader = {
      listStatuses: async () => {
        state.reads += 1;
        if (state.fail) throw new Error('table unreachable');
        return [...rows];
      },
      getStatus: async () => undefined,
      listEvents: async () => [],
      getOperator: async () => ({
        sourceErrors: [],
        pruneGuard: { held: false, pendingDeletions: 0, override: false },
      }),
      listRevisions: async () => [],
    };
    return { state, reader };
  }

  it('as a follower, after maxAgeMs: the old snapshot answers while a new read runs behind it', async () => {
    const { state, reader } = table();
    let clock = 0;
    const snapshots = new StatusSnapshots({ reader, maxAgeMs: 1_000, now: () => clock });
    const first = await snapshots.current();
    state.rows.push(status('Service/a/two'));
    clock = 999;
    expect(await snapshots.current()).toBe(first);
    expect(state.reads).toBe(1);
    clock = 1_000;
    expect(await snapshots.current()).toBe(first);
    expect(state.reads).toBe(2);
    await settled();
    expect((await snapshots.current()).entries).toHaveLength(2);
  });

  it('as the only writer, on age only after resyncMs; once more on becoming it; at once after a change it cannot tell', async () => {
    const { state, reader } = table();
    let clock = 0;
    let leading = false;
    let changed = (_change: StatusChange): void => undefined;
    const changes = {
      onStatusChange: (listener: (change: StatusChange) => void) => {
        changed = listener;
        return () => undefined;
      },
    };
    const snapshots = new StatusSnapshots({
      reader,
      changes,
      now: () => clock,
      onlyWriter: () => leading,
      resyncMs: 3_600_000,
    });
    await snapshots.current();
    leading = true;
    await snapshots.current();
    expect(state.reads).toBe(2);
    clock = 3_599_999;
    await snapshots.current();
    expect(state.reads).toBe(2);
    state.rows.push(status('Service/a/two'));
    changed({ kind: 'unknown' });
    expect((await snapshots.current()).entries).toHaveLength(2);
    expect(state.reads).toBe(3);
    // A status it is told of is patched in; the table is not read for it.
    state.rows.push(status('Service/a/three'));
    changed({ kind: 'status', identity: 'Service/a/three', status: status('Service/a/three') });
    expect((await snapshots.current()).entries).toHaveLength(3);
    expect(state.reads).toBe(3);
    // resyncMs after the last read: read again behind the request.
    clock = 3_599_999 + 3_600_000;
    expect((await snapshots.current()).entries).toHaveLength(3);
    expect(state.reads).toBe(4);
  });

  it('after a failed read behind the scenes, the next request waits for a read and sees its error', async () => {
    const { state, reader } = table();
    let clock = 0;
    const snapshots = new StatusSnapshots({ reader, maxAgeMs: 1_000, now: () => clock });
    const first = await snapshots.current();
    state.fail = true;
    clock = 1_000;
    expect(await snapshots.current()).toBe(first);
    await settled();
    await expect(snapshots.current()).rejects.toThrow('table unreachable');
    state.fail = false;
    expect((await snapshots.current()).entries).toHaveLength(1);
  });
});
