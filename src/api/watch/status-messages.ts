import type { StatusSnapshot } from '../status-snapshot.ts';

export interface StreamMessage {
  readonly event: string;
  /** One line of JSON. */
  readonly data: string;
}

/**
 * What changed from `previous` to `next`: a `status` message per changed or added resource,
 * carrying the view already serialised in the snapshot, a `removed` message per resource gone,
 * and an `operator` message with the operator state (as in GET /status) when it changed.
 */
export function statusMessages(previous: StatusSnapshot, next: StatusSnapshot): StreamMessage[] {
  if (previous === next) return [];
  const messages: StreamMessage[] = [];
  for (const entry of next.entries) {
    if (previous.get(entry.status.identity)?.etag === entry.etag) continue;
    const identity = JSON.stringify(entry.status.identity);
    messages.push({
      event: 'status',
      data: `{"identity":${identity},"etag":${JSON.stringify(entry.etag)},"view":${entry.json}}`,
    });
  }
  for (const entry of previous.entries) {
    if (next.get(entry.status.identity) !== undefined) continue;
    messages.push({ event: 'removed', data: `{"identity":${JSON.stringify(entry.status.identity)}}` });
  }
  if (previous.operatorJson !== next.operatorJson) {
    messages.push({ event: 'operator', data: `{"operator":${next.operatorJson}}` });
  }
  return messages;
}
