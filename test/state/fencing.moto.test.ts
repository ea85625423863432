import { describe, it } from 'vitest';
import { fencingSuite } from './fencing-suite.ts';
import { motoAvailable, startMoto } from './moto.ts';

// The transaction mode (TransactWriteItems with a ConditionCheck on the lease), which DynamoDB
// runs and dynalite cannot, held against moto's independent implementation when python has it.
if (motoAvailable()) {
  fencingSuite('moto', startMoto, 'transaction');
} else {
  describe('fenced writes (moto, transaction)', () => {
    it.skip('needs python3 with moto (pip install "moto[server]"); skipped', () => {});
  });
}
