import { createHash } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { gzipSync } from 'node:zlib';
import type { OperatorState, ResourceStatus } from '../state/types.ts';
import { type ResourceView, toResourceView } from './resource-view.ts';

/** One resource of a snapshot, serialised when it changed and not again. */
export interface SnapshotEntry {
  readonly status: ResourceStatus;
  readonly view: ResourceView;
  /** `namespace/kind/name`: the order of the list and of continue tokens. */
  readonly sortKey: string;
  readonly json: string;
  readonly etag: string;
}

/** Bytes to answer with, and their entity tag; `gzipped` is the same compressed, made once when first asked for. */
export interface Served {
  readonly body: Buffer;
  readonly etag: string;
  readonly gzipped?: () => Buffer;
}

/** Below this, compressing costs more than the bytes it saves. Compressed once per answer, so at the strongest level. */
const GZIP_FROM_BYTES = 1024;

function servedOf(content: string): Served {
  const body = Buffer.from(content);
  if (body.length < GZIP_FROM_BYTES) return { body, etag: etagOf(content) };
  let gzipped: Buffer | undefined;
  return { body, etag: etagOf(content), gzipped: () => (gzipped ??= gzipSync(body, { level: 9 })) };
}

/** A strong entity tag of the bytes: equal content gives the same tag, on every replica. */
export function etagOf(content: string): string {
  return `"${createHash('sha256').update(content).digest('base64url').slice(0, 27)}"`;
}

function entryOf(status: ResourceStatus): SnapshotEntry {
  const view = toResourceView(status);
  const json = JSON.stringify(view);
  return { status, view, sortKey: `${view.namespace}/${view.kind}/${view.name}`, json, etag: etagOf(json) };
}

const bySortKey = (a: SnapshotEntry, b: SnapshotEntry) =>
  a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : 0;

/** What one snapshot keeps of answers to different queries, in bytes; the oldest goes first. */
const KEPT_ANSWER_BYTES = 16 << 20;

/**
 * The status view at one moment, read once and serialised once: every request until the next
 * change is answered from here. Answers to queries are kept too, as bytes with their ETag.
 */
export class StatusSnapshot {
  readonly entries: readonly SnapshotEntry[];
  readonly operator: OperatorState;
  readonly operatorJson: string;
  readonly #byIdentity: ReadonlyMap<string, SnapshotEntry>;
  readonly #answers = new Map<string, Served>();
  #answerBytes = 0;

  constructor(entries: readonly SnapshotEntry[], operator: OperatorState, operatorJson: string) {
    this.entries = entries;
    this.operator = operator;
    this.operatorJson = operatorJson;
    this.#byIdentity = new Map(entries.map((entry) => [entry.status.identity, entry]));
  }

  get(identity: string): SnapshotEntry | undefined {
    return this.#byIdentity.get(identity);
  }

  /** The answer kept under `key`, or `build`'s, kept for next time. */
  answer(key: string, build: () => string): Served {
    const kept = this.#answers.get(key);
    if (kept !== undefined) return kept;
    const served = servedOf(build());
    this.#answers.set(key, served);
    this.#answerBytes += served.body.length;
    for (const [oldKey, old] of this.#answers) {
      if (this.#answerBytes <= KEPT_ANSWER_BYTES || oldKey === key) break;
      this.#answers.delete(oldKey);
      this.#answerBytes -= old.body.length;
    }
    return served;
  }
}

/**
 * A snapshot of what was read, reusing `previous` where nothing changed: an unchanged resource
 * keeps its serialised form, and nothing changed at all gives `previous` itself (same ETags).
 */
export function buildSnapshot(
  statuses: readonly ResourceStatus[],
  operator: OperatorState,
  previous?: StatusSnapshot,
): StatusSnapshot {
  let changed = previous === undefined || previous.entries.length !== statuses.length;
  const entries = statuses.map((status) => {
    const kept = previous?.get(status.identity);
    if (kept !== undefined && isDeepStrictEqual(kept.status, status)) return kept;
    changed = true;
    return entryOf(status);
  });
  const sameOperator = previous !== undefined && isDeepStrictEqual(previous.operator, operator);
  if (!changed && sameOperator && previous !== undefined) return previous;
  entries.sort(bySortKey);
  return new StatusSnapshot(
    entries,
    operator,
    sameOperator ? previous.operatorJson : JSON.stringify(operator),
  );
}

/**
 * `previous` with some resources replaced (a status) or gone (`undefined`): only those are
 * serialised; nothing changed gives `previous` itself (same ETags). The statuses must be as a
 * read gives them (stored form, redacted), so a patched snapshot equals a freshly read one.
 */
export function patchSnapshot(
  previous: StatusSnapshot,
  changes: ReadonlyMap<string, ResourceStatus | undefined>,
): StatusSnapshot {
  const replaced = new Map<string, SnapshotEntry | undefined>();
  for (const [identity, status] of changes) {
    const kept = previous.get(identity);
    if (status === undefined) {
      if (kept !== undefined) replaced.set(identity, undefined);
    } else if (kept === undefined || !isDeepStrictEqual(kept.status, status)) {
      replaced.set(identity, entryOf(status));
    }
  }
  if (replaced.size === 0) return previous;
  const entries = previous.entries.filter((entry) => !replaced.has(entry.status.identity));
  for (const entry of replaced.values()) if (entry !== undefined) entries.push(entry);
  // Sorted but for the few added at the end: a merge, in effect.
  entries.sort(bySortKey);
  return new StatusSnapshot(entries, previous.operator, previous.operatorJson);
}

/** `previous` with another operator state; the same snapshot when it is equal. */
export function withOperator(previous: StatusSnapshot, operator: OperatorState): StatusSnapshot {
  if (isDeepStrictEqual(previous.operator, operator)) return previous;
  return new StatusSnapshot(previous.entries, operator, JSON.stringify(operator));
}
