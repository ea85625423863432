import type { Page } from 'playwright-core';
import { buildApi } from '../../src/api/build-api.ts';
import type { OperatorActions, StatusReader } from '../../src/api/deps.ts';
import { createMetrics } from '../../src/api/metrics.ts';
import type { OperatorState, ResourceStatus } from '../../src/state/types.ts';
import { testStatus as status } from './status-fixture.ts';

export const FLEET_NAMESPACES = 50;
export const FLEET_APPS = 10;
/** Listener 1, rule 2, service 4, task definition 2, access point 1. */
export const EDGES_PER_APP = 10;

/** `namespaces` x `apps` chains of 10 kinds joined by references (50 x 10 = 5,000 statuses); each namespace's first app drifts. */
export function dashboardFleet(namespaces: number, apps: number): ResourceStatus[] {
  const out: ResourceStatus[] = [];
  for (let n = 0; n < namespaces; n += 1) {
    const ns = `team-${String(n).padStart(2, '0')}`;
    for (let a = 0; a < apps; a += 1) {
      const id = (kind: string) => `${kind}/${ns}/app-${a}`;
      const drift = a === 0 ? [{ path: 'desiredCount', desired: 2, actual: 3 }] : [];
      out.push(
        status(id('LoadBalancer')),
        status(id('Listener'), { refs: [id('LoadBalancer')] }),
        status(id('ListenerRule'), { refs: [id('Listener'), id('TargetGroup')] }),
        status(id('TargetGroup'), { health: a === 1 ? 'Degraded' : 'Healthy' }),
        status(id('Service'), {
          sync: drift.length > 0 ? 'OutOfSync' : 'Synced',
          drift,
          refs: [id('TargetGroup'), id('TaskDefinition'), id('Cluster'), id('DiscoveryService')],
        }),
        status(id('TaskDefinition'), { refs: [id('FileSystem'), id('AccessPoint')] }),
        status(id('FileSystem')),
        status(id('AccessPoint'), { refs: [id('FileSystem')] }),
        status(id('DiscoveryService')),
        status(id('Cluster')),
      );
    }
  }
  return out;
}

const OPERATOR: OperatorState = {
  sourceErrors: [],
  pruneGuard: { held: false, pendingDeletions: 0, override: false },
};

const NO_ACTIONS: OperatorActions = {
  sync: async () => undefined,
  reconcile: async () => 'unknown',
  allowPrune: async () => ({ allowed: false, reason: 'not in this measurement' }),
  plan: async () => ({ changes: [] }),
  suspend: async () => 'unknown',
  rollback: async () => ({ result: 'unknown' }),
  decideRollout: async () => ({ result: 'unknown' }),
};

export interface RenderFigures {
  readonly resources: number;
  /** performance.now() in the page from the start of the render to: the DOM built, laid out, the next frame painted. */
  readonly buildMs: number;
  readonly layoutMs: number;
  readonly paintedMs: number;
}

/**
 * Serves the fleet from the real API (buildApi over an in-memory reader), opens the dashboard in
 * `page` and reads the figures the page records (data-build-ms, data-layout-ms, data-painted-ms)
 * for its first full render: every namespace's graph, table and drift.
 */
export async function measureDashboardRender(
  page: Page,
  namespaces: number,
  apps: number,
  /** Looks at the page while the API still answers. */
  inspect: (figures: RenderFigures) => Promise<void> = async () => undefined,
): Promise<RenderFigures> {
  const statuses = dashboardFleet(namespaces, apps);
  const reader: StatusReader = {
    listStatuses: async () => statuses,
    getStatus: async (identity) => statuses.find((s) => s.identity === identity),
    listEvents: async () => [],
    getOperator: async () => OPERATOR,
    listRevisions: async () => [],
  };
  const app = buildApi({ status: reader, actions: NO_ACTIONS, metrics: createMetrics(), ready: () => true });
  try {
    const url = await app.listen({ host: '127.0.0.1', port: 0 });
    await page.goto(url);
    await page
      .locator(`body[data-painted-ms][data-namespaces-drawn="${namespaces}"]`)
      .waitFor({ state: 'attached' });
    const figure = async (name: string) => Number(await page.locator('body').getAttribute(`data-${name}-ms`));
    const figures = {
      resources: statuses.length,
      buildMs: await figure('build'),
      layoutMs: await figure('layout'),
      paintedMs: await figure('painted'),
    };
    await inspect(figures);
    return figures;
  } finally {
    // Off the page first: its stream would try the closed server again.
    await page.goto('about:blank');
    await app.close();
  }
}
