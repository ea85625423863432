import { inCreateOrder } from '../converge/ordered.ts';
import { formatDiagnostic, type LoadedManifest, loadRevision, type Revision } from '../manifest/index.ts';
import { readFolder } from '../manifest/read-folder.ts';
import type { CommandIo } from './command.ts';

/** Reads and validates a folder; on any error prints them all and returns undefined. */
export async function loadFolderOrReport(
  dir: string,
  io: CommandIo,
): Promise<{ revision: Revision; manifests: LoadedManifest[] } | undefined> {
  const prefix = dir === '.' || dir === './' ? '' : dir;
  const { inputs, problems } = await readFolder(dir, { prefix });
  const result = loadRevision(inputs, { readProblems: problems });
  if (!result.ok) {
    for (const error of result.errors) io.stderr(`${formatDiagnostic(error)}\n`);
    io.stderr(`The revision is invalid: ${result.errors.length} error(s). Nothing was changed.\n`);
    return undefined;
  }
  for (const warning of result.revision.warnings) io.stderr(`${formatDiagnostic(warning)}\n`);
  return { revision: result.revision, manifests: inCreateOrder(result.revision) };
}
