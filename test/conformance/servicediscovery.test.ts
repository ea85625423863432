import { forEachTarget } from './harness.ts';
import { servicediscoveryConformance } from './servicediscovery.suite.ts';

forEachTarget(servicediscoveryConformance);
