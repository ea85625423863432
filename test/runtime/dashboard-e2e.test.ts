import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { UpdateServiceCommand } from '@aws-sdk/client-ecs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type BrowserPage, hasChromium, openBrowserPage, warnIfNoChromium } from '../support/chromium.ts';
import { type RuntimeHarness, startRuntimeHarness } from '../support/runtime-harness.ts';
import { service, taskDefinition } from './healing-workload.ts';
import { statusClient } from './status-client.ts';

const SCREENSHOT = join(import.meta.dirname, '..', 'artifacts', 'dashboard-e2e.png');
warnIfNoChromium('dashboard-e2e.test.ts');

vi.setConfig({ testTimeout: 60_000 });

const header = (kind: string, name: string) =>
  `apiVersion: shipshape.dev/v1\nkind: ${kind}\nmetadata: {name: ${name}, namespace: heal}\n`;

describe.skipIf(!hasChromium)('the dashboard of the running operator, in headless Chromium', () => {
  let h: RuntimeHarness;
  let browser: BrowserPage;
  let page: Page;

  beforeAll(async () => {
    h = await startRuntimeHarness();
    browser = await openBrowserPage({ width: 1280, height: 900 });
    page = browser.page;
  });

  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  it('shows a hand edit as OutOfSync with its drift, desired beside actual', async () => {
    await h.commit({
      'heal/cluster.yaml': `${header('Cluster', 'heal')}spec: {}\n`,
      'heal/web-task.yaml': taskDefinition('web', 'web:1'),
      // Report-only, so the drift stays on the page instead of being reverted within a second.
      'heal/web.yaml': service('web', '  selfHeal: false\n'),
    });
    const api = statusClient(h);
    await h.waitFor('Synced and Healthy', async () => {
      h.local.emulator.emulator.clock.advance(15_000);
      const { resources } = await api.status('heal');
      return resources.length === 3 && resources.every((r) => r.sync === 'Synced' && r.health === 'Healthy');
    });
    // Every GET /status the page makes, counted.
    let statusReads = 0;
    page.on('request', (request) => {
      if (new URL(request.url()).pathname === '/status') statusReads += 1;
    });
    await page.goto(h.running.url);
    const row = page.locator('tr.resource-row[data-identity="Service/heal/web"]');
    await row.waitFor();
    expect(await row.locator('.badge').allTextContents()).toEqual(['Synced', 'Healthy']);
    // The graph's edges are the manifest's references, as the operator recorded them.
    const edges = await page
      .locator('section[data-namespace="heal"] path.edge')
      .evaluateAll((paths) =>
        paths.map((p) => `${p.getAttribute('data-from')} ${p.getAttribute('data-to')}`),
      );
    expect(edges.sort()).toEqual([
      'Service/heal/web Cluster/heal/heal',
      'Service/heal/web TaskDefinition/heal/web',
    ]);

    // The stream said hello and the page read everything once after it: from here on, only the stream.
    await page.locator('body[data-resets]:not([data-reading])').waitFor({ state: 'attached' });
    expect(await page.evaluate(() => Reflect.get(Reflect.get(globalThis, 'shipshapeLive'), 'isLive')())).toBe(
      true,
    );
    const readsBefore = statusReads;
    const pushedBefore = Number(await page.locator('body').getAttribute('data-pushed'));

    await h.aws.ecs.send(new UpdateServiceCommand({ cluster: 'heal', service: 'web', desiredCount: 5 }));
    // The open page is told by the stream: no reload, no poll.
    const drift = page.locator('tr.drift-row', { hasText: 'desiredCount' });
    await drift.waitFor({ timeout: 30_000 });
    expect(await drift.locator('td').allTextContents()).toEqual(['desiredCount', '2', '5']);
    expect(await row.locator('.badge').first().textContent()).toBe('OutOfSync');
    expect(Number(await page.locator('body').getAttribute('data-pushed'))).toBeGreaterThan(pushedBefore);
    expect(statusReads).toBe(readsBefore);
    expect(await page.locator('section[data-namespace="heal"] h3').textContent()).toBe('namespace heal');
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    expect(existsSync(SCREENSHOT)).toBe(true);
    expect(browser.problems).toEqual([]);
  });
});
