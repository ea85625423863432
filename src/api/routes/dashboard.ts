import type { FastifyInstance } from 'fastify';
import { DASHBOARD_CSP, DASHBOARD_HTML } from '../dashboard/page.ts';

export function dashboardRoutes(app: FastifyInstance): void {
  app.get(
    '/',
    {
      schema: {
        summary: 'The dashboard: one HTML page that reads /status, /events and /revisions.',
        tags: ['dashboard'],
        produces: ['text/html'],
        response: { 200: { type: 'string' } },
      },
    },
    async (_request, reply) =>
      reply
        .type('text/html; charset=utf-8')
        .header('content-security-policy', DASHBOARD_CSP)
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'no-store')
        .send(DASHBOARD_HTML),
  );
}
