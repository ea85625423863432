import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ReceiverConfig } from '../../src/config/index.ts';
import { Notifier, transportFor, verifySignature } from '../../src/notify/index.ts';
import { stateHistory } from '../../src/runtime/state-history.ts';
import { FencedState, StateStore } from '../../src/state/index.ts';
import { waitFor } from '../faults/cluster-tools.ts';
import { createTable, leadingToken, startDynamo, type TestDynamo } from '../state/dynamo.ts';
import { type HttpReceiver, startReceiver } from './http-receiver.ts';

const SECRET = 'whsec-0123456789abcdef-test';

let dynamo: TestDynamo;
let receiver: HttpReceiver;
const notifiers: Notifier[] = [];

beforeAll(async () => {
  dynamo = await startDynamo();
});
afterAll(async () => {
  await dynamo?.close();
});
afterEach(async () => {
  for (const notifier of notifiers.splice(0)) await notifier.close();
  await receiver?.close();
});

async function setUp(
  receivers: (url: string) => ReceiverConfig[],
  options: { now?: () => number; start?: boolean } = {},
) {
  const { now, start = true } = options;
  receiver = await startReceiver();
  const table = await createTable(dynamo);
  const store = new StateStore({ client: dynamo.client, table, fenceMode: 'check-then-write' });
  const { token } = await leadingToken(dynamo.client, table);
  const leader = { leading: true };
  const fenced = new FencedState({ isLeader: () => leader.leading, fencingToken: () => token });
  const warnings: string[] = [];
  const settled: Array<[string, string, number]> = [];
  const notifier = new Notifier({
    receivers: receivers(receiver.url),
    transportFor: (config) => transportFor(config, { region: 'us-east-1' }),
    store,
    fenced,
    log: { warn: (fields, message) => warnings.push(JSON.stringify({ ...fields, message })) },
    pacing: { windowMs: 50, backoffBaseMs: 5, backoffCapMs: 40 },
    onSettled: (name, outcome, attempts) => settled.push([name, outcome, attempts]),
    ...(now === undefined ? {} : { now }),
  });
  notifiers.push(notifier);
  store.tapEvents(notifier.tap);
  if (start) await notifier.startLeading();
  const record = (identity: string, reason: string, type: 'Normal' | 'Warning' = 'Warning') =>
    store.recordEvent(
      { identity, at: new Date().toISOString(), type, reason, message: `${reason}: ${identity}` },
      token,
    );
  const drained = () =>
    waitFor('the outbox to empty', async () => (await store.listOutbox()).length === 0, 30_000);
  return { store, notifier, record, drained, warnings, leader, settled, fenced };
}

const hook = (url: string, more: Partial<ReceiverConfig> = {}): ReceiverConfig =>
  ({ type: 'webhook', name: 'hook', url: `${url}/hook`, secret: SECRET, ...more }) as ReceiverConfig;

const bodies = () =>
  receiver.accepted().map((request) => JSON.parse(request.body) as Record<string, unknown>);

describe('webhook notifications', () => {
  it('posts signed JSON: the signature verifies over the timestamp and the body', async () => {
    const { record, drained, store } = await setUp((url) => [hook(url)]);
    await record('Service/shop/web', 'DriftDetected');
    await drained();
    const [request] = receiver.requests;
    expect(request).toBeDefined();
    if (request === undefined) return;
    const timestamp = String(request.headers['x-shipshape-timestamp']);
    const signature = String(request.headers['x-shipshape-signature']);
    expect(verifySignature(SECRET, timestamp, request.body, signature)).toBe(true);
    expect(verifySignature(SECRET, timestamp, `${request.body} `, signature)).toBe(false);
    expect(verifySignature('another-secret-0123456', timestamp, request.body, signature)).toBe(false);
    expect(JSON.parse(request.body)).toMatchObject({
      type: 'notification',
      reason: 'DriftDetected',
      identity: 'Service/shop/web',
      kind: 'Service',
      namespace: 'shop',
      name: 'web',
      eventType: 'Warning',
    });
    expect(request.headers['x-shipshape-delivery']).toBe(JSON.parse(request.body).id);
    const [logged] = await store.listDeliveries();
    expect(logged).toMatchObject({ receiver: 'hook', outcome: 'delivered', attempts: 1, status: 204 });
  });

  it('retries with backoff while the receiver fails, then delivers once', async () => {
    const { record, drained, store, settled } = await setUp((url) => [hook(url)]);
    receiver.answer = (index) => (index < 3 ? 503 : 200);
    await record('Service/shop/web', 'Degraded');
    await drained();
    expect(receiver.requests.map((request) => request.status)).toEqual([503, 503, 503, 200]);
    expect(new Set(receiver.requests.map((request) => request.headers['x-shipshape-delivery'])).size).toBe(1);
    const [logged] = await store.listDeliveries();
    expect(logged).toMatchObject({ outcome: 'delivered', attempts: 4, status: 200 });
    // What the runtime counts in shipshape_notifications_total and shipshape_notification_retries_total.
    expect(settled).toEqual([['hook', 'delivered', 4]]);
  });

  it('gives up after maxAttempts, and at once on a 4xx other than 408 and 429', async () => {
    const { record, drained, store, warnings } = await setUp((url) => [hook(url, { maxAttempts: 2 })]);
    receiver.answer = (_index, request) => (request.body.includes('Service/shop/gone') ? 410 : 500);
    await record('Service/shop/web', 'Degraded');
    await record('Service/shop/gone', 'Degraded');
    await drained();
    const log = await store.listDeliveries();
    expect(log.map((entry) => [entry.outcome, entry.attempts, entry.status]).sort()).toEqual([
      ['failed', 1, 410],
      ['failed', 2, 500],
    ]);
    expect(warnings).toHaveLength(2);
  });

  it('folds a storm into one digest: 1,000 drifts past the limit become one message that counts them', async () => {
    // The rate limit's clock stands still: the whole storm falls within one window. The sender
    // starts once the storm is recorded, so the storm is all there when the limit is reached.
    const minute = Date.now();
    const { record, drained, store, notifier } = await setUp((url) => [hook(url, { maxPerMinute: 1 })], {
      now: () => minute,
      start: false,
    });
    for (let batch = 0; batch < 1_000; batch += 25) {
      await Promise.all(
        Array.from({ length: 25 }, (_, index) => record(`Service/storm/s${batch + index}`, 'DriftDetected')),
      );
    }
    await notifier.startLeading();
    await drained();
    const [first, second, ...rest] = bodies();
    expect(rest).toEqual([]);
    expect(first).toMatchObject({ type: 'notification', reason: 'DriftDetected' });
    expect(second).toMatchObject({ type: 'digest', count: 999, byReason: { DriftDetected: 999 } });
    expect(second?.sample).toHaveLength(10);
    const log = await store.listDeliveries();
    expect(log.map((entry) => entry.events).sort((a, b) => a - b)).toEqual([1, 999]);
  });

  it('never holds up the recording of events: they are recorded while the receiver does not answer', async () => {
    const { record, drained } = await setUp((url) => [hook(url)]);
    let release: () => void = () => {};
    const held = new Promise<number>((resolve) => {
      release = () => resolve(200);
    });
    receiver.answer = () => held;
    for (let index = 0; index < 20; index += 1) await record(`Service/shop/s${index}`, 'DriftDetected');
    expect(receiver.requests).toHaveLength(0);
    release();
    await drained();
    expect(receiver.accepted()).toHaveLength(20);
  });

  it('filters by namespace, kind and reason; Healed is the write after a drift', async () => {
    const { record, drained } = await setUp((url) => [
      hook(url, { name: 'shop-only', url: `${url}/shop`, namespaces: ['shop'] }),
      hook(url, { name: 'services', url: `${url}/services`, kinds: ['Service'], reasons: ['Healed'] }),
      hook(url, { name: 'revisions', url: `${url}/revisions`, reasons: ['RevisionApplied'] }),
      hook(url, { name: 'rollbacks', url: `${url}/rollbacks`, reasons: ['RolledBack'] }),
    ]);
    await record('Service/other/api', 'RolledBackByECS');
    await record('Service/shop/web', 'DriftDetected');
    await record('Service/shop/web', 'Updated', 'Normal');
    await record('TargetGroup/shop/web', 'DriftDetected');
    await record('Service/other/api', 'DriftDetected');
    await record('Service/other/api', 'Updated', 'Normal');
    // Not a notification reason, and an update without drift before it is not a heal.
    await record('Service/shop/web', 'Created', 'Normal');
    await record('Service/shop/cart', 'Updated', 'Normal');
    await drained();
    const seen = (path: string) =>
      receiver
        .accepted()
        .filter((request) => request.path === path)
        .map((request) => {
          const body = JSON.parse(request.body) as { reason: string; identity: string };
          return `${body.reason} ${body.identity}`;
        })
        .sort();
    expect(seen('/shop')).toEqual([
      'DriftDetected Service/shop/web',
      'DriftDetected TargetGroup/shop/web',
      'Healed Service/shop/web',
    ]);
    expect(seen('/services')).toEqual(['Healed Service/other/api', 'Healed Service/shop/web']);
    expect(seen('/revisions')).toEqual([]);
    // A rollback ECS made itself is a RolledBack notification too.
    expect(seen('/rollbacks')).toEqual(['RolledBack Service/other/api']);
  });

  it('notifies revisions through the history, as the operator, with who pushed them', async () => {
    const { store, fenced, drained } = await setUp((url) => [
      hook(url, { reasons: ['RevisionRejected', 'PruneHeld'] }),
    ]);
    const history = stateHistory(store, fenced);
    const entry = { digest: 'd', source: 's3://b/p', errorCount: 0, at: new Date().toISOString() };
    const commit = {
      id: 'a'.repeat(40),
      author: 'Ann <ann@example.com>',
      message: 'rename web',
      time: entry.at,
    };
    await history.record({ ...entry, id: 'sha256:aaa', result: 'applied' });
    await history.record({ ...entry, id: 'sha256:bbb', result: 'rejected', errorCount: 2, commit });
    await history.record({ ...entry, id: 'sha256:ccc', result: 'held-back' });
    await drained();
    expect(
      bodies()
        .map((body) => [body.reason, body.identity])
        .sort(),
    ).toEqual([
      ['PruneHeld', 'operator'],
      ['RevisionRejected', 'operator'],
    ]);
    const rejected = bodies().find((body) => body.reason === 'RevisionRejected');
    expect(rejected?.message).toContain('(commit aaaaaaaaaaaa by Ann <ann@example.com>: "rename web")');
  });

  it('does not notify again a revision that a previous leader recorded', async () => {
    const { store, fenced, drained } = await setUp((url) => [hook(url, { reasons: ['RevisionApplied'] })]);
    const entry = { digest: 'd', source: 's3://b/p', errorCount: 0, at: new Date().toISOString() };
    await stateHistory(store, fenced).record({ ...entry, id: 'sha256:aaa', result: 'applied' });
    await drained();
    // A restarted leader's tracker reports the revision in force again.
    await stateHistory(store, fenced).record({ ...entry, id: 'sha256:aaa', result: 'applied' });
    await drained();
    expect(bodies().map((body) => body.reason)).toEqual(['RevisionApplied']);
    expect((await store.listRevisions()).map((r) => [r.id, r.result])).toEqual([['sha256:aaa', 'applied']]);
  });

  it('sends nothing while not leading; what waits is in the outbox for the next leader', async () => {
    const { record, store, leader, notifier } = await setUp((url) => [hook(url)]);
    receiver.answer = () => 503;
    await record('Service/shop/web', 'DriftDetected');
    await receiver.waitForRequests(1);
    leader.leading = false;
    await notifier.stopLeading();
    const sent = receiver.requests.length;
    expect((await store.listOutbox()).map((entry) => [entry.reason, entry.pending])).toEqual([
      ['DriftDetected', ['hook']],
    ]);
    expect(receiver.requests.length).toBe(sent);
    // Leading again, it resumes from the outbox.
    receiver.answer = () => 200;
    leader.leading = true;
    await notifier.startLeading();
    await waitFor('the outbox to empty', async () => (await store.listOutbox()).length === 0);
    expect(receiver.accepted()).toHaveLength(1);
  });

  it('keeps the webhook secret and the Slack URL out of logs, errors and the delivery log', async () => {
    const slackPath = '/services/T0000/B0000/XyZsecretPathPart0123456789';
    const { record, drained, store, warnings } = await setUp((url) => [
      hook(url, { maxAttempts: 1 }),
      { type: 'slack', name: 'slack', url: `${url}${slackPath}`, maxAttempts: 1 },
    ]);
    receiver.answer = () => 500;
    await record('Service/shop/web', 'DriftDetected');
    await drained();
    const everything = JSON.stringify({ warnings, log: await store.listDeliveries() });
    expect(everything).not.toContain(SECRET);
    expect(everything).not.toContain('XyZsecretPathPart');
    expect(warnings).toHaveLength(2);
    const slack = receiver.requests.find((request) => request.path === slackPath);
    expect(JSON.parse(slack?.body ?? '{}')).toMatchObject({
      text: 'DriftDetected: Service/shop/web',
      blocks: [{ type: 'section', text: { type: 'mrkdwn' } }],
    });
  });
});
