import { existsSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, relative, resolve } from 'node:path';

/** What running one compiled entry can load: its files, the packages they import, the data they read. */
export interface Reach {
  /** Absolute paths of the compiled files loaded, the entry included. */
  readonly files: ReadonlySet<string>;
  /** Bare package names imported (`@aws-sdk/client-s3`, `ajv`). */
  readonly packages: ReadonlySet<string>;
  /** Paths read through `new URL('<literal>', import.meta.url)`, relative to `root`. */
  readonly data: ReadonlySet<string>;
}

// tsc's output: `import ... from '...'`, `export ... from '...'`, `import '...'` and `import("...")`.
const STATIC_IMPORT = /(?:^|[;\n])\s*(?:import|export)\s+(?:[^'";]*?\sfrom\s*)?['"]([^'"]+)['"]/g;
const DYNAMIC_IMPORT = /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;
const DATA_URL = /new URL\(\s*['"]([^'"]+)['"]\s*,\s*import\.meta\.url\s*\)/g;
const BUILTINS = new Set(builtinModules);

/**
 * Follows the relative static imports and the dynamic imports of string literals from `entry`.
 * An import of a computed specifier is not followed: that is how a module stays out of reach.
 */
export function reachFrom(entry: string, root: string): Reach {
  const files = new Set<string>();
  const packages = new Set<string>();
  const data = new Set<string>();
  const pending = [entry];
  for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
    if (files.has(file)) continue;
    if (!existsSync(file)) throw new Error(`${relative(root, file)} is imported but was not built`);
    files.add(file);
    const code = readFileSync(file, 'utf8');
    for (const specifier of matches(code, STATIC_IMPORT, DYNAMIC_IMPORT)) {
      if (specifier.startsWith('.')) pending.push(resolve(dirname(file), specifier));
      else if (!isBuiltin(specifier)) packages.add(packageOf(specifier));
    }
    for (const path of matches(code, DATA_URL)) data.add(relative(root, resolve(dirname(file), path)));
  }
  return { files, packages, data };
}

function* matches(code: string, ...patterns: readonly RegExp[]): Generator<string> {
  for (const pattern of patterns) {
    for (const match of code.matchAll(pattern)) if (match[1] !== undefined) yield match[1];
  }
}

function isBuiltin(specifier: string): boolean {
  return specifier.startsWith('node:') || BUILTINS.has(specifier);
}

/** `@scope/name/sub/path` -> `@scope/name`; `name/sub` -> `name`. */
function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return (specifier.startsWith('@') ? parts.slice(0, 2) : parts.slice(0, 1)).join('/');
}

/** A module of types only, which tsc still emits as `export {};`: nothing imports it at run time. */
export function isTypeOnlyModule(file: string): boolean {
  const code = readFileSync(file, 'utf8').replace(/^\s*\/\/.*$/gm, '');
  return code.trim() === 'export {};';
}
