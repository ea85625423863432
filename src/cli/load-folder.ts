import { inCreateOrder } from '../converge/ordered.ts';
import { type Diagnostic, formatDiagnostic, type LoadedManifest, type Revision } from '../manifest/index.ts';
import { loadRendering, type Rendering, renderDirectory } from '../manifest/overlay/index.ts';
import { DEFAULT_TARGET, revisionFor } from '../runtime/targets/target-revision.ts';
import { targetsOf } from '../runtime/targets/target-spec.ts';
import { ssmParameterStore } from '../source/ssm-parameter-store.ts';
import type { CommandIo } from './command.ts';

/** How an invalid folder is told: by default each error on standard error. */
export type InvalidReport = (errors: readonly Diagnostic[], io: CommandIo) => void;

const reportOnStderr: InvalidReport = (errors, io) => {
  for (const error of errors) io.stderr(`${formatDiagnostic(error)}\n`);
  io.stderr(`The revision is invalid: ${errors.length} error(s). Nothing was changed.\n`);
};

export interface LoadedFolder {
  readonly revision: Revision;
  readonly manifests: LoadedManifest[];
  /** What was validated: the folder as read, or its overlay's rendering (docs/OVERLAYS.md). */
  readonly rendering: Rendering;
}

/**
 * Reads and validates a folder, rendering it first if it holds an overlay.yaml (its parameters
 * from SSM in `region` at `endpoint`); on any error reports them all and returns undefined.
 */
export async function loadFolderOrReport(
  dir: string,
  io: CommandIo,
  report: InvalidReport = reportOnStderr,
  ssm: { readonly region?: string; readonly endpoint?: string } = {},
): Promise<LoadedFolder | undefined> {
  const parameters = ssmParameterStore(ssm);
  let rendering: Rendering;
  try {
    rendering = await renderDirectory(dir, { parameters });
  } finally {
    parameters.destroy();
  }
  const result = loadRendering(rendering);
  if (!result.ok) {
    report(result.errors, io);
    return undefined;
  }
  for (const warning of result.revision.warnings) io.stderr(`${formatDiagnostic(warning)}\n`);
  // The credentials given here are one account and region: what Targets bind is the operator's.
  const targets = targetsOf(result.revision.documents);
  const here = revisionFor(result.revision, DEFAULT_TARGET, targets);
  if (targets.length > 0) {
    const bound = targets.flatMap((target) => [...target.namespaces].map((ns) => `${ns} (${target.key})`));
    io.stderr(
      `note: left out here, managed by \`serve\` through their Targets: namespaces ${bound.join(', ')}\n`,
    );
  }
  return { revision: here, manifests: inCreateOrder(here), rendering };
}
