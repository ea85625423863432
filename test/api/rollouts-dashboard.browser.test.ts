import type { FastifyInstance } from 'fastify';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApi } from '../../src/api/build-api.ts';
import { createMetrics } from '../../src/api/metrics.ts';
import { type BrowserPage, hasChromium, openBrowserPage, warnIfNoChromium } from '../support/chromium.ts';
import { testStatus } from '../support/status-fixture.ts';
import { RecordingActions } from './recording-actions.ts';
import { SECRET_TOKEN, type SeededStore, startSeededStore } from './seeded-store.ts';

warnIfNoChromium('rollouts-dashboard.browser.test.ts');

const at = '2026-11-28T12:00:00.000Z';
const gate = (reason: string, status: 'True' | 'False') => ({
  type: 'RolloutGate',
  status,
  reason,
  message:
    'BLUE_GREEN arn:sd/1 at POST_TEST_TRAFFIC_SHIFT (hook hook-1): manual [pending] waiting for promote or abort',
  lastTransitionTime: at,
});

describe.skipIf(!hasChromium)('promote and abort on the dashboard', () => {
  let seeded: SeededStore;
  let actions: RecordingActions;
  let app: FastifyInstance;
  let browser: BrowserPage;
  let page: Page;

  beforeAll(async () => {
    seeded = await startSeededStore();
    await seeded.store.putStatus(
      testStatus('Service/shop/web', {
        health: 'Progressing',
        conditions: [gate('AwaitingApproval', 'True')],
      }),
      seeded.token,
    );
    await seeded.store.putStatus(
      testStatus('Service/shop/api', { conditions: [gate('Continued', 'False')] }),
      seeded.token,
    );
    actions = new RecordingActions();
    app = buildApi({
      status: seeded.store,
      actions,
      metrics: createMetrics(),
      ready: () => true,
      token: SECRET_TOKEN,
    });
    const url = await app.listen({ host: '127.0.0.1', port: 0 });
    browser = await openBrowserPage();
    page = browser.page;
    await page.goto(url);
    await page.locator('tr.resource-row[data-identity="Service/shop/web"]').waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await seeded?.close();
  });

  it('shows the buttons only on the row of a rollout waiting at a manual gate, and posts promote', async () => {
    const row = (identity: string) => page.locator(`tr.resource-row[data-identity="${identity}"]`);
    expect(await row('Service/shop/api').locator('button.rollout').count()).toBe(0);
    expect(await row('Service/shop/web').locator('button.rollout').allTextContents()).toEqual([
      'promote',
      'abort',
    ]);
    await row('Service/shop/web').locator('button.rollout', { hasText: 'promote' }).click();
    await page.locator('#token').fill(SECRET_TOKEN);
    await page.locator('#token-form button').click();
    await page
      .locator('#action-result.ok', { hasText: 'the rollout paused at POST_TEST_TRAFFIC_SHIFT is promoted' })
      .waitFor();
    expect(actions.calls).toEqual(['promote Service/shop/web']);
    expect(await page.content()).not.toContain(SECRET_TOKEN);
  });
});
