import { type Diagnostic, diagnostic, formatDiagnostic } from '../manifest/diagnostic.ts';
import type { ReadLimits } from '../manifest/limits.ts';
import { loadRendering, renderDirectory } from '../manifest/overlay/index.ts';
import type { RevisionResult } from '../manifest/revision.ts';
import { ssmParameterStore } from '../source/ssm-parameter-store.ts';
import { type Command, type CommandIo, USAGE_ERROR } from './command.ts';
import { parseCommandArgs } from './dispatch.ts';
import { LIMIT_OPTIONS, limitsFrom } from './limit-options.ts';
import { printRendered, SHOW_RENDERED_USAGE, type ShownRendering } from './show-rendered.ts';

const USAGE = `usage: shipshape validate [dir | s3://bucket/prefix | dynamodb://table[/folder]] [--output text|json]
                          [--show-rendered] [--max-file-bytes N] [--max-revision-bytes N] [--max-documents N]

Reads every *.yaml / *.yml under dir (default .), or what the operator would read from an S3
prefix or a manifests table now (credentials, region and AWS_ENDPOINT_URL from the environment;
a source without a commit record is warned about), validates the revision and prints each error
and warning as file:line:col kind/namespace/name: field.path: message [CODE]. A folder with an
overlay.yaml is rendered first (docs/OVERLAYS.md); its errors point at the base or the overlay.
${SHOW_RENDERED_USAGE}
The limits are serve's (docs/CONFIGURATION.md), also from SHIPSHAPE_MAX_FILE_BYTES,
SHIPSHAPE_MAX_REVISION_BYTES and SHIPSHAPE_MAX_DOCUMENTS.
Exit status: 0 valid (warnings allowed), 1 invalid, 2 bad command line.`;

export const validateCommand: Command = {
  usage: USAGE,
  async run(args, io) {
    const parsed = parseCommandArgs(
      {
        args: [...args],
        allowPositionals: true,
        options: {
          output: { type: 'string', short: 'o', default: 'text' },
          'show-rendered': { type: 'boolean', default: false },
          ...LIMIT_OPTIONS,
        },
      },
      io,
      USAGE,
    );
    if (parsed === undefined) return USAGE_ERROR;
    const output = parsed.values.output;
    if ((output !== 'text' && output !== 'json') || parsed.positionals.length > 1) {
      io.stderr(
        `shipshape validate: ${parsed.positionals.length > 1 ? 'give at most one folder' : `unknown output "${String(output)}"`}\n${USAGE}\n`,
      );
      return USAGE_ERROR;
    }
    const limited = limitsFrom(parsed.values, process.env);
    if ('error' in limited) {
      io.stderr(`shipshape validate: ${limited.error}\n${USAGE}\n`);
      return USAGE_ERROR;
    }
    const dir = parsed.positionals[0] ?? '.';
    // Loaded only for a URL: a folder's validation needs no AWS SDK.
    const sourceUrl = /^(s3|dynamodb):\/\//i.test(dir.trim());
    const { result, rendering } = sourceUrl
      ? await (await import('./validate-source.ts')).validateSource(dir, limited.limits, io)
      : await validateFolder(dir, limited.limits);
    const show = parsed.values['show-rendered'] === true ? rendering : undefined;
    if (output === 'json') printJson(result, io, show);
    else {
      if (show !== undefined) printRendered(show, io);
      printText(result, io);
    }
    return result.ok ? 0 : 1;
  },
};

/** What validate found, and what it validated when that was rendered from an overlay. */
export interface Validated {
  readonly result: RevisionResult;
  readonly rendering?: ShownRendering;
}

async function validateFolder(dir: string, limits: ReadLimits): Promise<Validated> {
  const parameters = ssmParameterStore({});
  try {
    const rendering = await renderDirectory(dir, { limits, parameters });
    return { result: loadRendering(rendering, { maxDocuments: limits.documents }), rendering };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const unreadable = diagnostic('SOURCE_UNREADABLE', {
      place: { file: dir, line: 1, column: 1 },
      params: { what: dir, reason },
    });
    return { result: { ok: false, errors: [unreadable], warnings: [] } };
  } finally {
    parameters.destroy();
  }
}

function printText(result: RevisionResult, io: CommandIo): void {
  const errors = result.ok ? [] : result.errors;
  const warnings = result.ok ? result.revision.warnings : result.warnings;
  for (const d of [...errors, ...warnings]) io.stdout(`${formatDiagnostic(d)}\n`);
  const counted = `${plural(errors.length, 'error')}, ${plural(warnings.length, 'warning')}`;
  if (result.ok) {
    io.stdout(
      `valid: ${plural(result.revision.documents.length, 'manifest')}, ${counted}, revision ${result.revision.id}\n`,
    );
  } else {
    io.stdout(`invalid: ${counted}; nothing from this revision would be applied\n`);
  }
}

function printJson(result: RevisionResult, io: CommandIo, rendering: ShownRendering | undefined): void {
  const strip = (list: readonly Diagnostic[]) => list.map(({ name: _name, ...rest }) => rest);
  const body = result.ok
    ? {
        valid: true,
        revision: {
          id: result.revision.id,
          documents: result.revision.documents.map((d) => ({ identity: d.identity, ...d.source })),
          createOrder: result.revision.graph.createOrder(),
        },
        errors: [],
        warnings: strip(result.revision.warnings),
      }
    : { valid: false, revision: null, errors: strip(result.errors), warnings: strip(result.warnings) };
  const rendered = rendering === undefined ? {} : { rendered: rendering.shown };
  io.stdout(`${JSON.stringify({ ...body, ...rendered }, null, 2)}\n`);
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}
