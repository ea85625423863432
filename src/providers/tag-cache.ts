/** Tags by key (no import of tags.ts: the provider types depend on this file). */
type TagMap = Readonly<Record<string, string>>;

export interface TagCacheOptions {
  /** How long tags read once are trusted; each entry's age limit is spread over ±25% of it. */
  readonly maxAgeMs: number;
  /** Milliseconds; default Date.now. */
  readonly now?: () => number;
  /** A number in [0, 1); default Math.random. */
  readonly random?: () => number;
}

interface Entry {
  readonly tags: TagMap;
  readonly expiresAt: number;
}

/**
 * Tags of resources whose describe does not carry them (ELBv2, Cloud Map, Application Auto
 * Scaling), by ARN or id. They are read when a resource first appears and again once its entry
 * expires (the slow tag resync); Shipshape's own tag writes update the entry. Expiry is spread so
 * that the re-reads do not all fall in one look.
 */
export class TagCache {
  readonly #entries = new Map<string, Entry>();
  readonly #maxAgeMs: number;
  readonly #now: () => number;
  readonly #random: () => number;

  constructor(options: TagCacheOptions) {
    if (!(options.maxAgeMs > 0)) {
      throw new RangeError(`Expected \`maxAgeMs\` to be a number > 0, got ${options.maxAgeMs}`);
    }
    this.#maxAgeMs = options.maxAgeMs;
    this.#now = options.now ?? Date.now;
    this.#random = options.random ?? Math.random;
  }

  /** The tags last read or written, unless they have expired. */
  get(key: string): TagMap | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined) return undefined;
    if (entry.expiresAt <= this.#now()) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry.tags;
  }

  set(key: string, tags: TagMap): void {
    const spread = 0.75 + 0.5 * Math.min(Math.max(this.#random(), 0), 1);
    this.#entries.set(key, { tags: { ...tags }, expiresAt: this.#now() + this.#maxAgeMs * spread });
  }

  forget(key: string): void {
    this.#entries.delete(key);
  }

  clear(): void {
    this.#entries.clear();
  }

  get size(): number {
    return this.#entries.size;
  }
}

/** For one-off commands (plan, apply, import): everything is read once and trusted for the run. */
export function runTagCache(): TagCache {
  return new TagCache({ maxAgeMs: Number.MAX_SAFE_INTEGER / 4 });
}
