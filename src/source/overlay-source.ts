import { createHash } from 'node:crypto';
import { posix } from 'node:path';
import type { Diagnostic } from '../manifest/diagnostic.ts';
import { OVERLAY_FILE } from '../manifest/overlay/overlay-file.ts';
import type { FolderListing, OverlayReader, ParameterStore } from '../manifest/overlay/reader.ts';
import { renderFolder } from '../manifest/overlay/render.ts';
import type { ManifestInput } from '../manifest/parse.ts';
import { pairsDigest } from './pairs-digest.ts';
import { reasonOf, SourceReadError } from './source-error.ts';
import type { ChangeListener, ManifestSource, SourceSnapshot, Watch } from './types.ts';

export interface OverlaySourceOptions {
  /** The source of the folder pointed at (an S3 prefix), or of the whole table holding it. */
  readonly top: ManifestSource;
  /** The folder pointed at, `/`-separated without a trailing `/`; `''` for the bucket's or table's root. */
  readonly folder: string;
  /**
   * A source for another folder of the same bucket (an S3 prefix), made once and kept; without it,
   * every folder is read from the top snapshot (a table, read whole).
   */
  readonly openFolder?: (folder: string) => ManifestSource;
  readonly parameters?: ParameterStore;
  /** What `describe()` says; the top source's by default. */
  readonly describe?: string;
}

/**
 * An S3 prefix or a table folder that may hold an overlay.yaml (docs/OVERLAYS.md). Without one,
 * the top source's snapshot as it is (only the folder's files, for a table). With one, the
 * rendering: the base is read from the same bucket or table, relative to the folder, and the
 * digest covers the content of every file of every folder read and the parameters' values.
 * `file` stays the object key or item sk. Looks are the top source's: a change of the base alone
 * is seen at its next poll.
 */
export class OverlaySource implements ManifestSource {
  readonly #options: OverlaySourceOptions;
  readonly #folders = new Map<string, ManifestSource>();

  constructor(options: OverlaySourceOptions) {
    this.#options = options;
  }

  describe(): string {
    return this.#options.describe ?? this.#options.top.describe();
  }

  watch(onChange: ChangeListener): Watch {
    return this.#options.top.watch(onChange);
  }

  async snapshot(signal?: AbortSignal): Promise<SourceSnapshot> {
    const { top: source, folder, openFolder } = this.#options;
    const top = await source.snapshot(signal);
    const root = folder === '' ? '.' : folder;
    const own = listingOf(top, root);
    if (!own.inputs.some((input) => input.file === OVERLAY_FILE)) {
      if (openFolder !== undefined || folder === '') return top;
      return { ...top, ...subset(top, root), digest: pairsDigest(own.versions) };
    }
    const reader: OverlayReader = {
      root,
      readFolder: async (path) => {
        if (path === root) return own;
        // Outside the bucket or table: nothing there, which the overlay reports at its `base`.
        if (path === '..' || path.startsWith('../')) return { inputs: [], problems: [], versions: [] };
        if (openFolder === undefined) return listingOf(top, path);
        return listingOf(await this.#folder(path, openFolder).snapshot(signal), path);
      },
    };
    try {
      const rendering = await renderFolder(reader, {
        display: (path) => posix.normalize(posix.join(root, path)),
        ...(this.#options.parameters === undefined ? {} : { parameters: this.#options.parameters }),
      });
      return {
        digest: pairsDigest(rendering.versions),
        inputs: rendering.inputs,
        problems: rendering.problems,
        empty: rendering.versions.length === 0,
        ...(top.commit === undefined ? {} : { commit: top.commit }),
        rendered: { origins: rendering.origins, shown: rendering.shown },
      };
    } catch (error) {
      if (error instanceof SourceReadError) throw error;
      throw new SourceReadError(this.describe(), reasonOf(error), { cause: error });
    }
  }

  #folder(path: string, open: (folder: string) => ManifestSource): ManifestSource {
    let source = this.#folders.get(path);
    if (source === undefined) {
      source = open(path);
      this.#folders.set(path, source);
    }
    return source;
  }
}

/** Under `folder/` (everything for `.`). */
function isUnder(file: string, folder: string): boolean {
  return folder === '.' || file.startsWith(`${folder}/`);
}

function relativeTo(file: string, folder: string): string {
  return folder === '.' ? file : file.slice(folder.length + 1);
}

/** The files of a snapshot under `folder`, named relative to it, each with a hash of its content. */
function listingOf(snapshot: SourceSnapshot, folder: string): FolderListing {
  const inputs: ManifestInput[] = snapshot.inputs
    .filter((input) => isUnder(input.file, folder))
    .map((input) => ({ file: relativeTo(input.file, folder), content: input.content }));
  const problems: Diagnostic[] = snapshot.problems
    .filter((problem) => isUnder(problem.file, folder))
    .map((problem) => ({ ...problem, file: relativeTo(problem.file, folder) }));
  const versions = [
    ...inputs.map(({ file, content }) => [file, createHash('sha256').update(content).digest('hex')] as const),
    ...problems.map(({ file, code }) => [file, `unread:${code}`] as const),
  ];
  return { inputs, problems, versions };
}

/** A table's snapshot cut down to one folder's files. */
function subset(
  snapshot: SourceSnapshot,
  folder: string,
): Pick<SourceSnapshot, 'inputs' | 'problems' | 'empty'> {
  const inputs = snapshot.inputs.filter((input) => isUnder(input.file, folder));
  const problems = snapshot.problems.filter((problem) => isUnder(problem.file, folder));
  return { inputs, problems, empty: inputs.length === 0 && problems.length === 0 };
}
