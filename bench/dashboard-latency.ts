import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { buildApi } from '../src/api/build-api.ts';
import { createMetrics } from '../src/api/metrics.ts';
import { redactingStatusReader } from '../src/api/redacting-reader.ts';
import { StatusSnapshots } from '../src/api/status-snapshots.ts';
import { localClientConfig } from '../src/local/client-config.ts';
import { startLocalDynamoDb } from '../src/local/dynamodb.ts';
import type { ResourceStatus } from '../src/state/index.ts';
import { openBrowserPage } from '../test/support/chromium.ts';
import { dashboardFleet, FLEET_NAMESPACES } from '../test/support/dashboard-render.ts';
import { leadingStateStore } from './leading-store.ts';
import { REFUSING_ACTIONS } from './refusing-actions.ts';
import { REGION } from './world.ts';

/** Hand edits timed, each in a namespace of its own. */
export const PUSH_EDITS = 10;
/** Writes in flight while seeding, as the operator's workers have. */
const CONCURRENCY = 8;

export interface PushLatency {
  readonly resources: number;
  /** From the drift's detection (just before its status is written) to the next frame painted with it, per edit. */
  readonly latenciesMs: readonly number[];
}

/** Epoch milliseconds, sub-millisecond: comparable between this process and the page on one machine. */
const nowMs = () => performance.timeOrigin + performance.now();

/**
 * In the page: a promise, kept on `window`, of the moment the next frame is painted after the
 * drift block of `identity` shows `actual` as its live value.
 */
function awaitPainted(identity: string, actual: string): string {
  return `window.__shipshapePainted = new Promise((resolve) => {
    const shown = () => {
      const cell = document.querySelector('.drift-block[data-identity="' + CSS.escape(${JSON.stringify(identity)}) + '"] code.live');
      return cell !== null && cell.textContent === ${JSON.stringify(actual)};
    };
    const painted = () => requestAnimationFrame(() => setTimeout(() => resolve(performance.timeOrigin + performance.now()), 0));
    if (shown()) return painted();
    const observer = new MutationObserver(() => {
      if (!shown()) return;
      observer.disconnect();
      painted();
    });
    observer.observe(document.body, { childList: true, subtree: true, characterData: true });
  }), true`;
}

/**
 * A hand edit detected to its drift on the open dashboard: `resources` statuses (the render
 * bench's fleet) in a state table on dynalite, the API wired as `serve` wires it on the leader
 * (snapshots patched by the store's writes, GET /watch), the dashboard open in headless Chromium;
 * then PUSH_EDITS times a service's status written OutOfSync with a drift, timed from just before
 * the write to the next frame the page paints with it (the page's clock and this one are the
 * machine's).
 */
export async function pushLatency(resources: number): Promise<PushLatency> {
  const apps = Math.max(1, Math.round(resources / (FLEET_NAMESPACES * 10)));
  const fleet = dashboardFleet(FLEET_NAMESPACES, apps);
  const dynamo = await startLocalDynamoDb();
  const client = new DynamoDBClient(localClientConfig(dynamo.endpoint, REGION));
  const { store, lease, token } = await leadingStateStore(client, 'shipshape-bench-dashboard');
  const reader = redactingStatusReader(store);
  const api = buildApi({
    status: reader,
    snapshots: new StatusSnapshots({ reader, changes: store, onlyWriter: () => lease.isLeader() }),
    events: store,
    metrics: createMetrics(),
    ready: () => true,
    actions: REFUSING_ACTIONS,
  });
  const browser = await openBrowserPage({ width: 1400, height: 1000 });
  try {
    let next = 0;
    const seed = async () => {
      for (let i = next++; i < fleet.length; i = next++) {
        const status = fleet[i];
        if (status !== undefined) await store.putStatus(status, token);
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, seed));
    const url = await api.listen({ host: '127.0.0.1', port: 0 });
    const { page } = browser;
    await page.goto(url);
    await page
      .locator('body[data-resets][data-painted-ms]:not([data-reading])')
      .waitFor({ state: 'attached' });
    const latenciesMs: number[] = [];
    for (let edit = 0; edit < PUSH_EDITS; edit += 1) {
      const namespace = `team-${String(edit % FLEET_NAMESPACES).padStart(2, '0')}`;
      const identity = `Service/${namespace}/app-${apps > 1 ? 1 : 0}`;
      const before = fleet.find((status) => status.identity === identity);
      if (before === undefined) throw new Error(`${identity} is not in the fleet`);
      const actual = 10 + edit;
      const edited: ResourceStatus = {
        ...before,
        sync: 'OutOfSync',
        drift: [{ path: 'desiredCount', desired: 2, actual }],
        driftCount: 1,
        observedAt: new Date().toISOString(),
      };
      await page.evaluate(awaitPainted(identity, String(actual)));
      const detected = nowMs();
      await store.putStatus(edited, token);
      const painted = await page.evaluate<number>('window.__shipshapePainted');
      latenciesMs.push(painted - detected);
    }
    return { resources: fleet.length, latenciesMs };
  } finally {
    await browser.close();
    await api.close();
    lease.stop();
    client.destroy();
    await dynamo.close();
  }
}
