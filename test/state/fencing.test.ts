import { startDynamo } from './dynamo.ts';
import { fencingSuite } from './fencing-suite.ts';

// dynalite has no TransactWriteItems: the check-then-write mode is the one it can run.
fencingSuite('dynalite', startDynamo, 'check-then-write');
