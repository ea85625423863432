import { efsConformance } from './efs.suite.ts';
import { forEachTarget } from './harness.ts';

forEachTarget(efsConformance);
