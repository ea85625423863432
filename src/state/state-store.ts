import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { type Clock, systemClock } from './clock.ts';
import { DEFAULT_EVENT_RETENTION, type EventRetention, listEvents, recordEvent } from './event-store.ts';
import { FencedWriter, type FenceMode } from './fenced-writer.ts';
import { type CreateIntent, deleteIntent, listIntents, putIntent } from './intent-store.ts';
import { type ItemKey, leaseKey, OPERATOR_KEY } from './keys.ts';
import { type LeaseRecord, parseLeaseRecord } from './lease-item.ts';
import { boundMessage } from './limits.ts';
import { getOperator, type OperatorPatch, updateOperator } from './operator-store.ts';
import {
  type DeliveryRecord,
  deliveryPut,
  type EventTap,
  type LoggedDelivery,
  listDeliveries,
  listOutbox,
  type OutboxEntry,
  outboxPut,
  outboxSettled,
} from './outbox-store.ts';
import { DEFAULT_REVISION_HISTORY, listRevisions, recordReleased, recordRevision } from './revision-store.ts';
import { deleteStatus, getStatus, listStatuses, putStatus, toStatus } from './status-store.ts';
import type { StoreContext } from './store-context.ts';
import type { OperatorState, ResourceStatus, RevisionRecord, StateEvent, StatusFilter } from './types.ts';

/**
 * What a write of this store changed: a status as a read now returns it (`undefined`: deleted),
 * the operator item (read it again), or something not known here (read everything again).
 */
export type StatusChange =
  | { readonly kind: 'status'; readonly identity: string; readonly status: ResourceStatus | undefined }
  | { readonly kind: 'operator' }
  | { readonly kind: 'unknown' };

export interface StateStoreOptions {
  readonly client: DynamoDBClient;
  readonly table: string;
  /** See FenceMode: `transaction` on DynamoDB, `check-then-write` on dynalite. */
  readonly fenceMode: FenceMode;
  /** The lease whose fencing token guards every write. Default `leader`. */
  readonly leaseName?: string;
  /** The operator item it reads and writes. Default OPERATOR_KEY (the default target's). */
  readonly operatorKey?: ItemKey;
  readonly clock?: Clock;
  /** Default 20. */
  readonly revisionHistory?: number;
  readonly eventRetention?: EventRetention;
}

/**
 * Status, events, the operator item and revision history in one DynamoDB table (docs/STATE.md).
 * Every write takes the writer's fencing token and throws FencedOut when it is not the lease's;
 * reads need no lease.
 */
export class StateStore {
  readonly #context: StoreContext;
  readonly #revisionHistory: number;
  /** Released resources of revisions not yet recorded, oldest revision first. */
  readonly #releasedEarly = new Map<string, Set<string>>();
  /** The last record this store wrote of a revision put in force (applied or held back). */
  #inForce: { readonly at: string; readonly id: string } | undefined;
  readonly #eventRetention: EventRetention;
  readonly #leaseName: string;
  readonly #changeListeners = new Set<(change: StatusChange) => void>();
  #eventTap: EventTap | undefined;
  readonly #eventListeners = new Set<(event: StateEvent) => void>();

  constructor(options: StateStoreOptions) {
    const doc = DynamoDBDocumentClient.from(options.client, {
      marshallOptions: { removeUndefinedValues: true },
    });
    this.#context = {
      doc,
      table: options.table,
      clock: options.clock ?? systemClock,
      operatorKey: options.operatorKey ?? OPERATOR_KEY,
      writer: new FencedWriter({
        doc,
        table: options.table,
        leaseName: options.leaseName ?? 'leader',
        mode: options.fenceMode,
      }),
    };
    this.#revisionHistory = options.revisionHistory ?? DEFAULT_REVISION_HISTORY;
    this.#eventRetention = options.eventRetention ?? DEFAULT_EVENT_RETENTION;
    this.#leaseName = options.leaseName ?? 'leader';
  }

  /** Who holds the lease now (for status on any replica); undefined before anyone took it. */
  async getLease(): Promise<LeaseRecord | undefined> {
    const { doc, table } = this.#context;
    const read = await doc.send(
      new GetCommand({ TableName: table, Key: leaseKey(this.#leaseName), ConsistentRead: true }),
    );
    return parseLeaseRecord(read.Item);
  }

  /**
   * Calls `listener` with what each status or operator write of this store changed, once the
   * write succeeds, so what reads them in this process (the API's snapshots) can patch its copy
   * rather than read the table again. Returns the unsubscribe.
   */
  onStatusChange(listener: (change: StatusChange) => void): () => void {
    this.#changeListeners.add(listener);
    return () => this.#changeListeners.delete(listener);
  }

  #changed(change: () => StatusChange): void {
    if (this.#changeListeners.size === 0) return;
    let told: StatusChange;
    try {
      told = change();
    } catch {
      // Written, but not as a read would return it (a malformed status): readers read it themselves.
      told = { kind: 'unknown' };
    }
    for (const listener of this.#changeListeners) listener(told);
  }

  async putStatus(status: ResourceStatus, fencingToken: number): Promise<void> {
    const item = await putStatus(this.#context, status, fencingToken);
    this.#changed(() => ({ kind: 'status', identity: status.identity, status: toStatus(item) }));
  }

  getStatus(identity: string): Promise<ResourceStatus | undefined> {
    return getStatus(this.#context, identity);
  }

  listStatuses(filter: StatusFilter = {}): Promise<ResourceStatus[]> {
    return listStatuses(this.#context, filter);
  }

  async deleteStatus(identity: string, fencingToken: number): Promise<void> {
    await deleteStatus(this.#context, identity, fencingToken);
    this.#changed(() => ({ kind: 'status', identity, status: undefined }));
  }

  /** A create of several calls is about to begin. */
  putIntent(intent: CreateIntent, fencingToken: number): Promise<void> {
    return putIntent(this.#context, intent, fencingToken);
  }

  deleteIntent(identity: string, fencingToken: number): Promise<void> {
    return deleteIntent(this.#context, identity, fencingToken);
  }

  listIntents(): Promise<CreateIntent[]> {
    return listIntents(this.#context);
  }

  async recordEvent(event: StateEvent, fencingToken: number): Promise<void> {
    await recordEvent(this.#context, event, fencingToken, this.#eventRetention, this.#eventTap);
    if (this.#eventListeners.size === 0) return;
    const recorded = { ...event, message: boundMessage(event.message) };
    for (const listener of this.#eventListeners) listener(recorded);
  }

  /**
   * Calls `listener` with each event this store records, as stored, after the write succeeds (the
   * API's live stream). Events written by another replica are not told. Returns the unsubscribe.
   */
  onEventRecorded(listener: (event: StateEvent) => void): () => void {
    this.#eventListeners.add(listener);
    return () => this.#eventListeners.delete(listener);
  }

  /** Events the tap picks are written to the notification outbox with the event (src/notify). */
  tapEvents(tap: EventTap): void {
    this.#eventTap = tap;
  }

  /** A notification that is not an event (a revision's result), into the outbox. */
  async putOutbox(entry: OutboxEntry, fencingToken: number): Promise<void> {
    await this.#context.writer.write(fencingToken, [outboxPut(this.#context, entry)]);
  }

  /** Oldest first: what a new leader has still to deliver. */
  listOutbox(): Promise<OutboxEntry[]> {
    return listOutbox(this.#context);
  }

  /**
   * Deliveries settled: each outbox entry keeps the receivers still pending (or goes), and each
   * delivery joins the delivery log. One lease check for them all.
   */
  async settleDeliveries(
    settled: ReadonlyMap<string, readonly string[]>,
    records: readonly DeliveryRecord[],
    fencingToken: number,
  ): Promise<void> {
    await this.#context.writer.write(fencingToken, [
      ...[...settled].map(([id, pending]) => outboxSettled(id, pending)),
      ...records.map((record) => deliveryPut(this.#context, record)),
    ]);
  }

  /** The delivery log, newest first. */
  listDeliveries(limit = 100): Promise<LoggedDelivery[]> {
    return listDeliveries(this.#context, limit);
  }

  /** Newest first; of one resource, or of all when `identity` is undefined. */
  listEvents(identity: string | undefined, limit: number): Promise<StateEvent[]> {
    return listEvents(this.#context, identity, limit);
  }

  async updateOperator(patch: OperatorPatch, fencingToken: number): Promise<void> {
    await updateOperator(this.#context, patch, fencingToken);
    this.#changed(() => ({ kind: 'operator' }));
  }

  getOperator(): Promise<OperatorState> {
    return getOperator(this.#context);
  }

  async recordRevision(revision: RevisionRecord, fencingToken: number): Promise<void> {
    const pending = [...(this.#releasedEarly.get(revision.id) ?? [])];
    const released = [...new Set([...(revision.released ?? []), ...pending])].sort();
    await recordRevision(
      this.#context,
      released.length === 0 ? revision : { ...revision, released },
      fencingToken,
      this.#revisionHistory,
    );
    for (const identity of pending) this.#forgetEarly(revision.id, identity);
    if (revision.result === 'rejected') return;
    const record = { at: revision.at, id: revision.id };
    this.#inForce = record;
    // Released while the record was being written: added now.
    for (const identity of [...(this.#releasedEarly.get(revision.id) ?? [])]) {
      if (await recordReleased(this.#context, revision.id, identity, fencingToken, record)) {
        this.#forgetEarly(revision.id, identity);
      }
    }
  }

  /**
   * Adds a released resource to the record of revision `id` in force. The operator does not wait
   * for a revision's record before it reconciles, so a release may come first: it is kept here
   * and goes into the record when that is written.
   */
  async recordReleased(id: string, identity: string, fencingToken: number): Promise<void> {
    const early = this.#releasedEarly.get(id) ?? new Set<string>();
    early.add(identity);
    this.#releasedEarly.delete(id);
    this.#releasedEarly.set(id, early);
    for (const old of [...this.#releasedEarly.keys()].slice(0, -this.#revisionHistory)) {
      this.#releasedEarly.delete(old);
    }
    if (await recordReleased(this.#context, id, identity, fencingToken, this.#inForce)) {
      this.#forgetEarly(id, identity);
    }
  }

  #forgetEarly(id: string, identity: string): void {
    const early = this.#releasedEarly.get(id);
    early?.delete(identity);
    if (early?.size === 0) this.#releasedEarly.delete(id);
  }

  /** Newest first. */
  listRevisions(limit = this.#revisionHistory): Promise<RevisionRecord[]> {
    return listRevisions(this.#context, limit);
  }
}
