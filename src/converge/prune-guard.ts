/** Why a revision's deletions are held back, or undefined when they may go ahead. */
export function pruneHoldReason(options: {
  readonly deletions: number;
  readonly owned: number;
  readonly emptySource: boolean;
  readonly share: number;
  readonly override: boolean;
}): string | undefined {
  const { deletions, owned, emptySource, share, override } = options;
  if (deletions === 0 || override) return undefined;
  if (emptySource) {
    return `the source is empty: deleting all ${deletions} owned resources is held back until the prune guard is overridden`;
  }
  if (owned > 0 && deletions / owned > share) {
    const percent = Math.round((deletions / owned) * 100);
    return `the revision would delete ${deletions} of ${owned} owned resources (${percent}%, above the ${Math.round(share * 100)}% limit): held back until the prune guard is overridden`;
  }
  return undefined;
}

/** The prune guard as the operator item shows it. */
export interface GuardView {
  readonly held: boolean;
  readonly reason?: string;
  readonly pendingDeletions: number;
  readonly override: boolean;
}

/**
 * The prune guard over the revision in force: why its deletions are held back, and the override
 * a person gave, which names one revision and goes with it.
 */
export class PruneHold {
  #reason: string | undefined;
  #override: string | undefined;

  /** Why deletions are held back now, if they are. */
  get reason(): string | undefined {
    return this.#reason;
  }

  /** Lets the deletions of this revision go ahead (POST /prune/allow). */
  allow(revisionId: string): void {
    this.#override = revisionId;
  }

  /** Judges the revision again; `released` is true when deletions held until now may go. */
  judge(input: {
    readonly revisionId: string;
    readonly owned: number;
    readonly deletions: number;
    readonly emptySource: boolean;
    readonly share: number;
  }): { readonly view: GuardView; readonly released: boolean } {
    const override = this.#override === input.revisionId;
    const wasHeld = this.#reason !== undefined;
    this.#reason = pruneHoldReason({ ...input, override });
    const view: GuardView = {
      held: this.#reason !== undefined,
      ...(this.#reason === undefined ? {} : { reason: this.#reason }),
      pendingDeletions: this.#reason === undefined ? 0 : input.deletions,
      override,
    };
    return { view, released: wasHeld && this.#reason === undefined };
  }
}
