import { resolve, sep } from 'node:path';
import { DEFAULT_READ_LIMITS, type ReadLimits } from '../limits.ts';
import { readFolder } from '../read-folder.ts';
import type { FolderListing, OverlayReader } from './reader.ts';

export interface FolderReaderOptions {
  readonly ignored?: (path: string) => boolean;
  readonly limits?: ReadLimits;
}

/**
 * Reads folders on disk, `root` the one a source points at. A base folder that does not exist
 * reads as empty (the overlay says so at its `base`); the root missing is the source unreadable.
 */
export function folderReader(root: string, options: FolderReaderOptions = {}): OverlayReader {
  const top = resolve(root).split(sep).join('/');
  return {
    root: top,
    async readFolder(path: string): Promise<FolderListing> {
      try {
        return await readFolder(path, {
          ...(options.ignored === undefined ? {} : { ignored: options.ignored }),
          limits: options.limits ?? DEFAULT_READ_LIMITS,
        });
      } catch (error) {
        if (path !== top && isMissing(error)) return { inputs: [], problems: [], versions: [] };
        throw error;
      }
    },
  };
}

function isMissing(error: unknown): boolean {
  return error instanceof Error && 'code' in error && (error.code === 'ENOENT' || error.code === 'ENOTDIR');
}
