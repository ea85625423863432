import { setTimeout as sleep } from 'node:timers/promises';
import { apply } from '../converge/apply.ts';
import { renderPlan } from '../converge/render-plan.ts';
import { defaultProviders } from '../providers/all.ts';
import { AWS_OPTIONS, AWS_OPTIONS_USAGE, awsContext } from './aws-options.ts';
import { type Command, USAGE_ERROR } from './command.ts';
import { parseCommandArgs } from './dispatch.ts';
import { loadFolderOrReport } from './load-folder.ts';

const USAGE = `usage: shipshape apply [dir] [--prune] [--max-passes N]

Carries out the plan for the manifests under dir (default .) in dependency order, waiting where
AWS needs time, and prints progress per resource. Exit 0 when everything converged, 1 otherwise.
  --prune          also delete owned resources whose manifests are gone
  --max-passes N   plan-and-apply passes before giving up (default 30)
${AWS_OPTIONS_USAGE}`;

export const applyCommand: Command = {
  usage: USAGE,
  async run(args, io) {
    const parsed = parseCommandArgs(
      {
        args: [...args],
        allowPositionals: true,
        options: {
          ...AWS_OPTIONS,
          prune: { type: 'boolean', default: false },
          'max-passes': { type: 'string', default: '30' },
        },
      },
      io,
      USAGE,
    );
    if (parsed === undefined) return USAGE_ERROR;
    const { values, positionals } = parsed;
    const maxPasses = Number(values['max-passes']);
    if (!Number.isInteger(maxPasses) || maxPasses < 1) {
      io.stderr(
        `shipshape apply: --max-passes must be a whole number >= 1, got ${String(values['max-passes'])}\n`,
      );
      return USAGE_ERROR;
    }
    const { aws, base, region } = awsContext(values);
    const endpoint = values['endpoint-url'] ?? process.env.AWS_ENDPOINT_URL;
    const loaded = await loadFolderOrReport(positionals[0] ?? '.', io, undefined, {
      region,
      ...(endpoint === undefined ? {} : { endpoint }),
    });
    if (loaded === undefined) {
      aws.destroy();
      return 1;
    }
    try {
      const result = await apply(loaded.manifests, defaultProviders(), base, {
        prune: values.prune === true,
        maxPasses,
        sleep: (ms) => sleep(ms),
        onEvent: (event) => {
          if (event.phase === 'start') return;
          const detail = event.message === undefined ? '' : `: ${event.message}`;
          io.stdout(`${event.identity}: ${event.action} ${event.phase}${detail}\n`);
        },
      });
      if (result.converged) {
        io.stdout(`Apply complete: revision ${loaded.revision.id} is live (${result.passes} pass(es)).\n`);
        return 0;
      }
      io.stdout(
        `\nNot converged after ${result.passes} pass(es). What is left:\n${renderPlan(result.lastPlan)}\n`,
      );
      for (const failure of result.failures) io.stderr(`${failure.identity}: ${failure.message}\n`);
      return 1;
    } catch (error) {
      io.stderr(`shipshape apply: ${error instanceof Error ? error.message : String(error)}\n`);
      return 1;
    } finally {
      aws.destroy();
    }
  },
};
