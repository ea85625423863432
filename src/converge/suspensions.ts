/** Every resource at once. */
export const ALL_RESOURCES = '*';

/**
 * Resources suspended through the API (POST /suspend): observed and reported, never written. The
 * leader keeps the list in the operator item, so the next leader keeps it too.
 */
export class Suspensions {
  #suspended = new Set<string>();

  load(list: readonly string[] | undefined): void {
    this.#suspended = new Set(list ?? []);
  }

  has(identity: string): boolean {
    return this.#suspended.has(ALL_RESOURCES) || this.#suspended.has(identity);
  }

  list(): string[] {
    return [...this.#suspended].sort();
  }

  /** The list with `identity` (or `*`) suspended or resumed; undefined when that changes nothing. */
  changed(identity: string, suspended: boolean): string[] | undefined {
    if (this.#suspended.has(identity) === suspended) return undefined;
    const next = new Set(this.#suspended);
    if (suspended) next.add(identity);
    else next.delete(identity);
    return [...next].sort();
  }
}
