/**
 * A typed key for one service's state: `create` builds the empty state of a
 * region. Services reach each other's state through the other's key.
 */
export interface StateKey<S> {
  readonly name: string;
  create(): S;
}

/** All emulated state of one account in one region, one slot per service. */
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

/** Every account's and region's world, created on first use. */
export class Worlds {
  /** The default account: the one of any key the emulator does not know. */
  readonly accountId: string;
  readonly #worlds = new Map<string, RegionWorld>();

  constructor(accountId: string) {
    this.accountId = accountId;
  }

  region(name: string, accountId = this.accountId): RegionWorld {
    const key = `${accountId}/${name}`;
    let world = this.#worlds.get(key);
    if (world === undefined) {
      world = new RegionWorld(name, accountId);
      this.#worlds.set(key, world);
    }
    return world;
  }

  all(): RegionWorld[] {
    return [...this.#worlds.values()];
  }

  reset(): void {
    this.#worlds.clear();
  }
}
