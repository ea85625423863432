import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UpdateServiceCommand } from '@aws-sdk/client-ecs';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type RuntimeHarness, startRuntimeHarness } from '../support/runtime-harness.ts';
import { service, taskDefinition } from './healing-workload.ts';
import { statusClient } from './status-client.ts';

/** Debian's chromium; CHROMIUM_PATH points elsewhere (or nowhere, to see the skip). */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SCREENSHOT = join(import.meta.dirname, '..', 'artifacts', 'dashboard-e2e.png');
const hasChromium = existsSync(CHROMIUM);

if (!hasChromium) {
  console.warn(
    `dashboard-e2e.test.ts skipped: ${CHROMIUM} is missing (Debian: apt-get install -y chromium fonts-liberation)`,
  );
}

vi.setConfig({ testTimeout: 60_000 });

const header = (kind: string, name: string) =>
  `apiVersion: shipshape.dev/v1\nkind: ${kind}\nmetadata: {name: ${name}, namespace: heal}\n`;

describe.skipIf(!hasChromium)('the dashboard of the running operator, in headless Chromium', () => {
  let h: RuntimeHarness;
  let profile: string;
  let browser: BrowserContext;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    h = await startRuntimeHarness();
    profile = await mkdtemp(join(tmpdir(), 'shipshape-chromium-'));
    browser = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1280, height: 900 },
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    page = await browser.newPage();
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
  });

  afterAll(async () => {
    await browser?.close();
    await h?.close();
    if (profile !== undefined) await rm(profile, { recursive: true, force: true });
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
    await page.goto(h.running.url);
    const row = page.locator('tr.resource-row[data-identity="Service/heal/web"]');
    await row.waitFor();
    expect(await row.locator('.badge').allTextContents()).toEqual(['Synced', 'Healthy']);

    await h.aws.ecs.send(new UpdateServiceCommand({ cluster: 'heal', service: 'web', desiredCount: 5 }));
    // The open page refreshes by itself: no reload.
    const drift = page.locator('tr.drift-row', { hasText: 'desiredCount' });
    await drift.waitFor({ timeout: 30_000 });
    expect(await drift.locator('td').allTextContents()).toEqual(['desiredCount', '2', '5']);
    expect(await row.locator('.badge').first().textContent()).toBe('OutOfSync');
    expect(await page.locator('section[data-namespace="heal"] h3').textContent()).toBe('namespace heal');
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    expect(existsSync(SCREENSHOT)).toBe(true);
    expect(problems).toEqual([]);
  });
});
