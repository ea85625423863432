import { S3Client } from '@aws-sdk/client-s3';
import { formatDiagnostic } from '../manifest/diagnostic.ts';
import { type PushOutcome, push } from '../push/push.ts';
import { serialiseCommitRecord } from '../source/commit-record.ts';
import { parseSourceUrl } from '../source/source-url.ts';
import { ssmParameterStore } from '../source/ssm-parameter-store.ts';
import { type Command, type CommandIo, USAGE_ERROR } from './command.ts';
import { parseCommandArgs } from './dispatch.ts';
import { LIMIT_OPTIONS, limitsFrom } from './limit-options.ts';

const USAGE = `usage: shipshape push <dir> s3://bucket/prefix [--message M] [--author A] [--dry-run]
                      [--endpoint-url URL] [--region REGION]

Pushes a folder of manifests to an S3 prefix as one commit (docs/SOURCES.md, "push"): validates it
as one revision (nothing is uploaded if it is invalid), uploads the changed objects, writes the
commit record _shipshape/commit.json last with a conditional PUT, then deletes the objects the
folder no longer has. If another push wrote the record first, nothing is deleted and it exits 1:
run push again to build on that commit. A folder holding overlays (overlay.yaml, docs/OVERLAYS.md)
is validated overlay by overlay, rendered with its bases (parameters from SSM in --region at
--endpoint-url), and pushed as it is; each overlay and base folder gets a record of its own.
  --message M         the commit message; default HEAD's subject when dir is a clean Git checkout
  --author A          default HEAD's author ("Name <email>"), else $USER
  --dry-run           print what would be uploaded, deleted and recorded; change nothing
  --endpoint-url URL  a custom S3 endpoint (path-style); AWS_ENDPOINT_URL is honoured
  --region REGION     default: the AWS SDK's chain (AWS_REGION, the profile)
  --max-file-bytes N, --max-revision-bytes N, --max-documents N: serve's read limits
Exit status: 0 pushed (or nothing to push), 1 invalid or failed, 2 bad command line.`;

export const pushCommand: Command = {
  usage: USAGE,
  async run(args, io) {
    const parsed = parseCommandArgs(
      {
        args: [...args],
        allowPositionals: true,
        options: {
          message: { type: 'string', short: 'm' },
          author: { type: 'string' },
          'dry-run': { type: 'boolean', default: false },
          'endpoint-url': { type: 'string' },
          region: { type: 'string' },
          ...LIMIT_OPTIONS,
        },
      },
      io,
      USAGE,
    );
    if (parsed === undefined) return USAGE_ERROR;
    const { values, positionals } = parsed;
    const [dir, url] = positionals;
    if (dir === undefined || url === undefined || positionals.length > 2) {
      io.stderr(`shipshape push: give a folder and an s3://bucket/prefix\n${USAGE}\n`);
      return USAGE_ERROR;
    }
    let location: ReturnType<typeof parseSourceUrl>;
    try {
      location = parseSourceUrl(url);
    } catch (error) {
      io.stderr(`shipshape push: ${error instanceof Error ? error.message : String(error)}\n`);
      return USAGE_ERROR;
    }
    if (location.kind !== 's3') {
      io.stderr(`shipshape push: ${url} is not an s3://bucket/prefix URL\n${USAGE}\n`);
      return USAGE_ERROR;
    }
    const limited = limitsFrom(values, process.env);
    if ('error' in limited) {
      io.stderr(`shipshape push: ${limited.error}\n${USAGE}\n`);
      return USAGE_ERROR;
    }
    const endpoint = values['endpoint-url'] ?? (process.env.AWS_ENDPOINT_URL || undefined);
    // As openSource builds it: a custom endpoint (a local S3) rarely serves bucket host names.
    const client = new S3Client({
      ...(endpoint === undefined ? {} : { endpoint, forcePathStyle: true }),
      ...(values.region === undefined ? {} : { region: values.region }),
    });
    // As plan reads them: an overlay's parameters from SSM in this region at this endpoint.
    const parameters = ssmParameterStore({
      ...(values.region === undefined ? {} : { region: values.region }),
      ...(endpoint === undefined ? {} : { endpoint }),
    });
    try {
      const outcome = await push({
        client,
        dir,
        bucket: location.bucket,
        prefix: location.prefix,
        message: values.message,
        author: values.author,
        dryRun: values['dry-run'] === true,
        limits: limited.limits,
        parameters,
      });
      return report(outcome, dir, `s3://${location.bucket}/${location.prefix}`, io);
    } catch (error) {
      io.stderr(`shipshape push: ${error instanceof Error ? error.message : String(error)}\n`);
      return 1;
    } finally {
      client.destroy();
      parameters.destroy();
    }
  },
};

function report(outcome: PushOutcome, dir: string, target: string, io: CommandIo): number {
  if (outcome.kind === 'invalid') {
    for (const d of [...outcome.errors, ...outcome.warnings]) io.stderr(`${formatDiagnostic(d)}\n`);
    io.stderr(`${dir} is invalid: ${outcome.errors.length} error(s); nothing was pushed\n`);
    return 1;
  }
  for (const warning of outcome.warnings) io.stderr(`${formatDiagnostic(warning)}\n`);
  for (const base of outcome.overlays.outside) {
    io.stderr(
      `note: base ${base} is outside ${dir}: validated from disk, not pushed; the operator reads ` +
        'it from the bucket, relative to the overlay\n',
    );
  }
  if (outcome.origin === 'git-uncommitted') {
    io.stderr(
      `note: ${dir} has uncommitted changes: the commit id is the content's digest, not Git's HEAD\n`,
    );
  }
  const { plan, record } = outcome;
  if (outcome.kind === 'dry-run') {
    for (const file of plan.upload) io.stdout(`would upload ${file.key}\n`);
    for (const key of plan.remove) io.stdout(`would delete ${key}\n`);
    for (const { file } of plan.unchanged) io.stdout(`unchanged ${file.key}\n`);
    io.stdout(`would write the commit record:\n${serialiseCommitRecord(record)}`);
    for (const { folder, record: own } of outcome.folders) {
      io.stdout(`would write the record of ${folder}/ (${own.objects.length} objects)\n`);
    }
    for (const folder of outcome.staleRecords) io.stdout(`would delete the record of ${folder}/\n`);
    io.stdout(
      `dry run: would push ${record.id} to ${target}: ${plan.upload.length} to upload, ` +
        `${plan.remove.length} to delete, ${plan.unchanged.length} unchanged\n`,
    );
    return 0;
  }
  if (outcome.kind === 'up-to-date') {
    io.stdout(`${target} is already at ${record.id}: nothing to push\n`);
    return 0;
  }
  for (const file of plan.upload) io.stdout(`uploaded ${file.key}\n`);
  for (const { folder, record: own } of outcome.folders) {
    io.stdout(`recorded ${folder}/ (${own.objects.length} objects)\n`);
  }
  for (const key of plan.remove) io.stdout(`deleted ${key}\n`);
  for (const folder of outcome.staleRecords) io.stdout(`deleted the record of ${folder}/\n`);
  io.stdout(
    `pushed ${record.id} to ${target}: ${plan.upload.length} uploaded, ${plan.remove.length} deleted, ` +
      `${plan.unchanged.length} unchanged\n`,
  );
  return 0;
}
