import { type Diagnostic, diagnostic } from './diagnostic.ts';

/** Caps on what one revision may hold, so that no input can exhaust the operator's memory. */
export interface ReadLimits {
  /** Bytes of one file, object or item. */
  readonly fileBytes: number;
  /** Bytes of all the files of a revision together. */
  readonly revisionBytes: number;
  /** YAML documents of a revision, empty ones included. */
  readonly documents: number;
}

/** The defaults of the `maxFileBytes`, `maxRevisionBytes` and `maxDocuments` settings (docs/CONFIGURATION.md). */
export const DEFAULT_READ_LIMITS: ReadLimits = {
  fileBytes: 1_048_576,
  revisionBytes: 16_777_216,
  documents: 50_000,
};

export interface SizedFile {
  readonly file: string;
  readonly size: number;
}

export interface SizeVerdict {
  /** The files to read: none when the revision is over its total. */
  readonly admitted: readonly SizedFile[];
  readonly problems: readonly Diagnostic[];
}

/**
 * Decides from sizes alone (a stat, a listing) which files may be read. A file over the per-file
 * cap is refused; the others are summed in the order given, and if they add up to more than the
 * revision's cap, none is read and the file where the sum went over is named.
 */
export function sizeGate(files: readonly SizedFile[], limits: ReadLimits): SizeVerdict {
  const problems: Diagnostic[] = [];
  const admitted: SizedFile[] = [];
  let total = 0;
  let crossedAt: string | undefined;
  for (const entry of files) {
    if (entry.size > limits.fileBytes) {
      problems.push(
        diagnostic('FILE_TOO_LARGE', {
          place: { file: entry.file, line: 1, column: 1 },
          params: { size: entry.size, limit: limits.fileBytes },
        }),
      );
      continue;
    }
    total += entry.size;
    if (total > limits.revisionBytes) crossedAt ??= entry.file;
    admitted.push(entry);
  }
  if (crossedAt === undefined) return { admitted, problems };
  problems.push(
    diagnostic('REVISION_TOO_LARGE', {
      place: { file: crossedAt, line: 1, column: 1 },
      params: { total, limit: limits.revisionBytes },
    }),
  );
  return { admitted: [], problems };
}
