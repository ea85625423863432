import type { IdResolver, ResourceIds } from './types.ts';

/** Ids by identity, for one-off looks (plan, import) that resolve references without a cache. */
export class IdMap implements IdResolver {
  readonly #ids = new Map<string, ResourceIds>();

  idsOf(identity: string): ResourceIds | undefined {
    return this.#ids.get(identity);
  }

  record(identity: string, ids: ResourceIds): void {
    this.#ids.set(identity, ids);
  }

  forget(identity: string): void {
    this.#ids.delete(identity);
  }
}
