import { identityPath, post } from './api-actions.ts';
import { API_OPTIONS, API_OPTIONS_USAGE } from './api-client.ts';
import { type Command, USAGE_ERROR } from './command.ts';
import { parseCommandArgs } from './dispatch.ts';

const ROLLOUT_USAGE = `usage: shipshape rollout promote|abort Service/namespace/name

Decides the manual check of a Service's rollout paused at a gate (spec.rollout): promote passes
it (the deployment continues once every check passed), abort fails it (the deployment is rolled
back) (POST /rollouts/.../promote or /abort); needs the API token.
${API_OPTIONS_USAGE}`;

const DECISIONS = ['promote', 'abort'] as const;

export const rolloutCommand: Command = {
  usage: ROLLOUT_USAGE,
  async run(args, io) {
    const parsed = parseCommandArgs(
      { args: [...args], allowPositionals: true, options: { ...API_OPTIONS } },
      io,
      ROLLOUT_USAGE,
    );
    if (parsed === undefined) return USAGE_ERROR;
    const { values, positionals } = parsed;
    const decision = DECISIONS.find((candidate) => candidate === positionals[0]);
    if (decision === undefined) {
      io.stderr(`shipshape rollout: say promote or abort\n${ROLLOUT_USAGE}\n`);
      return USAGE_ERROR;
    }
    const path = identityPath(positionals[1]);
    if (path === undefined || positionals.length > 2 || !positionals[1]?.startsWith('Service/')) {
      io.stderr(`shipshape rollout: name one Service as Service/namespace/name\n${ROLLOUT_USAGE}\n`);
      return USAGE_ERROR;
    }
    return post('rollout', values, io, (client) => client.postJson(`/rollouts/${path}/${decision}`, {}));
  },
};
