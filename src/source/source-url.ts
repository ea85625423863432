import { fileURLToPath } from 'node:url';

export type SourceLocation =
  | { readonly kind: 's3'; readonly bucket: string; readonly prefix: string }
  | { readonly kind: 'dynamodb'; readonly table: string; readonly folder?: string }
  | { readonly kind: 'folder'; readonly dir: string };

/** S3 bucket names: 3-63 lower-case letters, digits, dots and hyphens, starting and ending with a letter or digit. */
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
/** DynamoDB table names: 3-255 of letters, digits, `_`, `-`, `.`. */
const TABLE = /^[A-Za-z0-9_.-]{3,255}$/;

/**
 * `s3://bucket[/prefix]`, `dynamodb://table[/folder]`, `file:///dir` or a plain path. An S3 prefix is
 * kept with a trailing `/` (so `s3://b/app` does not take `app-old/`); an empty prefix is the whole
 * bucket. A table's folder (items whose sk is under it, e.g. an overlay's) has no trailing `/`.
 */
export function parseSourceUrl(text: string): SourceLocation {
  const trimmed = text.trim();
  if (trimmed === '')
    throw new Error('source: expected s3://bucket/prefix, dynamodb://table, file://dir or a path, got ""');
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(trimmed)?.[1]?.toLowerCase();
  if (scheme === undefined) return { kind: 'folder', dir: trimmed };
  const rest = trimmed.slice(scheme.length + 3);
  if (scheme === 's3') return s3Location(text, rest);
  if (scheme === 'dynamodb') {
    const slash = rest.indexOf('/');
    const table = slash < 0 ? rest : rest.slice(0, slash);
    if (!TABLE.test(table)) {
      throw new Error(`source ${text}: "${table}" is not a DynamoDB table name (3-255 of A-Z a-z 0-9 _ - .)`);
    }
    const folder = (slash < 0 ? '' : rest.slice(slash + 1)).replace(/^\/+/, '').replace(/\/+$/, '');
    return folder === '' ? { kind: 'dynamodb', table } : { kind: 'dynamodb', table, folder };
  }
  if (scheme === 'file') {
    try {
      return { kind: 'folder', dir: fileURLToPath(trimmed) };
    } catch (error) {
      throw new Error(
        `source ${text}: not a file URL (${error instanceof Error ? error.message : String(error)})`,
      );
    }
  }
  throw new Error(`source ${text}: unknown scheme "${scheme}://"; expected s3://, dynamodb:// or file://`);
}

function s3Location(text: string, rest: string): SourceLocation {
  const slash = rest.indexOf('/');
  const bucket = slash < 0 ? rest : rest.slice(0, slash);
  if (!BUCKET.test(bucket)) {
    throw new Error(
      `source ${text}: "${bucket}" is not an S3 bucket name (3-63 of a-z 0-9 . -, starting and ending with a letter or digit)`,
    );
  }
  const prefix = (slash < 0 ? '' : rest.slice(slash + 1)).replace(/^\/+/, '').replace(/\/+$/, '');
  return { kind: 's3', bucket, prefix: prefix === '' ? '' : `${prefix}/` };
}
