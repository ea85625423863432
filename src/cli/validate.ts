import { type Diagnostic, diagnostic, formatDiagnostic } from '../manifest/diagnostic.ts';
import type { ReadLimits } from '../manifest/limits.ts';
import { readFolder } from '../manifest/read-folder.ts';
import { loadRevision, type RevisionResult } from '../manifest/revision.ts';
import { type Command, type CommandIo, USAGE_ERROR } from './command.ts';
import { parseCommandArgs } from './dispatch.ts';
import { LIMIT_OPTIONS, limitsFrom } from './limit-options.ts';

const USAGE = `usage: shipshape validate [dir | s3://bucket/prefix | dynamodb://table] [--output text|json]
                          [--max-file-bytes N] [--max-revision-bytes N] [--max-documents N]

Reads every *.yaml / *.yml under dir (default .), or what the operator would read from an S3
prefix or a manifests table now (credentials, region and AWS_ENDPOINT_URL from the environment;
a source without a commit record is warned about), validates the revision and prints each error
and warning as file:line:col kind/namespace/name: field.path: message [CODE].
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
        options: { output: { type: 'string', short: 'o', default: 'text' }, ...LIMIT_OPTIONS },
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
    const result = sourceUrl
      ? await (await import('./validate-source.ts')).validateSource(dir, limited.limits, io)
      : await validateFolder(dir, limited.limits);
    if (output === 'json') printJson(result, io);
    else printText(result, io);
    return result.ok ? 0 : 1;
  },
};

async function validateFolder(dir: string, limits: ReadLimits): Promise<RevisionResult> {
  try {
    const prefix = dir === '.' || dir === './' ? '' : dir;
    const { inputs, problems } = await readFolder(dir, { prefix, limits });
    return loadRevision(inputs, { readProblems: problems, maxDocuments: limits.documents });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const unreadable = diagnostic('SOURCE_UNREADABLE', {
      place: { file: dir, line: 1, column: 1 },
      params: { what: dir, reason },
    });
    return { ok: false, errors: [unreadable], warnings: [] };
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

function printJson(result: RevisionResult, io: CommandIo): void {
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
  io.stdout(`${JSON.stringify(body, null, 2)}\n`);
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}
