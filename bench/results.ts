/** What a figure must come to: at most `max` and/or at least `min`, as `label` says in words. */
export interface Goal {
  readonly max?: number;
  readonly min?: number;
  readonly label: string;
}

/** One line of the bench's table: a measured figure beside the reference it is judged against. */
export interface Figure {
  /** Stable across runs, e.g. `revert.p95`. */
  readonly id: string;
  readonly bench: string;
  readonly figure: string;
  readonly measured: number;
  readonly unit: string;
  readonly reference?: number;
  readonly referenceLabel?: string;
  readonly goal?: Goal;
  readonly note?: string;
}

export interface BenchResult {
  readonly figures: Figure[];
  readonly details: Record<string, unknown>;
}

export function ratio(figure: Figure): number | undefined {
  if (figure.reference === undefined || figure.reference === 0) return undefined;
  return figure.measured / figure.reference;
}

/** Whether the figure meets its goal; undefined when it has none. */
export function met(figure: Figure): boolean | undefined {
  const { goal } = figure;
  if (goal === undefined) return undefined;
  if (!Number.isFinite(figure.measured)) return false;
  return (
    (goal.max === undefined || figure.measured <= goal.max) &&
    (goal.min === undefined || figure.measured >= goal.min)
  );
}

const round = (value: number) => (Math.abs(value) >= 100 ? value.toFixed(0) : value.toFixed(2));

export function renderTable(figures: readonly Figure[]): string {
  const rows = figures.map((f) => {
    const r = ratio(f);
    const verdict = met(f);
    return [
      f.id,
      f.figure,
      `${round(f.measured)} ${f.unit}`,
      f.reference === undefined ? '' : `${round(f.reference)} ${f.unit} (${f.referenceLabel ?? ''})`,
      r === undefined ? '' : `${r.toFixed(2)}x`,
      f.goal === undefined ? '' : `${f.goal.label}: ${verdict === true ? 'met' : 'NOT met'}`,
      f.note ?? '',
    ];
  });
  const head = ['id', 'figure', 'measured', 'reference', 'ratio', 'goal', 'note'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('-|-'), ...rows.map(line)].join('\n');
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

/** Calls by `service:Operation` from a stats snapshot, every outcome counted. */
export function callsOf(
  snapshot: Record<string, { ok: number; error: number; throttled: number }>,
  filter: (operation: string) => boolean = () => true,
): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [key, c] of Object.entries(snapshot)) {
    if (filter(key.split(':')[1] ?? '')) out[key] = c.ok + c.error + c.throttled;
  }
  return out;
}

export const isRead = (operation: string): boolean => /^(Describe|List|Get)/.test(operation);

export const sum = (counts: Record<string, number>): number =>
  Object.values(counts).reduce((a, b) => a + b, 0);
