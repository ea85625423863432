import { inCreateOrder } from '../converge/ordered.ts';
import {
  type Diagnostic,
  formatDiagnostic,
  type LoadedManifest,
  loadRevision,
  type Revision,
} from '../manifest/index.ts';
import { readFolder } from '../manifest/read-folder.ts';
import type { CommandIo } from './command.ts';

/** How an invalid folder is told: by default each error on standard error. */
export type InvalidReport = (errors: readonly Diagnostic[], io: CommandIo) => void;

const reportOnStderr: InvalidReport = (errors, io) => {
  for (const error of errors) io.stderr(`${formatDiagnostic(error)}\n`);
  io.stderr(`The revision is invalid: ${errors.length} error(s). Nothing was changed.\n`);
};

/** Reads and validates a folder; on any error reports them all and returns undefined. */
export async function loadFolderOrReport(
  dir: string,
  io: CommandIo,
  report: InvalidReport = reportOnStderr,
): Promise<{ revision: Revision; manifests: LoadedManifest[] } | undefined> {
  const prefix = dir === '.' || dir === './' ? '' : dir;
  const { inputs, problems } = await readFolder(dir, { prefix });
  const result = loadRevision(inputs, { readProblems: problems });
  if (!result.ok) {
    report(result.errors, io);
    return undefined;
  }
  for (const warning of result.revision.warnings) io.stderr(`${formatDiagnostic(warning)}\n`);
  return { revision: result.revision, manifests: inCreateOrder(result.revision) };
}
