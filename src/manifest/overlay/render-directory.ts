import { posix } from 'node:path';
import type { ReadLimits } from '../limits.ts';
import { folderReader } from './folder-reader.ts';
import type { ParameterStore } from './reader.ts';
import { type Rendering, renderFolder } from './render.ts';

export interface RenderDirectoryOptions {
  readonly limits?: ReadLimits;
  readonly ignored?: (path: string) => boolean;
  readonly parameters?: ParameterStore;
}

/**
 * A folder given on a command line, rendered if it is an overlay: files are named from that
 * folder as the user wrote it (`envs/dev/overlay.yaml`, `envs/base/service.yaml`).
 */
export function renderDirectory(dir: string, options: RenderDirectoryOptions = {}): Promise<Rendering> {
  const prefix = dir === '.' || dir === './' ? '' : dir;
  return renderFolder(
    folderReader(dir, {
      ...(options.limits === undefined ? {} : { limits: options.limits }),
      ...(options.ignored === undefined ? {} : { ignored: options.ignored }),
    }),
    {
      display: (path) => named(prefix, path),
      ...(options.parameters === undefined ? {} : { parameters: options.parameters }),
    },
  );
}

/** `dir/file` as the folder was given (`./x/a.yaml` stays so), a base's `../` folded into it. */
function named(prefix: string, path: string): string {
  if (prefix === '') return path;
  if (path.startsWith('../')) return posix.normalize(posix.join(prefix, path));
  return `${prefix.replace(/\/+$/, '')}/${path}`;
}
