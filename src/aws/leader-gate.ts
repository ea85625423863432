import { isReadOperation } from './call-stats.ts';
import type { CallGate } from './clients.ts';

/** A call that would change AWS, made by a replica that does not lead (any more). */
export class NotLeading extends Error {
  constructor(service: string, operation: string) {
    super(`${service}:${operation} refused: this replica does not hold the lease`);
    this.name = 'NotLeading';
  }
}

/**
 * Only the leader changes AWS: every attempt of a call that is not a read asks the lease first,
 * so a replica whose leadership ended mid-reconcile writes nothing more. The lease ends
 * leadership at its renew deadline, before any other replica may take over.
 */
export function writesWhileLeading(gate: CallGate, leader: { isLeader(): boolean }): CallGate {
  return {
    async before(service, operation, signal) {
      if (!isReadOperation(operation) && !leader.isLeader()) throw new NotLeading(service, operation);
      await gate.before(service, operation, signal);
    },
    after: (service, operation, outcome) => gate.after(service, operation, outcome),
  };
}
