import { createHash } from 'node:crypto';
import { open, readdir, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { decodeManifest } from './decode.ts';
import { type Diagnostic, formatDiagnostic } from './diagnostic.ts';
import { DEFAULT_READ_LIMITS, type ReadLimits, sizeGate } from './limits.ts';
import type { ManifestInput } from './parse.ts';

const MANIFEST_FILE = /\.ya?ml$/i;

export interface ReadFolderOptions {
  /** Put before each path in `file`, so that messages point at the path the user gave. */
  readonly prefix?: string;
  /** Paths (relative to the folder) to leave out besides hidden entries and node_modules. */
  readonly ignored?: (path: string) => boolean;
  readonly limits?: ReadLimits;
}

export interface FolderRead {
  /** Sorted by file: the files read, decoded. */
  readonly inputs: ManifestInput[];
  /** Files not read (over a size cap) or not UTF-8. */
  readonly problems: Diagnostic[];
  /** Every manifest file with what identifies its state: the sha256 of its bytes, or its size and time when not read. */
  readonly versions: Array<readonly [string, string]>;
}

/**
 * Every `*.yaml` / `*.yml` under `dir`, sorted by path, skipping hidden entries and node_modules.
 * Sizes are checked from `stat` before anything is read (sizeGate); a file is read whole as bytes
 * and decoded strictly. `file` is the path relative to `dir` with `/` separators, after `prefix`.
 */
export async function readFolder(dir: string, options: ReadFolderOptions = {}): Promise<FolderRead> {
  const { prefix = '', ignored, limits = DEFAULT_READ_LIMITS } = options;
  const named = (path: string) => (prefix === '' ? path : `${prefix.replace(/\/+$/, '')}/${path}`);
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const paths = entries
    .filter((entry) => entry.isFile() && MANIFEST_FILE.test(entry.name))
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .filter((path) => !path.split('/').some((part) => part.startsWith('.') || part === 'node_modules'))
    .filter((path) => ignored?.(path) !== true)
    .sort();
  const stats = await Promise.all(paths.map(async (path) => ({ path, stats: await stat(join(dir, path)) })));
  const byFile = new Map(stats.map(({ path, stats }) => [named(path), { path, stats }]));
  const verdict = sizeGate(
    stats.map(({ path, stats }) => ({ file: named(path), size: stats.size })),
    limits,
  );
  const versions = new Map<string, string>(
    stats.map(({ path, stats }) => [named(path), `${stats.size}:${stats.mtimeMs}`]),
  );
  const inputs: ManifestInput[] = [];
  const problems = [...verdict.problems];
  const read = await Promise.all(
    verdict.admitted.map(async ({ file }) => {
      const path = byFile.get(file)?.path ?? file;
      return { file, bytes: await readAtMost(join(dir, path), limits.fileBytes) };
    }),
  );
  for (const { file, bytes } of read) {
    versions.set(file, createHash('sha256').update(bytes).digest('hex'));
    const decoded = decodeManifest(file, bytes);
    if (decoded.ok) inputs.push({ file, content: decoded.content });
    else problems.push(decoded.problem);
  }
  return { inputs, problems, versions: [...versions] };
}

/**
 * The folder's manifests, for callers that need every file readable (dev, put-manifests, tests):
 * default limits, and any file not read or not UTF-8 throws, naming each.
 */
export async function readManifestFolder(dir: string, prefix = ''): Promise<ManifestInput[]> {
  const { inputs, problems } = await readFolder(dir, { prefix });
  if (problems.length > 0) throw new Error(problems.map(formatDiagnostic).join('\n'));
  return inputs;
}

/** A file's bytes, never more than `limit`: a file that grows while it is read throws (a retry reads it again). */
async function readAtMost(path: string, limit: number): Promise<Uint8Array> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    if (size > limit) throw new Error(`${path} grew past ${limit} bytes while it was read`);
    // One byte more than the size: filling it means the file grew.
    const buffer = Buffer.alloc(size + 1);
    let filled = 0;
    while (filled < buffer.length) {
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    if (filled > size) throw new Error(`${path} changed while it was read`);
    return buffer.subarray(0, filled);
  } finally {
    await handle.close();
  }
}
