import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { pino } from 'pino';
import type { ApiDeps } from './deps.ts';
import { handleError } from './error-handler.ts';
import { apiLogger } from './logger.ts';
import { OPENAPI_OPTIONS } from './openapi.ts';
import { guardReads } from './read-guard.ts';
import { actionRoutes } from './routes/actions.ts';
import { dashboardRoutes } from './routes/dashboard.ts';
import { healthRoutes } from './routes/health.ts';
import { historyRoutes } from './routes/history.ts';
import { metricsRoutes } from './routes/metrics.ts';
import { planRoutes } from './routes/plan.ts';
import { statusRoutes } from './routes/status.ts';
import { watchRoutes } from './routes/watch.ts';
import { StatusSnapshots } from './status-snapshots.ts';
import { WatchHub } from './watch/watch-hub.ts';

/**
 * The HTTP API and dashboard. It reads the state store and asks the operator through `deps.actions`;
 * it never calls AWS. OpenAPI at /docs (JSON at /docs/json). Call `listen` or `inject` on the result.
 */
export function buildApi(deps: ApiDeps): FastifyInstance {
  const loggerInstance: FastifyBaseLogger = apiLogger(deps.logger ?? pino({ enabled: false }));
  // A body with a field the route does not know is refused, not silently trimmed.
  const app = Fastify({ loggerInstance, ajv: { customOptions: { removeAdditional: false } } });
  app.setErrorHandler(handleError);
  const snapshots = deps.snapshots ?? new StatusSnapshots({ reader: deps.status });
  const hub =
    deps.watch ?? new WatchHub({ snapshots, ...(deps.events === undefined ? {} : { events: deps.events }) });
  // Before the server stops taking connections, so its close does not wait on open streams.
  app.addHook('preClose', async () => hub.close());
  app.addHook('onClose', async () => snapshots.close());
  app.register(swagger, OPENAPI_OPTIONS);
  app.register(swaggerUi, { routePrefix: '/docs' });
  app.register(async (routes) => {
    healthRoutes(routes, deps);
    actionRoutes(routes, deps);
    dashboardRoutes(routes);
    routes.register(async (reads) => {
      if (deps.protectReads === true) guardReads(reads, deps.token);
      statusRoutes(reads, snapshots);
      historyRoutes(reads, deps);
      planRoutes(reads, deps);
      metricsRoutes(reads, deps);
      watchRoutes(reads, hub);
    });
  });
  return app;
}
