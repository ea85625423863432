/** One line of `shipshape status`: what GET /status says of one resource, cut to what a table shows. */
export interface StatusRow {
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
  readonly sync: string;
  readonly health: string;
  /** Drifting fields. */
  readonly drift: number;
  /** ISO 8601: the latest condition transition, else when it was last observed. */
  readonly lastChange: string;
}

const HEADER = ['KIND', 'NAMESPACE/NAME', 'SYNC', 'HEALTH', 'DRIFT', 'LAST CHANGE'] as const;

type Fields = Record<(typeof HEADER)[number], string>;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/** The row of a resource view (GET /status, or the `view` of a /watch `status` message). */
export function statusRowOf(view: unknown): StatusRow | undefined {
  if (!isRecord(view) || typeof view.identity !== 'string') return undefined;
  const [kind = '', namespace = '', ...rest] = view.identity.split('/');
  const drift = Array.isArray(view.drift) ? view.drift.length : 0;
  return {
    kind,
    namespace,
    name: rest.join('/'),
    sync: text(view.sync),
    health: text(view.health),
    drift: typeof view.driftCount === 'number' ? view.driftCount : drift,
    lastChange: lastChangeOf(view),
  };
}

function lastChangeOf(view: Record<string, unknown>): string {
  const times = (Array.isArray(view.conditions) ? view.conditions : [])
    .map((condition) => (isRecord(condition) ? text(condition.lastTransitionTime) : ''))
    .filter((time) => time !== '')
    .sort();
  return times.at(-1) ?? text(view.observedAt);
}

function fieldsOf(row: StatusRow): Fields {
  return {
    KIND: row.kind,
    'NAMESPACE/NAME': `${row.namespace}/${row.name}`,
    SYNC: row.sync,
    HEALTH: row.health,
    DRIFT: String(row.drift),
    'LAST CHANGE': row.lastChange,
  };
}

/** Column widths that fit the header and every row. */
export type Widths = readonly number[];

export function widthsOf(rows: readonly StatusRow[]): Widths {
  return HEADER.map((column) => Math.max(column.length, ...rows.map((row) => fieldsOf(row)[column].length)));
}

function line(cells: readonly string[], widths: Widths): string {
  return cells
    .map((cell, index) => (index === cells.length - 1 ? cell : cell.padEnd(widths[index] ?? 0)))
    .join('   ')
    .trimEnd();
}

function headerLine(widths: Widths): string {
  return line(HEADER, widths);
}

export function rowLine(row: StatusRow, widths: Widths): string {
  const fields = fieldsOf(row);
  return line(
    HEADER.map((column) => fields[column]),
    widths,
  );
}

/** A resource gone from the status list, in the same columns. */
export function removedLine(identity: string, widths: Widths): string {
  const [kind = '', ...rest] = identity.split('/');
  return line([kind, rest.join('/'), '(removed)'], widths);
}

export function renderTable(rows: readonly StatusRow[]): string {
  if (rows.length === 0) return 'No resources.';
  const widths = widthsOf(rows);
  return [headerLine(widths), ...rows.map((row) => rowLine(row, widths))].join('\n');
}
