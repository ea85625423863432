import { API_OPTIONS, API_OPTIONS_USAGE, type ApiClient, ApiError, apiClientFor } from './api-client.ts';
import { type Command, type CommandIo, USAGE_ERROR } from './command.ts';
import { parseCommandArgs } from './dispatch.ts';

/** What a POST route answers when it accepts: the message is printed. */
function messageOf(body: unknown): string {
  return typeof body === 'object' && body !== null && 'message' in body && typeof body.message === 'string'
    ? body.message
    : 'accepted';
}

/** Runs one POST against the API the options name; the token never reaches the output. */
export async function post(
  name: string,
  values: { api?: string | undefined; 'token-file'?: string | undefined },
  io: CommandIo,
  act: (client: ApiClient) => Promise<unknown>,
): Promise<number> {
  try {
    const client = await apiClientFor(values);
    io.stdout(`${messageOf(await act(client))}\n`);
    return 0;
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    io.stderr(`shipshape ${name}: ${error.message}\n`);
    return 1;
  }
}

const SYNC_USAGE = `usage: shipshape sync

Asks the running operator to read its manifest source now (POST /sync); needs the API token.
${API_OPTIONS_USAGE}`;

export const syncCommand: Command = {
  usage: SYNC_USAGE,
  async run(args, io) {
    const parsed = parseCommandArgs({ args: [...args], options: { ...API_OPTIONS } }, io, SYNC_USAGE);
    if (parsed === undefined) return USAGE_ERROR;
    return post('sync', parsed.values, io, (client) => client.postJson('/sync'));
  },
};

/** `Kind/namespace/name` as a URL path, or undefined when it is not one. */
export function identityPath(identity: string | undefined): string | undefined {
  const parts = identity?.split('/') ?? [];
  if (parts.length !== 3 || parts.includes('')) return undefined;
  return parts.map(encodeURIComponent).join('/');
}

function suspendCommand(verb: 'suspend' | 'resume'): Command {
  const usage = `usage: shipshape ${verb} Kind/namespace/name | --all

${
  verb === 'suspend'
    ? 'Suspends one resource, or all with --all: the running operator observes and reports it, and\nnever writes to it, until resumed'
    : 'Resumes one suspended resource, or with --all every resource suspended as a whole (one\nsuspended by name stays so)'
} (POST /${verb}); needs the API token.
${API_OPTIONS_USAGE}`;
  return {
    usage,
    async run(args, io) {
      const parsed = parseCommandArgs(
        {
          args: [...args],
          allowPositionals: true,
          options: { ...API_OPTIONS, all: { type: 'boolean', default: false } },
        },
        io,
        usage,
      );
      if (parsed === undefined) return USAGE_ERROR;
      const { values, positionals } = parsed;
      const path = identityPath(positionals[0]);
      const all = values.all === true;
      if (all ? positionals.length > 0 : path === undefined || positionals.length > 1) {
        io.stderr(`shipshape ${verb}: name one resource as Kind/namespace/name, or give --all\n${usage}\n`);
        return USAGE_ERROR;
      }
      const route = all ? `/${verb}` : `/${verb}/${path}`;
      return post(verb, values, io, (client) => client.postJson(route));
    },
  };
}

export const suspendResourceCommand: Command = suspendCommand('suspend');
export const resumeResourceCommand: Command = suspendCommand('resume');

const RECONCILE_USAGE = `usage: shipshape reconcile Kind/namespace/name

Asks the running operator to look at one resource now (POST /reconcile/...); needs the API token.
${API_OPTIONS_USAGE}`;

export const reconcileCommand: Command = {
  usage: RECONCILE_USAGE,
  async run(args, io) {
    const parsed = parseCommandArgs(
      { args: [...args], allowPositionals: true, options: { ...API_OPTIONS } },
      io,
      RECONCILE_USAGE,
    );
    if (parsed === undefined) return USAGE_ERROR;
    const path = identityPath(parsed.positionals[0]);
    if (path === undefined || parsed.positionals.length > 1) {
      io.stderr(`shipshape reconcile: name one resource as Kind/namespace/name\n${RECONCILE_USAGE}\n`);
      return USAGE_ERROR;
    }
    return post('reconcile', parsed.values, io, (client) => client.postJson(`/reconcile/${path}`));
  },
};

const PRUNE_USAGE = `usage: shipshape prune allow [--revision sha256:...] [--empty-source]

Lets the revision in force delete what the prune guard holds back, for a while (POST /prune/allow);
needs the API token.
  --revision DIGEST  the revision you looked at (shipshape status / GET /status); refused if another is in force
  --empty-source     also when the source is empty (deletes everything Shipshape owns)
${API_OPTIONS_USAGE}`;

export const pruneCommand: Command = {
  usage: PRUNE_USAGE,
  async run(args, io) {
    const parsed = parseCommandArgs(
      {
        args: [...args],
        allowPositionals: true,
        options: {
          ...API_OPTIONS,
          revision: { type: 'string' },
          'empty-source': { type: 'boolean', default: false },
        },
      },
      io,
      PRUNE_USAGE,
    );
    if (parsed === undefined) return USAGE_ERROR;
    const { values, positionals } = parsed;
    if (positionals.length !== 1 || positionals[0] !== 'allow') {
      io.stderr(`shipshape prune: the only subcommand is "allow"\n${PRUNE_USAGE}\n`);
      return USAGE_ERROR;
    }
    const body = {
      ...(values.revision === undefined ? {} : { revision: values.revision }),
      ...(values['empty-source'] === true ? { emptySource: true } : {}),
    };
    return post('prune allow', values, io, (client) => client.postJson('/prune/allow', body));
  },
};
