import { autoscalingService } from './autoscaling/service.ts';
import { cloudwatchService } from './cloudwatch/service.ts';
import type { EmulatedService } from './core/service.ts';
import { ecsService } from './ecs/service.ts';
import { efsService } from './efs/service.ts';
import { elbv2Service } from './elbv2/service.ts';
import { servicediscoveryService } from './servicediscovery/service.ts';
import { ssmService } from './ssm/service.ts';
import { stsService } from './sts/service.ts';

/** Every emulated service; the server asks each binding in turn whether a request is its own. */
export const SERVICES: readonly EmulatedService[] = [
  ecsService,
  elbv2Service,
  efsService,
  servicediscoveryService,
  autoscalingService,
  cloudwatchService,
  ssmService,
  stsService,
];
