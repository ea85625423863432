import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { ManifestInput } from './parse.ts';

const MANIFEST_FILE = /\.ya?ml$/i;

/**
 * Every `*.yaml` / `*.yml` under `dir`, sorted by path, skipping hidden entries and node_modules.
 * `file` is the path relative to `dir` with `/` separators, prefixed by `prefix` when given.
 */
export async function readManifestFolder(dir: string, prefix = ''): Promise<ManifestInput[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries
    .filter((entry) => entry.isFile() && MANIFEST_FILE.test(entry.name))
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .filter((path) => !path.split('/').some((part) => part.startsWith('.') || part === 'node_modules'))
    .sort();
  return Promise.all(
    files.map(async (path) => ({
      file: prefix === '' ? path : `${prefix.replace(/\/+$/, '')}/${path}`,
      content: await readFile(join(dir, path), 'utf8'),
    })),
  );
}
