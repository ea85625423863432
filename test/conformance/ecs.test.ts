import { ecsConformance } from './ecs.suite.ts';
import { forEachTarget } from './harness.ts';

forEachTarget(ecsConformance);
