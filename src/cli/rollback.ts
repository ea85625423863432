import { identityPath, post } from './api-actions.ts';
import { API_OPTIONS, API_OPTIONS_USAGE } from './api-client.ts';
import { type Command, USAGE_ERROR } from './command.ts';
import { parseCommandArgs } from './dispatch.ts';

const ROLLBACK_USAGE = `usage: shipshape rollback Service/namespace/name [--to REVISION|TASK_DEFINITION]

Asks the running operator to roll a Service back and to leave it there: self-heal does not undo
it until the Service's manifest (or the task definition it asks for) changes (POST /rollback/...);
needs the API token.
  --to REVISION         a revision digest (sha256:..., or 7+ hex digits of it; shipshape history lists them):
                        the task definition the service ran at that revision
  --to TASK_DEFINITION  a task definition ARN or family:revision
  without --to          the task definition the service ran before its current one
${API_OPTIONS_USAGE}`;

export const rollbackCommand: Command = {
  usage: ROLLBACK_USAGE,
  async run(args, io) {
    const parsed = parseCommandArgs(
      { args: [...args], allowPositionals: true, options: { ...API_OPTIONS, to: { type: 'string' } } },
      io,
      ROLLBACK_USAGE,
    );
    if (parsed === undefined) return USAGE_ERROR;
    const { values, positionals } = parsed;
    const path = identityPath(positionals[0]);
    if (path === undefined || positionals.length > 1 || !positionals[0]?.startsWith('Service/')) {
      io.stderr(`shipshape rollback: name one Service as Service/namespace/name\n${ROLLBACK_USAGE}\n`);
      return USAGE_ERROR;
    }
    if (values.to === '') {
      io.stderr(`shipshape rollback: --to needs a revision or a task definition\n${ROLLBACK_USAGE}\n`);
      return USAGE_ERROR;
    }
    const body = values.to === undefined ? {} : { to: values.to };
    return post('rollback', values, io, (client) => client.postJson(`/rollback/${path}`, body));
  },
};
