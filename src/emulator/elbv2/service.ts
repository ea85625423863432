import type { EmulatedService } from '../core/service.ts';

/** Placeholder until the query protocol binding lands. */
export const elbv2Service: EmulatedService = {
  name: 'elbv2',
  signingName: 'elasticloadbalancing',
  binding: {
    match: () => undefined,
    handle: () => {
      throw new Error('not implemented');
    },
    renderError: () => ({ status: 500, headers: {}, body: '' }),
  },
  throttling: { code: 'Throttling', status: 400 },
  throttleGroup: (operation) => (operation.startsWith('Describe') ? 'read' : 'modify'),
};
