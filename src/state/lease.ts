import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { systemClock } from './clock.ts';
import { leaseKey } from './keys.ts';
import { type LeaseRecord, parseLeaseRecord } from './lease-item.ts';
import { type LeaseManagerOptions, type ResolvedLeaseOptions, resolveLeaseOptions } from './lease-options.ts';

export type { LeaseManagerOptions } from './lease-options.ts';

interface Leading {
  readonly fencingToken: number;
  readonly version: number;
  /** Our monotonic clock when the last successful renew was sent (not answered: the safe side). */
  readonly renewedAt: number;
}

interface Observed {
  readonly version: number;
  /** Our monotonic clock when we first saw this version: expiry never trusts another replica's clock, nor our wall clock. */
  readonly since: number;
}

/**
 * Leader election on one DynamoDB item, taken and renewed by conditional writes (the scheme of
 * client-go's leaderelection). Another replica's lease counts as expired when its version has not
 * changed for `durationMs` by our own clock. The fencing token grows on every acquisition.
 * Leadership ends locally when no renew succeeded for `renewDeadlineMs`, whether or not DynamoDB
 * can be reached, which is before any other replica may take over (`durationMs` later).
 */
export class LeaseManager {
  readonly #options: ResolvedLeaseOptions;
  readonly #doc: DynamoDBDocumentClient;
  #leading: Leading | undefined;
  /** The token of our last acquisition, kept after leadership ends locally so release() can still free it. */
  #lastToken: number | undefined;
  #observed: Observed | undefined;
  #loop: { timer: NodeJS.Timeout | undefined } | undefined;
  #deadlineTimer: NodeJS.Timeout | undefined;

  constructor(options: LeaseManagerOptions) {
    this.#options = resolveLeaseOptions(options, systemClock);
    this.#doc = DynamoDBDocumentClient.from(options.client);
  }

  get holderId(): string {
    return this.#options.holderId;
  }

  isLeader(): boolean {
    this.#enforceRenewDeadline();
    return this.#leading !== undefined;
  }

  /** The token to put on every write while leading; undefined when not leading. */
  fencingToken(): number | undefined {
    this.#enforceRenewDeadline();
    return this.#leading?.fencingToken;
  }

  /** One attempt to take the lease or renew it; true when leading afterwards. */
  async tryAcquireOrRenew(): Promise<boolean> {
    this.#enforceRenewDeadline();
    const { clock, monotonic, holderId } = this.#options;
    // Deadlines on the monotonic clock; the wall clock only goes into the item, for people to read.
    const sentAt = monotonic.now();
    const wallNow = clock.now();
    const record = await this.#read();
    if (record === undefined) return this.#afterWrite(() => this.#create(wallNow), sentAt, 1, 1);

    const leading = this.#leading;
    if (leading !== undefined && record.holder === holderId && record.fencingToken === leading.fencingToken) {
      return this.#afterWrite(
        () => this.#renew(record, wallNow),
        sentAt,
        record.fencingToken,
        record.version + 1,
      );
    }
    if (leading !== undefined) this.#stopLeading(`the lease is now held by "${record.holder}"`);
    if (!this.#isFree(record, sentAt)) return false;
    const token = record.fencingToken + 1;
    return this.#afterWrite(() => this.#takeOver(record, token, wallNow), sentAt, token, record.version + 1);
  }

  /**
   * Reads the lease without trying to take it. Another holder's expiry is counted from the first
   * sight of its version, here as in tryAcquireOrRenew, so a replica that watches a lease it does
   * not want yet can take it as soon as it has expired once it does. Undefined when there is no
   * lease item.
   */
  async observe(): Promise<LeaseRecord | undefined> {
    const seenAt = this.#options.monotonic.now();
    const record = await this.#read();
    if (record !== undefined && record.holder !== '' && record.holder !== this.#options.holderId) {
      this.#watch(record, seenAt);
    }
    return record;
  }

  /**
   * Gives the lease up if the item still names us with our last token (even after leadership
   * ended locally at the renew deadline), so another replica takes over at once.
   */
  async release(): Promise<void> {
    this.stop();
    const token = this.#lastToken;
    if (token === undefined) return;
    this.#stopLeading('released');
    this.#lastToken = undefined;
    const { table, leaseName, holderId, clock } = this.#options;
    try {
      await this.#doc.send(
        new UpdateCommand({
          TableName: table,
          Key: leaseKey(leaseName),
          UpdateExpression: 'SET holder = :empty, version = version + :one, renewedAt = :now',
          ConditionExpression: 'holder = :me AND fencingToken = :token',
          ExpressionAttributeValues: {
            ':empty': '',
            ':one': 1,
            ':now': clock.now(),
            ':me': holderId,
            ':token': token,
          },
        }),
        this.#callOptions(),
      );
    } catch (error) {
      // Someone else holds it already: nothing to give up.
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  /** Runs tryAcquireOrRenew every `retryPeriodMs` until stop() or release(). */
  start(): void {
    if (this.#loop !== undefined) return;
    this.#loop = { timer: undefined };
    void this.#tick();
  }

  /** Stops the loop; leadership then ends at the renew deadline (and says so) unless release() is called. */
  stop(): void {
    if (this.#loop === undefined) return;
    clearTimeout(this.#loop.timer);
    this.#loop = undefined;
  }

  async #tick(): Promise<void> {
    try {
      await this.tryAcquireOrRenew();
    } catch (error) {
      this.#options.onError?.(error);
    }
    const loop = this.#loop;
    if (loop === undefined) return;
    loop.timer = setTimeout(() => void this.#tick(), this.#options.retryPeriodMs);
  }

  /**
   * Ends leadership on time even while a renew call hangs on an unreachable DynamoDB, or after
   * the loop was stopped. Unreferenced: it never keeps the process alive.
   */
  #armDeadlineTimer(leading: Leading): void {
    clearTimeout(this.#deadlineTimer);
    const left = leading.renewedAt + this.#options.renewDeadlineMs - this.#options.monotonic.now();
    this.#deadlineTimer = setTimeout(
      () => {
        this.#enforceRenewDeadline();
        // A timer may fire a fraction of a millisecond before the deadline: wait out the rest.
        if (this.#leading === leading) this.#armDeadlineTimer(leading);
      },
      Math.max(0, Math.ceil(left)),
    );
    this.#deadlineTimer.unref();
  }

  #enforceRenewDeadline(): void {
    const leading = this.#leading;
    if (leading === undefined) return;
    const silentFor = this.#options.monotonic.now() - leading.renewedAt;
    if (silentFor >= this.#options.renewDeadlineMs) {
      this.#stopLeading(
        `the lease was not renewed for ${silentFor} ms (renew deadline ${this.#options.renewDeadlineMs} ms)`,
      );
    }
  }

  #isFree(record: LeaseRecord, now: number): boolean {
    if (record.holder === '' || record.holder === this.#options.holderId) return true;
    return now - this.#watch(record, now).since >= this.#options.durationMs;
  }

  /** Starts the expiry count of another holder's version when it is new to us. */
  #watch(record: LeaseRecord, now: number): Observed {
    if (this.#observed?.version !== record.version) this.#observed = { version: record.version, since: now };
    return this.#observed;
  }

  async #afterWrite(
    write: () => Promise<void>,
    sentAt: number,
    fencingToken: number,
    version: number,
  ): Promise<boolean> {
    try {
      await write();
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) {
        if (this.#leading !== undefined) this.#stopLeading('another replica changed the lease first');
        return false;
      }
      throw error;
    }
    const wasLeading = this.#leading !== undefined;
    this.#leading = { fencingToken, version, renewedAt: sentAt };
    this.#lastToken = fencingToken;
    this.#observed = undefined;
    this.#armDeadlineTimer(this.#leading);
    if (!wasLeading) this.#options.onStartedLeading?.(fencingToken);
    // A renew answered after the deadline does not extend leadership.
    this.#enforceRenewDeadline();
    return this.#leading !== undefined;
  }

  /** A lease call never outlives the renew deadline, whatever the network does. */
  #callOptions(): { abortSignal: AbortSignal } {
    return { abortSignal: AbortSignal.timeout(this.#options.renewDeadlineMs) };
  }

  #stopLeading(reason: string): void {
    if (this.#leading === undefined) return;
    this.#leading = undefined;
    clearTimeout(this.#deadlineTimer);
    this.#options.onStoppedLeading?.(reason);
  }

  async #read(): Promise<LeaseRecord | undefined> {
    const { table, leaseName } = this.#options;
    const read = await this.#doc.send(
      new GetCommand({ TableName: table, Key: leaseKey(leaseName), ConsistentRead: true }),
      this.#callOptions(),
    );
    return parseLeaseRecord(read.Item);
  }

  async #create(now: number): Promise<void> {
    const { table, leaseName, holderId, durationMs } = this.#options;
    await this.#doc.send(
      new PutCommand({
        TableName: table,
        Item: {
          ...leaseKey(leaseName),
          holder: holderId,
          fencingToken: 1,
          version: 1,
          acquiredAt: now,
          renewedAt: now,
          durationMs,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
      this.#callOptions(),
    );
  }

  async #renew(record: LeaseRecord, now: number): Promise<void> {
    const { table, leaseName, holderId } = this.#options;
    await this.#doc.send(
      new UpdateCommand({
        TableName: table,
        Key: leaseKey(leaseName),
        UpdateExpression: 'SET version = :next, renewedAt = :now',
        ConditionExpression: 'version = :version AND holder = :me',
        ExpressionAttributeValues: {
          ':next': record.version + 1,
          ':now': now,
          ':version': record.version,
          ':me': holderId,
        },
      }),
      this.#callOptions(),
    );
  }

  async #takeOver(record: LeaseRecord, fencingToken: number, now: number): Promise<void> {
    const { table, leaseName, holderId, durationMs } = this.#options;
    await this.#doc.send(
      new UpdateCommand({
        TableName: table,
        Key: leaseKey(leaseName),
        UpdateExpression:
          'SET holder = :me, fencingToken = :token, version = :next, acquiredAt = :now, renewedAt = :now, durationMs = :duration',
        ConditionExpression: 'version = :version',
        ExpressionAttributeValues: {
          ':me': holderId,
          ':token': fencingToken,
          ':next': record.version + 1,
          ':now': now,
          ':duration': durationMs,
          ':version': record.version,
        },
      }),
      this.#callOptions(),
    );
  }
}
