import type { EmulatedService } from '../core/service.ts';

/** Placeholder until the rest-json binding lands. */
export const efsService: EmulatedService = {
  name: 'efs',
  signingName: 'elasticfilesystem',
  binding: {
    match: () => undefined,
    handle: () => {
      throw new Error('not implemented');
    },
    renderError: () => ({ status: 500, headers: {}, body: '' }),
  },
  throttling: { code: 'ThrottlingException', status: 429 },
  throttleGroup: (operation) =>
    operation.startsWith('Describe') || operation.startsWith('List') ? 'read' : 'modify',
};
