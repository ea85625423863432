import { API_OPTIONS, API_OPTIONS_USAGE, type ApiClient, ApiError, apiClientFor } from './api-client.ts';
import { type Command, type CommandIo, USAGE_ERROR } from './command.ts';
import { parseCommandArgs } from './dispatch.ts';
import { type SseMessage, sseMessages } from './sse-stream.ts';
import {
  removedLine,
  renderTable,
  rowLine,
  type StatusRow,
  statusRowOf,
  type Widths,
  widthsOf,
} from './status-table.ts';

const USAGE = `usage: shipshape status [--watch] [--namespace N] [--kind K] [--output text|json]

Asks a running operator's API (GET /status, every page) for its resources and prints one line each:
KIND, NAMESPACE/NAME, SYNC, HEALTH, DRIFT (drifting fields), LAST CHANGE (latest transition).
  --watch             then follow GET /watch and print a line for each change, until Ctrl-C
  --namespace N       only this namespace
  --kind K            only this kind (e.g. Service)
  --output text|json  json: the rows as JSON (with --watch, one JSON line a change)
${API_OPTIONS_USAGE}`;

/** How a status run ends other than by Ctrl-C, and its page size; tests set these. */
export interface StatusOptions {
  readonly signal?: AbortSignal;
  /** With --watch, stop after printing this many changes. */
  readonly maxEvents?: number;
  /** Resources asked for per GET /status (the API allows up to 1,000). */
  readonly pageSize?: number;
}

interface Filter {
  readonly namespace?: string | undefined;
  readonly kind?: string | undefined;
}

export function createStatusCommand(options: StatusOptions = {}): Command {
  return {
    usage: USAGE,
    async run(args, io) {
      const parsed = parseCommandArgs(
        {
          args: [...args],
          allowPositionals: false,
          options: {
            ...API_OPTIONS,
            watch: { type: 'boolean', short: 'w', default: false },
            namespace: { type: 'string', short: 'n' },
            kind: { type: 'string' },
            output: { type: 'string', short: 'o', default: 'text' },
          },
        },
        io,
        USAGE,
      );
      if (parsed === undefined) return USAGE_ERROR;
      const { values } = parsed;
      if (values.output !== 'text' && values.output !== 'json') {
        io.stderr(`shipshape status: unknown output "${String(values.output)}"\n${USAGE}\n`);
        return USAGE_ERROR;
      }
      const filter: Filter = { namespace: values.namespace, kind: values.kind };
      const json = values.output === 'json';
      try {
        const client = await apiClientFor(values);
        if (values.watch !== true) {
          const rows = await readRows(client, filter, options.pageSize);
          io.stdout(json ? `${JSON.stringify({ resources: rows }, null, 2)}\n` : `${renderTable(rows)}\n`);
          return 0;
        }
        return await watch(client, filter, json, io, options);
      } catch (error) {
        if (error instanceof ApiError) {
          io.stderr(`shipshape status: ${error.message}\n`);
          return 1;
        }
        throw error;
      }
    },
  };
}

export const statusCommand: Command = createStatusCommand();

/** Every page of GET /status, in the API's order (namespace, kind, name). */
async function readRows(client: ApiClient, filter: Filter, pageSize = 1_000): Promise<StatusRow[]> {
  const rows: StatusRow[] = [];
  let next: string | undefined;
  do {
    const query = new URLSearchParams({ limit: String(pageSize) });
    if (filter.namespace !== undefined) query.set('namespace', filter.namespace);
    if (filter.kind !== undefined) query.set('kind', filter.kind);
    if (next !== undefined) query.set('continue', next);
    const page = await client.getJson(`/status?${query}`);
    if (
      typeof page !== 'object' ||
      page === null ||
      !('resources' in page) ||
      !Array.isArray(page.resources)
    ) {
      throw new ApiError(`GET ${client.url}/status: the answer has no resources list`);
    }
    for (const view of page.resources) {
      const row = statusRowOf(view);
      if (row !== undefined) rows.push(row);
    }
    next = 'continue' in page && typeof page.continue === 'string' ? page.continue : undefined;
  } while (next !== undefined);
  return rows;
}

const matches = (filter: Filter, kind: string, namespace: string): boolean =>
  (filter.kind === undefined || filter.kind === kind) &&
  (filter.namespace === undefined || filter.namespace === namespace);

/**
 * The table, then a line per change from GET /watch. The stream is opened first and the table read
 * after its `hello`, so no change falls between the two.
 */
async function watch(
  client: ApiClient,
  filter: Filter,
  json: boolean,
  io: CommandIo,
  options: StatusOptions,
): Promise<number> {
  const stop = new AbortController();
  const onSignal = () => stop.abort();
  options.signal?.addEventListener('abort', onSignal, { once: true });
  if (options.signal?.aborted === true) stop.abort();
  if (options.signal === undefined) process.once('SIGINT', onSignal);
  try {
    const messages = sseMessages(await client.openStream('/watch', {}, stop.signal));
    let widths: Widths = widthsOf([]);
    const printTable = async () => {
      const rows = await readRows(client, filter, options.pageSize);
      widths = widthsOf(rows);
      io.stdout(json ? `${JSON.stringify({ resources: rows })}\n` : `${renderTable(rows)}\n`);
    };
    let printed = 0;
    for await (const message of messages) {
      if (message.event === 'hello' || message.event === 'reset') {
        await printTable();
        continue;
      }
      const line = changeLine(message, filter, json, widths);
      if (line === undefined) continue;
      io.stdout(`${line}\n`);
      printed += 1;
      if (options.maxEvents !== undefined && printed >= options.maxEvents) return 0;
    }
    if (stop.signal.aborted) return 0;
    throw new ApiError(`GET ${client.url}/watch: the stream ended`);
  } catch (error) {
    if (stop.signal.aborted) return 0;
    throw error;
  } finally {
    options.signal?.removeEventListener('abort', onSignal);
    process.removeListener('SIGINT', onSignal);
    stop.abort();
  }
}

/** The line a `status` or `removed` message prints, when it is about a resource the filter keeps. */
function changeLine(message: SseMessage, filter: Filter, json: boolean, widths: Widths): string | undefined {
  let data: unknown;
  try {
    data = JSON.parse(message.data);
  } catch {
    return undefined;
  }
  if (
    typeof data !== 'object' ||
    data === null ||
    !('identity' in data) ||
    typeof data.identity !== 'string'
  ) {
    return undefined;
  }
  if (message.event === 'status' && 'view' in data) {
    const row = statusRowOf(data.view);
    if (row === undefined || !matches(filter, row.kind, row.namespace)) return undefined;
    if (json) return JSON.stringify({ change: 'status', resource: row });
    return rowLine(row, widths);
  }
  if (message.event === 'removed') {
    const [kind = '', namespace = ''] = data.identity.split('/');
    if (!matches(filter, kind, namespace)) return undefined;
    return json
      ? JSON.stringify({ change: 'removed', identity: data.identity })
      : removedLine(data.identity, widths);
  }
  return undefined;
}
