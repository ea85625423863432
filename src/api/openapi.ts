import type { SwaggerOptions } from '@fastify/swagger';

export const OPENAPI_OPTIONS: SwaggerOptions = {
  openapi: {
    openapi: '3.0.3',
    info: {
      title: 'Shipshape',
      description:
        'Status, drift and history of the ECS resources Shipshape manages, read from its state store; and the few actions a person may ask of the operator.',
      version: '1',
    },
    components: {
      securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer' } },
    },
    tags: [
      { name: 'status', description: 'Resources, sync, health and drift' },
      { name: 'history', description: 'Events and revisions' },
      { name: 'operator', description: 'The next pass, and actions (bearer token)' },
      { name: 'health', description: 'Liveness, readiness and metrics' },
      { name: 'dashboard', description: 'The HTML dashboard' },
    ],
  },
};
