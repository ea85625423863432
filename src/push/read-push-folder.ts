import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { type Diagnostic, diagnostic } from '../manifest/diagnostic.ts';
import type { ReadLimits } from '../manifest/limits.ts';
import type { ParameterStore } from '../manifest/overlay/reader.ts';
import { readFolder } from '../manifest/read-folder.ts';
import { loadRevision } from '../manifest/revision.ts';
import { sha256Hex } from '../source/commit-record.ts';
import { DEFAULT_IGNORE, ignoreMatcher } from '../source/ignore.ts';
import { type OverlayTree, overlayTreeOf } from './overlay-tree.ts';
import { validateOverlays } from './validate-overlays.ts';

/** One manifest file of the folder being pushed. */
export interface PushFile {
  /** The path below the folder, `/`-separated: the key below the S3 prefix. */
  readonly key: string;
  readonly bytes: Uint8Array;
  readonly sha256: string;
  /** Hex: what a single-part upload's ETag is. */
  readonly md5: string;
  readonly size: number;
}

export type PushFolder =
  | {
      readonly ok: true;
      readonly files: PushFile[];
      readonly warnings: readonly Diagnostic[];
      /** The overlays found; empty lists for a plain folder. */
      readonly overlays: OverlayTree;
    }
  | { readonly ok: false; readonly errors: readonly Diagnostic[]; readonly warnings: readonly Diagnostic[] };

/**
 * The folder's manifests, validated first; the files an S3 source would read (the default ignore
 * list), with the bytes that were validated. Diagnostics name `dir/path`. A plain folder is
 * validated as one revision; one holding overlays as validateOverlays says, with `parameters`.
 */
export async function readPushFolder(
  dir: string,
  limits: ReadLimits,
  parameters?: ParameterStore,
): Promise<PushFolder> {
  const prefix = dir === '.' || dir === './' ? '' : dir.replace(/\/+$/, '');
  const ignored = ignoreMatcher(DEFAULT_IGNORE);
  let read: Awaited<ReturnType<typeof readFolder>>;
  try {
    read = await readFolder(dir, { prefix, ignored, limits });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const unreadable = diagnostic('SOURCE_UNREADABLE', {
      place: { file: dir, line: 1, column: 1 },
      params: { what: dir, reason },
    });
    return { ok: false, errors: [unreadable], warnings: [] };
  }
  const keyOf = (file: string) => (prefix === '' ? file : file.slice(prefix.length + 1));
  const overlays = overlayTreeOf(read.inputs.map((input) => ({ ...input, file: keyOf(input.file) })));
  let warnings: readonly Diagnostic[];
  let rendered: ReadonlyMap<string, string> = new Map();
  if (overlays.overlays.length === 0) {
    const result = loadRevision(read.inputs, { readProblems: read.problems, maxDocuments: limits.documents });
    if (!result.ok) return { ok: false, errors: result.errors, warnings: result.warnings };
    warnings = result.revision.warnings;
  } else {
    const validated = await validateOverlays(read, overlays, {
      dir: prefix,
      limits,
      ignored,
      ...(parameters === undefined ? {} : { parameters }),
    });
    if (validated.errors.length > 0) {
      return { ok: false, errors: validated.errors, warnings: validated.warnings };
    }
    ({ warnings, rendered } = validated);
  }
  const files = await Promise.all(
    read.versions.map(async ([file, validated]) => {
      const key = keyOf(file);
      const bytes = await readFile(join(dir, key));
      const sha256 = sha256Hex(bytes);
      // The bytes uploaded must be the ones validated: an editor saving now means "run push again".
      const renderedFrom = rendered.get(posix.normalize(file)) ?? sha256;
      if (sha256 !== validated || sha256 !== renderedFrom) {
        throw new Error(`${file} changed while push read it; run push again`);
      }
      const md5 = createHash('md5').update(bytes).digest('hex');
      return { key, bytes, sha256, md5, size: bytes.byteLength };
    }),
  );
  return { ok: true, files, warnings, overlays };
}
