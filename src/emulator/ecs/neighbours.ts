/**
 * The other emulated services ECS reaches into, as AWS's ECS does: ELBv2
 * target groups and Cloud Map registries. One place, so the contract shows.
 */
export {
  deregisterTaskTarget,
  registerTaskTarget,
  targetGroupExists,
  targetGroupPort,
  taskTargetHealth,
} from '../elbv2/targets.ts';
export { listenerRuleExists, setForwardWeights } from '../elbv2/traffic-weights.ts';
export {
  deregisterTaskInstance,
  discoveryServiceExists,
  registerTaskInstance,
} from '../servicediscovery/instances.ts';
