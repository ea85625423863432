import { readFileSync } from 'node:fs';

/** One entry of package-lock.json's `packages`, keyed by its install path (`node_modules/a/node_modules/b`). */
interface LockedPackage {
  readonly dev?: boolean;
  readonly dependencies?: Readonly<Record<string, string>>;
  readonly optionalDependencies?: Readonly<Record<string, string>>;
  readonly peerDependencies?: Readonly<Record<string, string>>;
}

export type Lock = ReadonlyMap<string, LockedPackage>;

export function readLock(file: string): Lock {
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as { packages: Record<string, LockedPackage> };
  return new Map(Object.entries(parsed.packages).filter(([path]) => path !== ''));
}

/** The install paths `npm ci --omit=dev` creates: every locked package not marked dev. */
export function productionPaths(lock: Lock): Set<string> {
  return new Set([...lock].filter(([, entry]) => entry.dev !== true).map(([path]) => path));
}

/**
 * The install paths reached from `names` (bare package names imported from the project's root)
 * and, through each package's own dependencies, everything they need at run time.
 */
export function reachablePaths(lock: Lock, names: Iterable<string>): Set<string> {
  const reached = new Set<string>();
  const visit = (from: string, name: string) => {
    const path = resolveInstallPath(lock, from, name);
    if (path === undefined || reached.has(path)) return;
    reached.add(path);
    const entry = lock.get(path);
    for (const dependency of Object.keys({
      ...entry?.dependencies,
      ...entry?.optionalDependencies,
      ...entry?.peerDependencies,
    })) {
      visit(path, dependency);
    }
  };
  for (const name of names) visit('', name);
  return reached;
}

/** Node's lookup: `from/node_modules/name`, then the same in each enclosing install folder. */
function resolveInstallPath(lock: Lock, from: string, name: string): string | undefined {
  let folder = from;
  for (;;) {
    const candidate = folder === '' ? `node_modules/${name}` : `${folder}/node_modules/${name}`;
    if (lock.has(candidate)) return candidate;
    if (folder === '') return undefined;
    const parent = folder.lastIndexOf('/node_modules/');
    folder = parent === -1 ? '' : folder.slice(0, parent);
  }
}

/** `node_modules/@scope/name/node_modules/dep` -> `dep`: the package an install path holds. */
export function packageNameOf(path: string): string {
  return path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);
}
