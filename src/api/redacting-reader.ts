import { redactDeep } from '../redact/index.ts';
import type { ResourceStatus } from '../state/types.ts';
import type { StatusReader } from './deps.ts';

/** Redaction keeps a value's shape: only strings are replaced, by strings. */
const redacted = <T>(value: T): T => redactDeep(value) as T;

/** One status as redactingStatusReader gives it (the status snapshots' patches from writes). */
export const redactedStatus = (status: ResourceStatus): ResourceStatus => redacted(status);

/**
 * What the API reads from the state store passes the redaction rules on its way in, whatever
 * wrote it (an older version stored drift unredacted). Put it under the status cache, so a
 * second's worth of requests shares one pass rather than each reply making its own.
 */
export function redactingStatusReader(reader: StatusReader): StatusReader {
  return {
    listStatuses: async (filter) => redacted(await reader.listStatuses(filter)),
    getStatus: async (identity) => redacted(await reader.getStatus(identity)),
    listEvents: async (identity, limit) => redacted(await reader.listEvents(identity, limit)),
    getOperator: async () => redacted(await reader.getOperator()),
    listRevisions: async (limit) => redacted(await reader.listRevisions(limit)),
  };
}
