import { autoscalingConformance } from './autoscaling.suite.ts';
import { forEachTarget } from './harness.ts';

forEachTarget(autoscalingConformance);
