import { hasChromium, openBrowserPage } from '../test/support/chromium.ts';
import {
  FLEET_NAMESPACES,
  measureDashboardRender,
  type RenderFigures,
} from '../test/support/dashboard-render.ts';
import { PUSH_EDITS, pushLatency } from './dashboard-latency.ts';
import type { BenchResult, Figure } from './results.ts';

const GOAL_MS = 1000;
/** Pages opened, each measured once; the figure is the median. */
const RUNS = 5;

/**
 * The dashboard over N resource views in headless Chromium: the real API serving them (buildApi
 * over an in-memory reader), the page's own performance.now() from the start of its render to
 * the next frame painted (the DOM of every namespace's graph, table and drift built, laid out and
 * painted), in a fresh page each run. Then a hand edit's way onto the open page
 * (./dashboard-latency.ts): from its detection to the next frame painted with it.
 */
export async function dashboardRender(resources: number): Promise<BenchResult> {
  if (!hasChromium) {
    console.warn('dashboard: skipped, no Chromium (Debian: apt-get install -y chromium fonts-liberation)');
    return { figures: [], details: { skipped: 'no Chromium' } };
  }
  const apps = Math.max(1, Math.round(resources / (FLEET_NAMESPACES * 10)));
  const runs: RenderFigures[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    const browser = await openBrowserPage({ width: 1400, height: 1000 });
    try {
      runs.push(await measureDashboardRender(browser.page, FLEET_NAMESPACES, apps));
    } finally {
      await browser.close();
    }
  }
  const median = (pick: (run: RenderFigures) => number) => {
    const sorted = runs.map(pick).sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
  };
  const count = runs[0]?.resources ?? 0;
  const pushed = await pushLatency(resources);
  const latencies = [...pushed.latenciesMs].sort((a, b) => a - b);
  const figures: Figure[] = [
    {
      id: `dashboard.render-${count}`,
      bench: 'dashboard',
      figure: `render ${count} resources (median of ${RUNS}), to the next frame painted`,
      measured: median((run) => run.paintedMs),
      unit: 'ms',
      goal: { max: GOAL_MS, label: `<= ${GOAL_MS} ms` },
    },
    {
      id: 'dashboard.push-latency',
      bench: 'dashboard',
      figure: `a hand edit, detected, to the next frame painted with it on the open page (${pushed.resources} resources, slowest of ${PUSH_EDITS})`,
      measured: latencies.at(-1) ?? Number.NaN,
      unit: 'ms',
      goal: { max: GOAL_MS, label: `<= ${GOAL_MS} ms` },
      note: `median ${(latencies[Math.floor(latencies.length / 2)] ?? Number.NaN).toFixed(0)} ms; status written to a state table on dynalite, pushed by GET /watch`,
    },
  ];
  return {
    figures,
    details: {
      namespaces: FLEET_NAMESPACES,
      appsPerNamespace: apps,
      runs,
      pushLatencyMs: pushed.latenciesMs,
    },
  };
}
