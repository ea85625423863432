import type { EmulatedService } from '../core/service.ts';
import { jsonBinding } from '../protocols/json.ts';

export const autoscalingService: EmulatedService = {
  name: 'autoscaling',
  signingName: 'application-autoscaling',
  binding: jsonBinding('AnyScaleFrontendService', {}),
  throttling: { code: 'ThrottlingException', status: 400 },
  throttleGroup: (operation) => (operation.startsWith('Describe') ? 'read' : 'modify'),
};
