import { plan } from '../converge/plan.ts';
import { hasChanges } from '../converge/plan-types.ts';
import { planAsJson, renderPlan } from '../converge/render-plan.ts';
import { renderInvalidMarkdown, renderPlanMarkdown } from '../converge/render-plan-markdown.ts';
import { defaultProviders } from '../providers/all.ts';
import { AWS_OPTIONS, AWS_OPTIONS_USAGE, awsContext } from './aws-options.ts';
import { type Command, USAGE_ERROR } from './command.ts';
import { parseCommandArgs } from './dispatch.ts';
import { type InvalidReport, loadFolderOrReport } from './load-folder.ts';
import { printRendered, SHOW_RENDERED_USAGE } from './show-rendered.ts';

const USAGE = `usage: shipshape plan [dir] [--output text|json|markdown] [--detailed-exitcode] [--prune] [--show-rendered]

Compares the manifests under dir (default .) with what is live and prints what apply would do:
create, update (with the field diffs), replace, delete. Changes nothing.
  --output markdown    a comment for a pull or merge request (docs/CI.md); an invalid folder
                       prints its errors as markdown too, and exits 1
  --prune              also plan deleting owned resources whose manifests are gone
  --detailed-exitcode  exit 0 no changes, 2 changes, 1 error
A folder with an overlay.yaml is rendered first (docs/OVERLAYS.md), its parameters read from SSM.
${SHOW_RENDERED_USAGE}
${AWS_OPTIONS_USAGE}`;

export const planCommand: Command = {
  usage: USAGE,
  async run(args, io) {
    const parsed = parseCommandArgs(
      {
        args: [...args],
        allowPositionals: true,
        options: {
          ...AWS_OPTIONS,
          output: { type: 'string', short: 'o', default: 'text' },
          'detailed-exitcode': { type: 'boolean', default: false },
          prune: { type: 'boolean', default: false },
          'show-rendered': { type: 'boolean', default: false },
        },
      },
      io,
      USAGE,
    );
    if (parsed === undefined) return USAGE_ERROR;
    const { values, positionals } = parsed;
    if (values.output !== 'text' && values.output !== 'json' && values.output !== 'markdown') {
      io.stderr(`shipshape plan: unknown output "${String(values.output)}"\n${USAGE}\n`);
      return USAGE_ERROR;
    }
    const dir = positionals[0] ?? '.';
    const { aws, base, region } = awsContext(values);
    const endpoint = values['endpoint-url'] ?? process.env.AWS_ENDPOINT_URL;
    try {
      const loaded = await loadFolderOrReport(
        dir,
        io,
        values.output === 'markdown' ? reportAsMarkdown : undefined,
        {
          region,
          ...(endpoint === undefined ? {} : { endpoint }),
        },
      );
      if (loaded === undefined) return 1;
      // Text output only: JSON and markdown stay one document each.
      if (values['show-rendered'] === true && values.output === 'text') printRendered(loaded.rendering, io);
      const result = await plan(loaded.manifests, defaultProviders(), base, { prune: values.prune === true });
      // The values of SecureString parameters an overlay used never reach the output.
      const stdout = (text: string) => io.stdout(loaded.rendering.mask(text));
      if (values.output === 'markdown') {
        stdout(renderPlanMarkdown(result.plan, loaded.revision.id, loaded.revision.warnings));
      } else if (values.output === 'json') {
        stdout(
          `${JSON.stringify({ revision: loaded.revision.id, ...(planAsJson(result.plan) as object) }, null, 2)}\n`,
        );
      } else {
        stdout(`Revision ${loaded.revision.id}\n\n${renderPlan(result.plan)}\n`);
      }
      return values['detailed-exitcode'] === true && hasChanges(result.plan) ? 2 : 0;
    } catch (error) {
      io.stderr(`shipshape plan: ${error instanceof Error ? error.message : String(error)}\n`);
      return 1;
    } finally {
      aws.destroy();
    }
  },
};

/** An invalid folder's errors, as markdown on standard output (a comment to post). */
const reportAsMarkdown: InvalidReport = (errors, io) => {
  io.stdout(renderInvalidMarkdown(errors));
  io.stderr(`The revision is invalid: ${errors.length} error(s). Nothing was planned.\n`);
};
