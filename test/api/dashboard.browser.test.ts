import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApi } from '../../src/api/build-api.ts';
import { createMetrics } from '../../src/api/metrics.ts';
import { type BrowserPage, hasChromium, openBrowserPage, warnIfNoChromium } from '../support/chromium.ts';
import { RecordingActions } from './recording-actions.ts';
import { LAST_GOOD_REVISION, REVISION_IN_FORCE, type SeededStore, startSeededStore } from './seeded-store.ts';

const SCREENSHOT = join(dirname(fileURLToPath(import.meta.url)), '..', 'artifacts', 'dashboard.png');
warnIfNoChromium('dashboard.browser.test.ts');

describe.skipIf(!hasChromium)('the dashboard in headless Chromium', () => {
  let seeded: SeededStore;
  let app: FastifyInstance;
  let url: string;
  let browser: BrowserPage;
  let page: Page;

  beforeAll(async () => {
    seeded = await startSeededStore();
    app = buildApi({
      status: seeded.store,
      actions: new RecordingActions(),
      metrics: createMetrics(),
      ready: () => true,
    });
    url = await app.listen({ host: '127.0.0.1', port: 0 });
    browser = await openBrowserPage({ width: 1280, height: 1000 });
    page = browser.page;
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await seeded?.close();
  });

  it('shows the OutOfSync resource with its drift, desired beside actual', async () => {
    await page.goto(url);

    const drift = page.locator('tr.drift-row', { hasText: 'desiredCount' });
    await drift.waitFor();
    expect(await drift.locator('td').allTextContents()).toEqual(['desiredCount', '2', '5']);

    const row = page.locator('tr.resource-row[data-identity="Service/shop/web"]');
    expect(await row.locator('td').nth(1).textContent()).toBe('web');
    expect(await row.locator('.badge').allTextContents()).toEqual(['OutOfSync', 'Degraded']);
    expect(await page.locator('section[data-namespace="shop"] h3').textContent()).toBe('namespace shop');
    expect(await page.locator('section.namespace').count()).toBe(2);

    const operator = await page.locator('#operator').textContent();
    expect(operator).toContain(REVISION_IN_FORCE);
    expect(operator).toContain(LAST_GOOD_REVISION);
    expect(operator).toContain('held: 6 deletions waiting');
    expect(await page.locator('tr.source-error').first().textContent()).toContain('shop/web.yaml:12:7');
    expect(await page.locator('tr.event-row').count()).toBe(2);
    expect(await page.locator('tr.revision-row').count()).toBe(3);
    expect(browser.problems).toEqual([]);
  });

  it('picks up a new resource without a reload, and shows hostile text as text', async () => {
    const hostile = '<img src=x onerror="window.__pwned = 1">';
    await seeded.store.putStatus(
      {
        identity: 'Service/edge/proxy',
        sync: 'OutOfSync',
        health: 'Healthy',
        conditions: [],
        drift: [{ path: 'tags.note', desired: hostile, actual: null }],
        observedAt: '2026-11-28T12:05:00.000Z',
        awsIds: {},
      },
      seeded.token,
    );
    const drift = page.locator('tr.drift-row', { hasText: 'tags.note' });
    await drift.waitFor();
    expect(await drift.locator('td').allTextContents()).toEqual([
      'tags.note',
      JSON.stringify(hostile),
      'null',
    ]);
    expect(await page.locator('section[data-namespace="edge"] img').count()).toBe(0);
    expect(await page.evaluate(() => Reflect.get(globalThis, '__pwned'))).toBeUndefined();
    expect(browser.problems).toEqual([]);

    await mkdir(dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    expect(existsSync(SCREENSHOT)).toBe(true);
  });
});
