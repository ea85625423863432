import type { EmulatedService } from '../core/service.ts';
import { jsonBinding } from '../protocols/json.ts';

export const ecsService: EmulatedService = {
  name: 'ecs',
  signingName: 'ecs',
  binding: jsonBinding('AmazonEC2ContainerServiceV20141113', {
    ListClusters: () => ({ clusterArns: [] }),
  }),
  throttling: { code: 'ThrottlingException', status: 400 },
  throttleGroup: () => 'cluster-read',
};
