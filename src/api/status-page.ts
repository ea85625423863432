import type { StatusFilter } from '../state/types.ts';
import { summarize } from './resource-view.ts';
import type { Served, SnapshotEntry, StatusSnapshot } from './status-snapshot.ts';

export const DEFAULT_STATUS_LIMIT = 100;
export const MAX_STATUS_LIMIT = 1_000;

export interface StatusQuery extends StatusFilter {
  readonly limit?: number;
  readonly continue?: string;
}

/** A client error naming the parameter, answered as 400 by the error handler. */
export class BadParameter extends Error {
  readonly statusCode = 400;
  readonly code = 'SS_BAD_PARAMETER';
}

/** The token names the last resource given (its sort key), so a page starts after it even if it is gone. */
const tokenOf = (sortKey: string): string => Buffer.from(sortKey).toString('base64url');

function afterOf(token: string): string {
  const sortKey = Buffer.from(token, 'base64url').toString('utf8');
  if (tokenOf(sortKey) !== token || sortKey.split('/').length !== 3) {
    throw new BadParameter('querystring/continue is not a token this API gave; start again without continue');
  }
  return sortKey;
}

export function matches(entry: SnapshotEntry, filter: StatusFilter): boolean {
  const { view } = entry;
  return (
    (filter.kind === undefined || filter.kind === view.kind) &&
    (filter.namespace === undefined || filter.namespace === view.namespace) &&
    (filter.sync === undefined || filter.sync === view.sync) &&
    (filter.health === undefined || filter.health === view.health)
  );
}

/** Index of the first entry whose sort key is after `after` (entries are sorted). */
function firstAfter(entries: readonly SnapshotEntry[], after: string): number {
  let low = 0;
  let high = entries.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((entries[middle]?.sortKey ?? '') <= after) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * GET /status from a snapshot: the summary counts every resource the filters match, the page
 * holds up to `limit` of them after the continue token, and `continue` is there when more follow.
 * Pages as AWS's own list calls do: one answer of every resource grows with the fleet (5,000 are
 * about 2 MB), a page does not.
 */
export function statusPage(snapshot: StatusSnapshot, query: StatusQuery): Served {
  const limit = query.limit ?? DEFAULT_STATUS_LIMIT;
  const after = query.continue === undefined ? undefined : afterOf(query.continue);
  const key = JSON.stringify([query.namespace, query.kind, query.sync, query.health, limit, after]);
  return snapshot.answer(key, () => {
    const matching = snapshot.entries.filter((entry) => matches(entry, query));
    const start = after === undefined ? 0 : firstAfter(matching, after);
    const page = matching.slice(start, start + limit);
    const last = page.at(-1);
    const more = start + limit < matching.length && last !== undefined;
    const summary = JSON.stringify(summarize(matching.map((entry) => entry.status)));
    const resources = page.map((entry) => entry.json).join(',');
    const next = more ? `,"continue":${JSON.stringify(tokenOf(last.sortKey))}` : '';
    return `{"summary":${summary},"operator":${snapshot.operatorJson},"resources":[${resources}]${next}}`;
  });
}
