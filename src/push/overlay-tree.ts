import { posix } from 'node:path';
import { OVERLAY_FILE, readOverlayFile } from '../manifest/overlay/overlay-file.ts';
import type { ManifestInput } from '../manifest/parse.ts';

/** The overlays of a folder being pushed; folders are `/`-separated below it, `''` for itself. */
export interface OverlayTree {
  /** Folders holding an overlay.yaml, sorted. */
  readonly overlays: readonly string[];
  /** Folders inside the pushed one that an overlay names as its `base`, sorted. */
  readonly bases: readonly string[];
  /** Bases outside the pushed folder (`../shared`): rendered from disk, not pushed. */
  readonly outside: readonly string[];
}

/**
 * Finds the overlays among a folder's files, keyed by their path below it. A `base` is read from
 * each overlay.yaml as written; one that does not parse is left to the rendering to report.
 */
export function overlayTreeOf(files: readonly ManifestInput[]): OverlayTree {
  const overlays: string[] = [];
  const bases = new Set<string>();
  const outside = new Set<string>();
  for (const input of files) {
    if (posix.basename(input.file) !== OVERLAY_FILE) continue;
    const folder = folderOf(input.file);
    overlays.push(folder);
    const read = readOverlayFile(input);
    if (!read.ok) continue;
    const base = posix.normalize(posix.join(folder === '' ? '.' : folder, read.spec.base.value));
    if (base === '..' || base.startsWith('../')) outside.add(base);
    else bases.add(base === '.' ? '' : base.replace(/\/+$/, ''));
  }
  return { overlays: overlays.sort(), bases: [...bases].sort(), outside: [...outside].sort() };
}

/** Whether the key is a file of `folder` (any file for `''`). */
export function isInFolder(key: string, folder: string): boolean {
  return folder === '' || key.startsWith(`${folder}/`);
}

/** Whether an overlay, or a base one of them renders, covers the key. */
export function coveredByOverlays(key: string, tree: OverlayTree): boolean {
  return [...tree.overlays, ...tree.bases].some((folder) => isInFolder(key, folder));
}

function folderOf(key: string): string {
  const folder = posix.dirname(key);
  return folder === '.' ? '' : folder;
}
