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
