import { elbv2Conformance } from './elbv2.suite.ts';
import { forEachTarget } from './harness.ts';

forEachTarget(elbv2Conformance);
