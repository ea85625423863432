import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { formatDiagnostic } from '../manifest/diagnostic.ts';
import { DEFAULT_READ_LIMITS } from '../manifest/limits.ts';
import type { ManifestInput } from '../manifest/parse.ts';
import { readManifestFolder } from '../manifest/read-folder.ts';
import { overlayTreeOf } from '../push/overlay-tree.ts';
import { validateOverlays } from '../push/validate-overlays.ts';
import { putManifests } from '../source/manifest-table-writer.ts';
import { ssmParameterStore } from '../source/ssm-parameter-store.ts';
import { type Command, type CommandIo, USAGE_ERROR } from './command.ts';
import { parseCommandArgs } from './dispatch.ts';

const USAGE = `usage: shipshape put-manifests <dir> --table TABLE [--prune] [--message M] [--author A]
                               [--endpoint-url URL] [--region REGION]

Writes every *.yaml / *.yml under dir into the manifests table read by a dynamodb://TABLE source
(docs/SOURCES.md) as one commit: one item per file, keyed by its path under dir (a changed file
gets the next version, an unchanged one is not written), then a commit record naming every file,
written last: the source reads only what a record names. A folder holding overlays (overlay.yaml,
docs/OVERLAYS.md) is validated first, each overlay rendered with its bases (parameters from SSM in
--region at --endpoint-url): an invalid one writes nothing. Exit 0 when written, 1 on failure
(invalid overlays; another put-manifests committed first, among others), 2 bad command line.
  --table TABLE       the DynamoDB table (required)
  --prune             also delete items whose file is gone (after the commit record)
  --message M         the commit's message; default "put-manifests <dir>"
  --author A          who commits; default $USER
  --endpoint-url URL  a custom DynamoDB endpoint; AWS_ENDPOINT_URL is honoured
  --region REGION     default: the AWS SDK's chain (AWS_REGION, the profile)`;

export const putManifestsCommand: Command = {
  usage: USAGE,
  async run(args, io) {
    const parsed = parseCommandArgs(
      {
        args: [...args],
        allowPositionals: true,
        options: {
          table: { type: 'string' },
          prune: { type: 'boolean', default: false },
          message: { type: 'string' },
          author: { type: 'string' },
          'endpoint-url': { type: 'string' },
          region: { type: 'string' },
        },
      },
      io,
      USAGE,
    );
    if (parsed === undefined) return USAGE_ERROR;
    const { values, positionals } = parsed;
    const dir = positionals[0];
    if (dir === undefined || positionals.length > 1 || values.table === undefined || values.table === '') {
      io.stderr(`shipshape put-manifests: give one folder and --table\n${USAGE}\n`);
      return USAGE_ERROR;
    }
    const endpoint = values['endpoint-url'] ?? (process.env.AWS_ENDPOINT_URL || undefined);
    const client = new DynamoDBClient({
      ...(endpoint === undefined ? {} : { endpoint }),
      ...(values.region === undefined ? {} : { region: values.region }),
    });
    const parameters = ssmParameterStore({
      ...(values.region === undefined ? {} : { region: values.region }),
      ...(endpoint === undefined ? {} : { endpoint }),
    });
    try {
      const inputs = await readManifestFolder(dir);
      if (!(await overlaysAreValid(dir, inputs, parameters, io))) return 1;
      const result = await putManifests(DynamoDBDocumentClient.from(client), values.table, inputs, {
        prune: values.prune === true,
        author: values.author ?? process.env.USER ?? '',
        message: values.message ?? `put-manifests ${dir}`,
      });
      for (const file of result.created) io.stdout(`created ${file}\n`);
      for (const file of result.updated) io.stdout(`updated ${file}\n`);
      for (const file of result.deleted) io.stdout(`deleted ${file}\n`);
      const { commit } = result;
      io.stdout(
        commit.written
          ? `commit ${commit.id}${commit.parent === undefined ? '' : ` (parent ${commit.parent})`}\n`
          : `commit ${commit.id} already in force\n`,
      );
      io.stdout(
        `${values.table}: ${result.created.length} created, ${result.updated.length} updated, ` +
          `${result.unchanged.length} unchanged, ${result.deleted.length} deleted\n`,
      );
      return 0;
    } catch (error) {
      io.stderr(`shipshape put-manifests: ${error instanceof Error ? error.message : String(error)}\n`);
      return 1;
    } finally {
      client.destroy();
      parameters.destroy();
    }
  },
};

/**
 * A folder holding overlays is validated as push validates it: each overlay by its rendering,
 * the manifests none covers as one revision. A plain folder is written unvalidated, as always.
 */
async function overlaysAreValid(
  dir: string,
  inputs: readonly ManifestInput[],
  parameters: ReturnType<typeof ssmParameterStore>,
  io: CommandIo,
): Promise<boolean> {
  const tree = overlayTreeOf(inputs);
  if (tree.overlays.length === 0) return true;
  const shown = dir === '.' || dir === './' ? '' : dir.replace(/\/+$/, '');
  const named = inputs.map((input) => ({
    ...input,
    file: shown === '' ? input.file : `${shown}/${input.file}`,
  }));
  const validated = await validateOverlays({ inputs: named, problems: [], versions: [] }, tree, {
    dir: shown,
    limits: DEFAULT_READ_LIMITS,
    ignored: () => false,
    parameters,
  });
  for (const d of [...validated.errors, ...validated.warnings]) io.stderr(`${formatDiagnostic(d)}\n`);
  if (validated.errors.length === 0) return true;
  io.stderr(`${dir} is invalid: ${validated.errors.length} error(s); nothing was written\n`);
  return false;
}
