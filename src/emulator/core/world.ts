/**
 * A typed key for one service's state: `create` builds the empty state of a
 * region. Services reach each other's state through the other's key.
 */
export interface StateKey<S> {
  readonly name: string;
  create(): S;
}

/** All emulated state of one region, one slot per service. */
export class RegionWorld {
  readonly region: string;
  readonly accountId: string;
  readonly #slots = new Map<string, unknown>();

  constructor(region: string, accountId: string) {
    this.region = region;
    this.accountId = accountId;
  }

  get<S>(key: StateKey<S>): S {
    if (!this.#slots.has(key.name)) this.#slots.set(key.name, key.create());
    return this.#slots.get(key.name) as S;
  }
}

/** Every region's world, created on first use. */
export class Worlds {
  readonly accountId: string;
  readonly #regions = new Map<string, RegionWorld>();

  constructor(accountId: string) {
    this.accountId = accountId;
  }

  region(name: string): RegionWorld {
    let world = this.#regions.get(name);
    if (world === undefined) {
      world = new RegionWorld(name, this.accountId);
      this.#regions.set(name, world);
    }
    return world;
  }

  all(): RegionWorld[] {
    return [...this.#regions.values()];
  }

  reset(): void {
    this.#regions.clear();
  }
}
