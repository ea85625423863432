import { posix } from 'node:path';
import { type Diagnostic, formatDiagnostic } from '../manifest/diagnostic.ts';
import type { ReadLimits } from '../manifest/limits.ts';
import { loadRendering } from '../manifest/overlay/load-rendered.ts';
import type { ParameterStore } from '../manifest/overlay/reader.ts';
import { renderDirectory } from '../manifest/overlay/render-directory.ts';
import type { FolderRead } from '../manifest/read-folder.ts';
import { loadRevision } from '../manifest/revision.ts';
import { coveredByOverlays, type OverlayTree } from './overlay-tree.ts';

export interface OverlayValidation {
  readonly errors: readonly Diagnostic[];
  readonly warnings: readonly Diagnostic[];
  /** Every file a rendering read, by its normalised path, with the sha256 it was rendered from. */
  readonly rendered: ReadonlyMap<string, string>;
}

export interface ValidateOverlaysOptions {
  /** The folder as the user gave it, `''` for the current one: diagnostics name `dir/path`. */
  readonly dir: string;
  readonly limits: ReadLimits;
  readonly ignored: (path: string) => boolean;
  readonly parameters?: ParameterStore;
}

/**
 * Validates a folder holding overlays: each overlay folder by its rendering (its bases with it,
 * errors at the base or overlay file:line:col), then the manifests no overlay or base covers,
 * together as one revision. `read` is the whole folder, files named `dir/key`.
 */
export async function validateOverlays(
  read: FolderRead,
  tree: OverlayTree,
  options: ValidateOverlaysOptions,
): Promise<OverlayValidation> {
  const { dir, limits, ignored, parameters } = options;
  const errors: Diagnostic[] = [];
  const warnings: Diagnostic[] = [];
  const rendered = new Map<string, string>();
  for (const folder of tree.overlays) {
    const rendering = await renderDirectory(pathOf(dir, folder), {
      limits,
      ignored,
      ...(parameters === undefined ? {} : { parameters }),
    });
    for (const [file, version] of rendering.versions) {
      if (!file.startsWith('ssm:')) rendered.set(posix.normalize(file), version);
    }
    const result = loadRendering(rendering, { maxDocuments: limits.documents });
    if (result.ok) warnings.push(...result.revision.warnings);
    else {
      errors.push(...result.errors);
      warnings.push(...result.warnings);
    }
  }
  const keyOf = (file: string) => (dir === '' ? file : file.slice(dir.length + 1));
  const plain = read.inputs.filter((input) => !coveredByOverlays(keyOf(input.file), tree));
  const problems = read.problems.filter((problem) => !coveredByOverlays(keyOf(problem.file), tree));
  if (plain.length > 0 || problems.length > 0) {
    const result = loadRevision(plain, { readProblems: problems, maxDocuments: limits.documents });
    if (result.ok) warnings.push(...result.revision.warnings);
    else {
      errors.push(...result.errors);
      warnings.push(...result.warnings);
    }
  }
  // Two overlays on one base each report the base's errors: say each once.
  return { errors: unique(errors), warnings: unique(warnings), rendered };
}

function pathOf(dir: string, folder: string): string {
  if (folder === '') return dir === '' ? '.' : dir;
  return dir === '' ? folder : `${dir}/${folder}`;
}

function unique(list: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return list.filter((d) => {
    const text = formatDiagnostic(d);
    if (seen.has(text)) return false;
    seen.add(text);
    return true;
  });
}
