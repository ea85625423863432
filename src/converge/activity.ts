export type ActivityKind = 'reconciles' | 'scans' | 'resyncs' | 'drifts';

interface Waiter {
  readonly kind: ActivityKind;
  readonly target: number;
  readonly resolve: () => void;
}

/**
 * Counts of the loop's completed work: reconciles, drift scans, resyncs, and drift found (the
 * DriftDetected events). Tests wait on these ("two more scans") instead of sleeping and hoping
 * the loop ran; metrics report them.
 */
export class Activity {
  readonly #counts: Record<ActivityKind, number> = { reconciles: 0, scans: 0, resyncs: 0, drifts: 0 };
  #waiters: Waiter[] = [];

  count(kind: ActivityKind): number {
    return this.#counts[kind];
  }

  bump(kind: ActivityKind): void {
    this.#counts[kind] += 1;
    const ready = this.#waiters.filter(
      (waiter) => waiter.kind === kind && waiter.target <= this.#counts[kind],
    );
    if (ready.length === 0) return;
    this.#waiters = this.#waiters.filter((waiter) => !ready.includes(waiter));
    for (const waiter of ready) waiter.resolve();
  }

  /** Resolves once `n` more of `kind` have completed than have now. */
  next(kind: ActivityKind, n = 1): Promise<void> {
    const target = this.#counts[kind] + n;
    return new Promise((resolve) => this.#waiters.push({ kind, target, resolve }));
  }
}
