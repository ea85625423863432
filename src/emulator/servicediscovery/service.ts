import type { EmulatedService } from '../core/service.ts';
import { jsonBinding } from '../protocols/json.ts';

export const servicediscoveryService: EmulatedService = {
  name: 'servicediscovery',
  signingName: 'servicediscovery',
  binding: jsonBinding('Route53AutoNaming_v20170314', {}),
  throttling: { code: 'ThrottlingException', status: 400 },
  throttleGroup: (operation) => (/^(Get|List)/.test(operation) ? 'read' : 'modify'),
};
