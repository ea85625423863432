import { connect } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiDeps, buildApi } from '../../src/api/index.ts';
import { createMetrics } from '../../src/api/metrics.ts';
import { redactingStatusReader } from '../../src/api/redacting-reader.ts';
import { StatusSnapshots } from '../../src/api/status-snapshots.ts';
import { type RecordedEvents, WatchHub } from '../../src/api/watch/watch-hub.ts';
import type { StateEvent } from '../../src/state/types.ts';
import { RecordingActions } from './recording-actions.ts';
import { DRIFTING, SECRET_TOKEN, type SeededStore, startSeededStore } from './seeded-store.ts';
import { SseClient, type SseMessage } from './sse-client.ts';

const SECRET_IN_MESSAGE = 'sk_live_4eC39HqLyjWDarjtT1zdp7dc';

/** A running API over `seeded`, as the runtime wires it (a time to live no test waits out). */
async function serve(
  seeded: SeededStore,
  extra: Partial<ApiDeps> = {},
): Promise<{ app: FastifyInstance; url: string }> {
  const reader = redactingStatusReader(seeded.store);
  const app = buildApi({
    status: reader,
    snapshots: new StatusSnapshots({ reader, changes: seeded.store, maxAgeMs: 3_600_000 }),
    events: seeded.store,
    actions: new RecordingActions(),
    metrics: createMetrics(),
    ready: () => true,
    ...extra,
  });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return { app, url };
}

async function watch(url: string, headers: Record<string, string> = {}): Promise<SseClient> {
  const opened = await SseClient.open(`${url}/watch`, headers);
  if (opened.client === undefined) throw new Error(`GET /watch answered ${opened.status}: ${opened.body}`);
  return opened.client;
}

const dataOf = (message: SseMessage | undefined): Record<string, unknown> =>
  JSON.parse(message?.data ?? 'null') as Record<string, unknown>;

describe('GET /watch over a real listener', () => {
  let seeded: SeededStore;
  let app: FastifyInstance;
  let url: string;
  let hello: SseMessage;
  let first: SseClient;
  const put = (health: 'Healthy' | 'Progressing') =>
    seeded.store.putStatus({ ...DRIFTING, health }, seeded.token);

  beforeAll(async () => {
    seeded = await startSeededStore();
    ({ app, url } = await serve(seeded));
    first = await watch(url);
    const [message] = await first.until(1);
    if (message === undefined) throw new Error('no hello');
    hello = message;
  });

  afterAll(async () => {
    first?.close();
    await app?.close();
    await seeded?.close();
  });

  it('says hello with the id to resume from, then sends a status write as a status message with the new view', async () => {
    expect(hello.event).toBe('hello');
    expect(dataOf(hello).id).toBe(hello.id);
    await put('Progressing');
    const messages = await first.until(2);
    const status = messages[1];
    expect(status?.event).toBe('status');
    const data = dataOf(status);
    expect(data.identity).toBe(DRIFTING.identity);
    expect(data.view).toMatchObject({ identity: DRIFTING.identity, health: 'Progressing', kind: 'Service' });
    expect(typeof data.etag).toBe('string');
  });

  it('sends recorded events, redacted, and removed resources', async () => {
    const before = first.messages.length;
    await seeded.store.recordEvent(
      {
        identity: 'Service/shop/web',
        at: '2026-11-28T12:01:00.000Z',
        type: 'Warning',
        reason: 'ApplyFailed',
        message: `rejected key ${SECRET_IN_MESSAGE}`,
      },
      seeded.token,
    );
    const [event] = (await first.until(before + 1)).slice(before);
    expect(event?.event).toBe('event');
    expect(dataOf(event)).toMatchObject({
      identity: 'Service/shop/web',
      reason: 'ApplyFailed',
      type: 'Warning',
    });
    expect(event?.data).not.toContain(SECRET_IN_MESSAGE);

    await seeded.store.putStatus({ ...DRIFTING, identity: 'Service/shop/extra' }, seeded.token);
    await first.until(before + 2);
    await seeded.store.deleteStatus('Service/shop/extra', seeded.token);
    const [added, removed] = (await first.until(before + 3)).slice(before + 1);
    expect(added?.event).toBe('status');
    expect(removed?.event).toBe('removed');
    expect(dataOf(removed)).toEqual({ identity: 'Service/shop/extra' });
  });

  it('resumes exactly after Last-Event-ID', async () => {
    const seenSoFar = first.messages.length;
    const resumed = await watch(url, { 'last-event-id': hello.id ?? '' });
    // Everything after hello is replayed; then one more change reaches both, and nothing else.
    await resumed.until(seenSoFar - 1);
    await put('Healthy');
    const all = await first.until(seenSoFar + 1);
    const got = await resumed.until(seenSoFar);
    resumed.close();
    expect(got).toEqual(all.slice(1));
  });

  it('answers an id of another process, or one older than it keeps, with reset', async () => {
    const stranger = await watch(url, { 'last-event-id': 'feedface-3' });
    const [unknown] = await stranger.until(1);
    stranger.close();
    expect(unknown?.event).toBe('reset');
    expect(dataOf(unknown)).toEqual({ reason: 'unknown-id' });
    const latest = first.messages.at(-1)?.id;
    expect(unknown?.id).toBe(latest);

    const stream = hello.id?.split('-')[0];
    const old = await watch(url, { 'last-event-id': `${stream}-0` });
    const [tooOld] = await old.until(1);
    old.close();
    expect(tooOld?.event).toBe('reset');
    expect(dataOf(tooOld)).toEqual({ reason: 'too-old' });
  });

  it('sends the operator state, as GET /status gives it, when it changes', async () => {
    const before = first.messages.length;
    await seeded.store.updateOperator({ leader: 'replica-b' }, seeded.token);
    const [message] = (await first.until(before + 1)).slice(before);
    expect(message?.event).toBe('operator');
    const status = await fetch(`${url}/status?limit=1`);
    const { operator } = (await status.json()) as { operator: unknown };
    expect(dataOf(message).operator).toEqual(operator);
    expect(dataOf(message).operator).toMatchObject({ leader: 'replica-b' });
  });
});

describe('GET /watch when reads need the token', () => {
  let seeded: SeededStore;
  let app: FastifyInstance;
  let url: string;

  beforeAll(async () => {
    seeded = await startSeededStore();
    ({ app, url } = await serve(seeded, { token: SECRET_TOKEN, protectReads: true }));
  });

  afterAll(async () => {
    await app?.close();
    await seeded?.close();
  });

  it('refuses a watcher without the token or with a wrong one, and streams with it', async () => {
    expect((await SseClient.open(`${url}/watch`)).status).toBe(401);
    expect((await SseClient.open(`${url}/watch`, { authorization: 'Bearer nope' })).status).toBe(401);
    const client = await watch(url, { authorization: `Bearer ${SECRET_TOKEN}` });
    const [hello] = await client.until(1);
    client.close();
    expect(hello?.event).toBe('hello');
  });
});

describe('GET /watch with a watcher that stops reading', () => {
  let seeded: SeededStore;
  let app: FastifyInstance;
  let url: string;
  const listeners = new Set<(event: StateEvent) => void>();
  const events: RecordedEvents = {
    onEventRecorded: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  let dropped!: Promise<void>;
  let hub: WatchHub;

  beforeAll(async () => {
    seeded = await startSeededStore();
    const reader = redactingStatusReader(seeded.store);
    const snapshots = new StatusSnapshots({ reader, changes: seeded.store, maxAgeMs: 3_600_000 });
    dropped = new Promise((resolve) => {
      hub = new WatchHub({
        snapshots,
        events,
        maxBufferedBytes: 256 << 10,
        flushMs: 1,
        burstFlushMs: 1,
        onDropped: resolve,
      });
    });
    ({ app, url } = await serve(seeded, { snapshots, watch: hub }));
  });

  afterAll(async () => {
    await app?.close();
    await seeded?.close();
  });

  it('drops it once its socket backs up, and the others keep streaming', async () => {
    const reader = await watch(url);
    await reader.until(1);
    const { port } = new URL(url);
    const stalled = connect(Number(port), '127.0.0.1');
    const headersCame = new Promise<void>((resolve) => stalled.once('data', () => resolve()));
    stalled.write('GET /watch HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n');
    await headersCame;
    stalled.pause();
    expect(hub.watchers).toBe(2);

    let gone = false;
    void dropped.then(() => {
      gone = true;
    });
    const big = 'x'.repeat(16_000);
    let sent = 0;
    // Bounded: kernel buffers on loopback take a few MB, far below this.
    while (!gone && sent < 5_000) {
      for (const listener of listeners) {
        listener({
          identity: 'operator',
          at: '2026-11-28T12:00:00.000Z',
          type: 'Normal',
          reason: 'Big',
          message: big,
        });
      }
      sent += 1;
      // The reading watcher keeps up (it has each one before the next), the stalled one does not.
      await reader.until(1 + sent);
    }
    stalled.destroy();
    expect(gone).toBe(true);
    const messages = await reader.until(1 + sent);
    reader.close();
    expect(messages.filter((message) => message.event === 'event')).toHaveLength(sent);
    expect(hub.watchers).toBeLessThanOrEqual(1);
  });
});

describe('GET /watch on a replica that does not write (a follower)', () => {
  let seeded: SeededStore;
  let app: FastifyInstance;
  let url: string;

  beforeAll(async () => {
    seeded = await startSeededStore();
    // No `changes` and no `events`: what another process writes is seen by reading the table again.
    const reader = redactingStatusReader(seeded.store);
    ({ app, url } = await serve(seeded, {
      snapshots: new StatusSnapshots({ reader, maxAgeMs: 50 }),
      events: { onEventRecorded: () => () => undefined },
    }));
  });

  afterAll(async () => {
    await app?.close();
    await seeded?.close();
  });

  it('streams the status written elsewhere from its periodic reads', async () => {
    const client = await watch(url);
    await client.until(1);
    await seeded.store.putStatus({ ...DRIFTING, health: 'Missing' }, seeded.token);
    const messages = await client.until(2);
    client.close();
    expect(messages[1]?.event).toBe('status');
    expect(dataOf(messages[1]).view).toMatchObject({ identity: DRIFTING.identity, health: 'Missing' });
  });
});
