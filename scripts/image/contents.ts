import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { diskSize } from './disk-size.ts';
import { isDropped } from './dropped-files.ts';
import { type Lock, productionPaths, reachablePaths, readLock } from './production-packages.ts';
import { type Reach, reachFrom } from './reached-files.ts';

/** What the image holds besides its copied files: `npm ci --omit=dev` and the build's dist/. */
export interface ImageContents {
  /** Install paths (`node_modules/ajv`) of the production install. */
  readonly packages: ReadonlySet<string>;
  /** The production packages that the compiled CLI's imports reach. */
  readonly reachablePackages: ReadonlySet<string>;
  /** Absolute paths of every file in dist/. */
  readonly distFiles: readonly string[];
  /** What the CLI's entry, dist/cli/main.js, loads and reads. */
  readonly reach: Reach;
}

/** `root` is the checkout (package-lock.json); `imageRoot` holds the built dist/, as /app does. */
export function imageContents(root: string, imageRoot: string): ImageContents {
  const lock: Lock = readLock(join(root, 'package-lock.json'));
  const reach = reachFrom(join(imageRoot, 'dist/cli/main.js'), imageRoot);
  return {
    packages: productionPaths(lock),
    reachablePackages: reachablePaths(lock, reach.packages),
    distFiles: filesUnder(join(imageRoot, 'dist')),
    reach,
  };
}

/** Bytes of the production packages as installed in the checkout's node_modules, and of dist/. */
export function imageBytes(
  root: string,
  imageRoot: string,
  packages: Iterable<string>,
): { packageBytes: number; distBytes: number } {
  let packageBytes = 0;
  for (const path of packages) {
    const folder = join(root, path);
    // Packages for other platforms (optional) are in the lock but not installed here.
    // As the Dockerfile leaves them: declarations and source maps deleted.
    if (existsSync(folder)) packageBytes += diskSize(folder, true, (name) => !isDropped(name));
  }
  return { packageBytes, distBytes: diskSize(join(imageRoot, 'dist')) };
}

function filesUnder(folder: string): string[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}
