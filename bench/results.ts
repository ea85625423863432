/** One line of the bench's table: a measured figure beside the reference it is judged against. */
export interface Figure {
  readonly bench: string;
  readonly figure: string;
  readonly measured: number;
  readonly unit: string;
  readonly reference?: number;
  readonly referenceLabel?: string;
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

const round = (value: number) => (Math.abs(value) >= 100 ? value.toFixed(0) : value.toFixed(2));

export function renderTable(figures: readonly Figure[]): string {
  const rows = figures.map((f) => {
    const r = ratio(f);
    return [
      f.bench,
      f.figure,
      `${round(f.measured)} ${f.unit}`,
      f.reference === undefined ? '' : `${round(f.reference)} ${f.unit} (${f.referenceLabel ?? ''})`,
      r === undefined ? '' : `${r.toFixed(2)}x`,
      f.note ?? '',
    ];
  });
  const head = ['bench', 'figure', 'measured', 'reference', 'ratio', 'note'];
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
