import type { RollbackPin } from '../state/index.ts';

/**
 * Services rolled back through the API (POST /rollback), each pinned to the task definition it was
 * rolled back to: self-heal leaves it there until its manifest changes. The leader keeps the list
 * in the operator item, so the next leader keeps the pins too.
 */
export class Rollbacks {
  #pins = new Map<string, RollbackPin>();

  load(list: readonly RollbackPin[] | undefined): void {
    this.#pins = new Map((list ?? []).map((pin) => [pin.identity, pin]));
  }

  get(identity: string): RollbackPin | undefined {
    return this.#pins.get(identity);
  }

  list(): RollbackPin[] {
    return [...this.#pins.values()].sort((a, b) => a.identity.localeCompare(b.identity));
  }

  /** The list with `pin` in place of any earlier pin of its resource. */
  with(pin: RollbackPin): RollbackPin[] {
    return [...this.list().filter((each) => each.identity !== pin.identity), pin];
  }

  /** The list without `identity`'s pin; undefined when it has none. */
  without(identity: string): RollbackPin[] | undefined {
    if (!this.#pins.has(identity)) return undefined;
    return this.list().filter((pin) => pin.identity !== identity);
  }
}
