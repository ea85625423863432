import { type FSWatcher, watch as watchFs } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DEFAULT_READ_LIMITS, type ReadLimits } from '../manifest/limits.ts';
import { folderReader } from '../manifest/overlay/folder-reader.ts';
import type { ParameterStore } from '../manifest/overlay/reader.ts';
import { renderFolder } from '../manifest/overlay/render.ts';
import type { Scheduler } from '../reconcile/scheduler.ts';
import { ignoreMatcher } from './ignore.ts';
import { pairsDigest } from './pairs-digest.ts';
import { allOf, pollEvery } from './polling.ts';
import { ChangedDuringRead } from './source-error.ts';
import type { ChangeListener, ManifestSource, SourceSnapshot, Watch } from './types.ts';
import { DEFAULT_READ_ATTEMPTS, readWhole } from './whole-read.ts';

export interface FolderSourceOptions {
  readonly dir: string;
  /** Extra patterns to leave out (see ignore.ts); hidden entries and node_modules are always left out. */
  readonly ignore?: readonly string[];
  /** The polling fallback beside fs.watch; default 10 s. */
  readonly pollIntervalMs?: number;
  readonly scheduler?: Scheduler;
  /** Default true; false leaves only polling (e.g. on file systems where fs.watch says nothing). */
  readonly fsWatch?: boolean;
  /** Whole reads tried before giving up with a SourceReadError; default 3. */
  readonly attempts?: number;
  /** Sizes checked before reading; default DEFAULT_READ_LIMITS. */
  readonly limits?: ReadLimits;
  /** Where an overlay's `parameters` are read (docs/OVERLAYS.md). */
  readonly parameters?: ParameterStore;
}

/**
 * A local folder, for dev and CI: `file` is the path relative to the folder. A folder with an
 * overlay.yaml is rendered (docs/OVERLAYS.md): its base is read too and is part of the digest.
 */
export class FolderSource implements ManifestSource {
  readonly #dir: string;
  readonly #options: FolderSourceOptions;
  readonly #ignored: (path: string) => boolean;

  constructor(options: FolderSourceOptions) {
    this.#dir = resolve(options.dir);
    this.#options = options;
    this.#ignored = ignoreMatcher(options.ignore ?? ['_*']);
  }

  describe(): string {
    return pathToFileURL(this.#dir).href;
  }

  /** Reads the folder twice and starts over if it moved in between: an editor may be mid-save. */
  snapshot(signal?: AbortSignal): Promise<SourceSnapshot> {
    return readWhole(
      this.describe(),
      this.#options.attempts ?? DEFAULT_READ_ATTEMPTS,
      async () => {
        const first = await this.#read();
        if ((await this.#read()).digest !== first.digest) {
          throw new ChangedDuringRead(`${this.describe()} changed while it was read`);
        }
        return first;
      },
      signal,
    );
  }

  async #read(): Promise<SourceSnapshot> {
    const reader = folderReader(this.#dir, {
      ignored: this.#ignored,
      limits: this.#options.limits ?? DEFAULT_READ_LIMITS,
    });
    const rendering = await renderFolder(reader, {
      ...(this.#options.parameters === undefined ? {} : { parameters: this.#options.parameters }),
    });
    const { inputs, problems, versions } = rendering;
    return {
      digest: pairsDigest(versions),
      inputs,
      problems,
      empty: versions.length === 0,
      ...(rendering.overlay ? { rendered: { origins: rendering.origins, shown: rendering.shown } } : {}),
    };
  }

  watch(onChange: ChangeListener): Watch {
    const polling = pollEvery(
      {
        ...(this.#options.pollIntervalMs === undefined ? {} : { intervalMs: this.#options.pollIntervalMs }),
        ...(this.#options.scheduler === undefined ? {} : { scheduler: this.#options.scheduler }),
      },
      onChange,
    );
    if (this.#options.fsWatch === false) return polling;
    const watcher = startFsWatch(this.#dir, onChange);
    return allOf([polling, { stop: async () => watcher?.close() }]);
  }
}

/** fs.watch over the whole tree; undefined where recursive watching is not supported (polling remains). */
function startFsWatch(dir: string, onChange: ChangeListener): FSWatcher | undefined {
  try {
    const watcher = watchFs(dir, { recursive: true, persistent: false }, () => {
      void Promise.resolve()
        .then(onChange)
        .catch(() => undefined);
    });
    // A watcher that fails later (the folder removed) leaves the polling to carry on.
    watcher.on('error', () => watcher.close());
    return watcher;
  } catch {
    return undefined;
  }
}
