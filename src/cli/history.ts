import { shortCommitId } from '../source/revision-message.ts';
import { API_OPTIONS, API_OPTIONS_USAGE, ApiError, apiClientFor } from './api-client.ts';
import { type Command, USAGE_ERROR } from './command.ts';
import { parseCommandArgs } from './dispatch.ts';

const USAGE = `usage: shipshape history [--limit N] [--output text|json]

Asks a running operator's API (GET /revisions) for its revision history, newest first: when, the
result (applied, rejected, held-back), the revision, and the commit it was read at with its author
and message (sources written by shipshape push or put-manifests). A rejected revision's errors
follow it, as file:line:col.
  --limit N           revisions to show, 1-100; default 20
  --output text|json  json: the API's answer as it is
${API_OPTIONS_USAGE}`;

interface Commit {
  readonly id: string;
  readonly author: string;
  readonly message: string;
}

interface HistoryError {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly code: string;
  readonly path: string;
  readonly message: string;
}

interface HistoryRevision {
  readonly id: string;
  readonly at: string;
  readonly result: string;
  readonly errorCount: number;
  readonly errors?: readonly HistoryError[];
  readonly commit?: Commit;
}

interface History {
  readonly currentRevision?: string;
  readonly lastGoodRevision?: string;
  readonly revisions: readonly HistoryRevision[];
}

export const historyCommand: Command = {
  usage: USAGE,
  async run(args, io) {
    const parsed = parseCommandArgs(
      {
        args: [...args],
        options: {
          ...API_OPTIONS,
          limit: { type: 'string', default: '20' },
          output: { type: 'string', short: 'o', default: 'text' },
        },
      },
      io,
      USAGE,
    );
    if (parsed === undefined) return USAGE_ERROR;
    const { values } = parsed;
    const limit = Number(values.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
      io.stderr(`shipshape history: --limit must be a whole number from 1 to 100, got "${values.limit}"\n`);
      return USAGE_ERROR;
    }
    if (values.output !== 'text' && values.output !== 'json') {
      io.stderr(`shipshape history: unknown output "${String(values.output)}"\n${USAGE}\n`);
      return USAGE_ERROR;
    }
    try {
      const client = await apiClientFor(values);
      const body = await client.getJson(`/revisions?limit=${limit}`);
      if (values.output === 'json') {
        io.stdout(`${JSON.stringify(body, null, 2)}\n`);
        return 0;
      }
      io.stdout(renderHistory(body as History));
      return 0;
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      io.stderr(`shipshape history: ${error.message}\n`);
      return 1;
    }
  },
};

const HEADER = ['AT', 'RESULT', 'REVISION', 'COMMIT', 'AUTHOR', 'MESSAGE'] as const;

/** The table, one line a revision, its errors indented below it. */
export function renderHistory(history: History): string {
  if (history.revisions.length === 0) return 'No revisions yet.\n';
  const rows = history.revisions.map((revision) => {
    const marks = [
      revision.id === history.currentRevision ? 'in force' : '',
      revision.id === history.lastGoodRevision ? 'last good' : '',
    ].filter((mark) => mark !== '');
    const subject = revision.commit?.message.split('\n', 1)[0] ?? '';
    return [
      revision.at,
      revision.result,
      revision.id.slice(0, 19),
      revision.commit === undefined ? '-' : shortCommitId(revision.commit.id),
      revision.commit?.author || '-',
      [subject, marks.length === 0 ? '' : `(${marks.join(', ')})`].filter((part) => part !== '').join(' '),
    ];
  });
  const widths = HEADER.map((column, i) =>
    Math.max(column.length, ...rows.map((row) => row[i]?.length ?? 0)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
      .join('   ')
      .trimEnd();
  const out = [line(HEADER)];
  history.revisions.forEach((revision, i) => {
    out.push(line(rows[i] ?? []));
    for (const error of revision.errors ?? []) {
      out.push(
        `    ${error.file}:${error.line}:${error.column} ${error.path}: ${error.message} [${error.code}]`,
      );
    }
    const more = revision.errorCount - (revision.errors?.length ?? 0);
    if (more > 0) out.push(`    and ${more} more error(s)`);
  });
  return `${out.join('\n')}\n`;
}
