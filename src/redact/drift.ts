import { type FieldPath, parsePath } from '../diff/index.ts';
import { redactArgs } from './args.ts';
import { isPlainObject, redactValue } from './value.ts';

/** A drift entry of src/diff or src/state: only its values are redacted, never its path. */
export interface DriftLike {
  readonly path: string;
  readonly desired: unknown;
  readonly actual: unknown;
}

/** The whole documents the entries were computed from: they give an argument its neighbours. */
export interface DriftSides {
  readonly desired?: unknown;
  readonly actual?: unknown;
}

export function redactDrift<E extends DriftLike>(entries: readonly E[], sides: DriftSides = {}): E[] {
  return entries.map((entry) => redactDriftEntry(entry, sides));
}

/** One entry with its values redacted in the context its path gives (`environment[name=DB_PASS].value`). */
export function redactDriftEntry<E extends DriftLike>(entry: E, sides: DriftSides = {}): E {
  const path = parsed(entry.path);
  return {
    ...entry,
    desired: redactAt(path, entry.desired, sides.desired),
    actual: redactAt(path, entry.actual, sides.actual),
  };
}

/** Any JSON-like data (an API body): drift entries found in it are redacted with their paths' context. */
export function redactDeep(value: unknown): unknown {
  return redactValue(value, undefined, (object) =>
    typeof object.path === 'string' && ('desired' in object || 'actual' in object)
      ? redactDriftEntry({ ...object, path: object.path, desired: object.desired, actual: object.actual })
      : undefined,
  );
}

function parsed(path: string): FieldPath | undefined {
  try {
    return parsePath(path);
  } catch {
    return undefined;
  }
}

function redactAt(path: FieldPath | undefined, value: unknown, document: unknown): unknown {
  if (value === undefined || path === undefined) return redactValue(value);
  const name = nameAt(path);
  const last = path.at(-1);
  if (last?.kind === 'index' && typeof value === 'string') {
    // One argument of a command: `-u` or `--password` before it is in the document, not the entry.
    const list = valueAt(document, path.slice(0, -1));
    if (Array.isArray(list) && list[last.index] === value && list.every((item) => typeof item === 'string'))
      return redactValue(redactArgs(list)[last.index], name);
  }
  return redactValue(value, name);
}

/** The name a value at `path` goes by: its member, or the name of the `{name, value}` pair it is the value of. */
function nameAt(path: FieldPath): string | undefined {
  const last = path.at(-1);
  if (last === undefined) return undefined;
  if (last.kind === 'index') return nameAt(path.slice(0, -1));
  if (last.kind !== 'member') return undefined;
  const before = path.at(-2);
  if (/^value$/i.test(last.name) && before?.kind === 'select') {
    const named = before.match.find(([key]) => /^(?:name|key)$/i.test(key));
    if (named !== undefined) return named[1];
  }
  return last.name;
}

function valueAt(document: unknown, path: FieldPath): unknown {
  let at = document;
  for (const segment of path) {
    if (segment.kind === 'member') at = isPlainObject(at) ? at[segment.name] : undefined;
    else if (segment.kind === 'index') at = Array.isArray(at) ? at[segment.index] : undefined;
    else if (segment.kind === 'select' && Array.isArray(at)) {
      at = at.find(
        (element) =>
          isPlainObject(element) && segment.match.every(([key, wanted]) => String(element[key]) === wanted),
      );
    } else return undefined;
  }
  return at;
}
