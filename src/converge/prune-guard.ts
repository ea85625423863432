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

/** What a person allowed: the deletions of one revision, until a time; an empty source only if said so. */
export interface PruneOverride {
  readonly revisionId: string;
  /** Also lets an empty source delete everything it owns. */
  readonly emptySource: boolean;
  /** On the operator's monotonic clock. */
  readonly expiresAt: number;
}

export type AllowOutcome =
  | { readonly allowed: true; readonly revisionId: string; readonly expiresInMs: number }
  | { readonly allowed: false; readonly reason: string };

/**
 * The prune guard over the revision in force: why its deletions are held back, and the override
 * a person gave. An override names one revision and goes with it, expires after a time, and lets
 * an empty source delete only when it says so.
 */
export class PruneHold {
  #reason: string | undefined;
  #override: PruneOverride | undefined;
  readonly #now: () => number;
  readonly #overrideMs: number;

  constructor(options: { readonly now: () => number; readonly overrideMs: number }) {
    this.#now = options.now;
    this.#overrideMs = options.overrideMs;
  }

  /** Why deletions are held back now, if they are. */
  get reason(): string | undefined {
    return this.#reason;
  }

  /**
   * Lets the deletions of the revision in force go ahead (POST /prune/allow). `named`, when
   * given, must be that revision: a person allows what they saw, not whatever came since.
   */
  allow(
    inForce: { readonly revisionId: string; readonly emptySource: boolean },
    request: { readonly named?: string; readonly emptySource?: boolean },
  ): AllowOutcome {
    if (request.named !== undefined && request.named !== inForce.revisionId) {
      return {
        allowed: false,
        reason: `the revision in force is ${inForce.revisionId}, not ${request.named}: look at what it would delete, then allow that one`,
      };
    }
    if (inForce.emptySource && request.emptySource !== true) {
      return {
        allowed: false,
        reason:
          'the source is empty: deleting everything Shipshape owns needs its own override, {"emptySource": true}',
      };
    }
    this.#override = {
      revisionId: inForce.revisionId,
      emptySource: request.emptySource === true,
      expiresAt: this.#now() + this.#overrideMs,
    };
    return { allowed: true, revisionId: inForce.revisionId, expiresInMs: this.#overrideMs };
  }

  /** Judges the revision again; `released` is true when deletions held until now may go. */
  judge(input: {
    readonly revisionId: string;
    readonly owned: number;
    readonly deletions: number;
    readonly emptySource: boolean;
    readonly share: number;
  }): { readonly view: GuardView; readonly released: boolean } {
    const override = this.#applies(input.revisionId, input.emptySource);
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

  #applies(revisionId: string, emptySource: boolean): boolean {
    const override = this.#override;
    if (override === undefined) return false;
    if (override.revisionId !== revisionId || this.#now() >= override.expiresAt) {
      this.#override = undefined;
      return false;
    }
    return !emptySource || override.emptySource;
  }
}
