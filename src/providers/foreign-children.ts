/**
 * A delete would take with it something Shipshape does not own (a listener added by hand to an
 * owned load balancer, a revision another tool registered in an owned family): the resource is
 * left in place, untouched, and says why. Terminal: retrying cannot help until a person acts.
 */
export class ForeignChildrenError extends Error {
  constructor(identity: string, what: string, children: readonly string[]) {
    const shown = children.slice(0, 5).join(', ') + (children.length > 5 ? ', ...' : '');
    super(
      `${identity} is not deleted: it holds ${children.length} ${what} Shipshape does not own (${shown}), which deleting it would take too; remove or adopt them first`,
    );
    this.name = 'ForeignChildrenError';
  }
}
