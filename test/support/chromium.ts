import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';

/** Debian's chromium; CHROMIUM_PATH points elsewhere (or nowhere, to see the skip). */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);

export function warnIfNoChromium(testFile: string): void {
  if (!hasChromium) {
    console.warn(
      `${testFile} skipped: ${CHROMIUM} is missing (Debian: apt-get install -y chromium fonts-liberation)`,
    );
  }
}

/** A headless page in a fresh profile; page errors and console errors are collected in `problems`. */
export interface BrowserPage {
  readonly page: Page;
  readonly problems: string[];
  close(): Promise<void>;
}

export async function openBrowserPage(viewport = { width: 1280, height: 1000 }): Promise<BrowserPage> {
  const profile = await mkdtemp(join(tmpdir(), 'shipshape-chromium-'));
  const browser: BrowserContext = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport,
    // Without the background-networking flags Chromium keeps calling out, which this closed network refuses.
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
  const page = await browser.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  return {
    page,
    problems,
    async close() {
      await browser.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}
