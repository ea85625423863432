import { posix } from 'node:path';
import { type Diagnostic, diagnostic } from '../diagnostic.ts';
import { OVERLAY_FILE, type OverlaySpec, readOverlayFile } from './overlay-file.ts';
import type { FolderListing, OverlayReader } from './reader.ts';

export interface Level {
  /** The overlay's folder, in the reader's terms. */
  readonly path: string;
  readonly listing: FolderListing;
  readonly spec: OverlaySpec;
}

export interface Chain {
  /** Outermost first: the folder the source points at, then its base if that is an overlay too, ... */
  readonly levels: readonly Level[];
  /** The folder at the bottom, holding plain manifests. */
  readonly bottom: { readonly path: string; readonly listing: FolderListing };
}

export type ChainResult =
  | {
      readonly ok: true;
      readonly chain: Chain;
      readonly listings: ReadonlyArray<readonly [string, FolderListing]>;
    }
  | {
      readonly ok: false;
      readonly problems: readonly Diagnostic[];
      readonly listings: ReadonlyArray<readonly [string, FolderListing]>;
    };

/** A folder and a path relative to it, joined and normalised, without a trailing `/`. */
export function joinPath(folder: string, path: string): string {
  const joined = posix.normalize(posix.join(folder, path));
  return joined === '/' ? joined : joined.replace(/\/+$/, '') || '.';
}

/** Whether `inner` is `outer` or a folder under it. */
export function isWithin(inner: string, outer: string): boolean {
  const rel = posix.relative(outer, inner);
  return rel === '' || (!rel.startsWith('..') && !posix.isAbsolute(rel));
}

/**
 * Follows `base` from the overlay at `top` down to a folder without an overlay.yaml, reading each
 * folder once. A base that leads back to an overlay of the chain, holds no manifests, or contains
 * its overlay is an error at the `base` value.
 */
export async function readChain(
  reader: OverlayReader,
  top: FolderListing,
  display: (path: string) => string,
): Promise<ChainResult> {
  const levels: Level[] = [];
  const listings: Array<readonly [string, FolderListing]> = [[reader.root, top]];
  let path = reader.root;
  let listing = top;
  for (;;) {
    const input = listing.inputs.find((i) => i.file === OVERLAY_FILE);
    if (input === undefined) return { ok: true, chain: { levels, bottom: { path, listing } }, listings };
    const read = readOverlayFile({ file: display(joinPath(path, OVERLAY_FILE)), content: input.content });
    if (!read.ok) return { ok: false, problems: read.problems, listings };
    const spec = read.spec;
    levels.push({ path, listing, spec });
    const basePath = joinPath(path, spec.base.value);
    const fail = (reason: string): ChainResult => ({
      ok: false,
      problems: [diagnostic('INVALID_VALUE', { place: spec.base.at, path: 'base', params: { reason } })],
      listings,
    });
    const seen = levels.map((level) => level.path);
    if (seen.includes(basePath)) {
      const loop = [...seen.slice(seen.indexOf(basePath)), basePath]
        .map((folder) => display(joinPath(folder, OVERLAY_FILE)))
        .join(' -> ');
      return fail(`base "${spec.base.value}" leads back to an overlay already rendered: ${loop}`);
    }
    if (isWithin(path, basePath)) {
      return fail(
        `base "${spec.base.value}" contains the overlay's own folder; give a sibling folder such as ../base`,
      );
    }
    listing = await reader.readFolder(basePath);
    listings.push([basePath, listing]);
    if (listing.inputs.length === 0 && listing.problems.length === 0) {
      return fail(`base "${spec.base.value}" (${display(basePath)}) holds no manifests`);
    }
    path = basePath;
  }
}
