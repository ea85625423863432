import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { LeaseManager } from '../lease.ts';
import { assignShards } from './fair-share.ts';
import { deleteHeartbeat, type HeartbeatTable, readHeartbeats, writeHeartbeat } from './heartbeats.ts';
import { type ResolvedShardOptions, resolveShardOptions, type ShardCoordinatorOptions } from './options.ts';
import { compareText } from './rendezvous.ts';
import { ReplicaLiveness } from './replica-liveness.ts';
import { shardLeaseName } from './shard-keys.ts';

export type { ShardCoordinatorOptions } from './options.ts';

/** What one round saw: the shards, the live replicas and who holds what. */
interface View {
  readonly shards: readonly string[];
  readonly replicas: readonly string[];
  readonly holders: ReadonlyMap<string, string>;
}

/**
 * Shares named shards between replicas, one DynamoDB lease (and fencing token) per shard. Every
 * round (each `retryPeriodMs`) a replica writes its heartbeat, reads the others', looks at every
 * shard's lease, and works out the fair share (fair-share.ts) that every replica with the same
 * view works out alike: it takes or renews its own shards and releases the ones that are now
 * another's, so that one takes them at once. A dead replica's shards are taken when its
 * heartbeat and leases have run out. Safety is the leases': a shard has at most one holder that
 * believes it holds it, and a deposed holder's writes are fenced out.
 */
export class ShardCoordinator {
  readonly #options: ResolvedShardOptions;
  readonly #callbacks: Pick<ShardCoordinatorOptions, 'onAcquired' | 'onLost' | 'onError'>;
  readonly #heartbeats: HeartbeatTable;
  readonly #liveness: ReplicaLiveness;
  readonly #leases = new Map<string, LeaseManager>();
  /** Why a shard is being released, for its onLost. */
  readonly #releasing = new Map<string, string>();
  #live: readonly string[] = [];
  #round: Promise<void> | undefined;
  #timer: NodeJS.Timeout | undefined;
  #state: 'idle' | 'running' | 'stopped' = 'idle';

  constructor(options: ShardCoordinatorOptions) {
    this.#options = resolveShardOptions(options);
    this.#callbacks = options;
    this.#heartbeats = {
      doc: DynamoDBDocumentClient.from(options.client),
      table: options.table,
      callTimeoutMs: this.#options.renewDeadlineMs,
    };
    this.#liveness = new ReplicaLiveness(this.#options.durationMs);
  }

  get replicaId(): string {
    return this.#options.replicaId;
  }

  /** True while this replica holds the shard's lease (renewed within the renew deadline). */
  holds(shard: string): boolean {
    return this.#leases.get(shard)?.isLeader() ?? false;
  }

  /** The token for the shard's fenced writes (a StateStore with `leaseName: shard:<name>`); undefined when not held. */
  fencingToken(shard: string): number | undefined {
    return this.#leases.get(shard)?.fencingToken();
  }

  /** The shards held now, sorted. */
  held(): string[] {
    return [...this.#leases]
      .filter(([, lease]) => lease.isLeader())
      .map(([shard]) => shard)
      .sort(compareText);
  }

  /** The live replicas as the last complete round saw them, this one included, sorted. */
  liveReplicas(): readonly string[] {
    return this.#live;
  }

  /** One round; never throws (failures go to onError). Rounds never overlap; none after stop(). */
  tick(): Promise<void> {
    if (this.#state === 'stopped') return Promise.resolve();
    this.#round ??= this.#runRound()
      .catch((error: unknown) => this.#callbacks.onError?.(error))
      .finally(() => {
        this.#round = undefined;
      });
    return this.#round;
  }

  /** Runs a round every `retryPeriodMs` until stop() or abandon(). */
  start(): void {
    if (this.#state !== 'idle') return;
    this.#state = 'running';
    void this.#loop();
  }

  /** Ends the rounds, releases every shard and removes the heartbeat, so the others take over at once. */
  async stop(): Promise<void> {
    this.#halt();
    await this.#round;
    await this.#settle([...this.#leases.keys()].map((shard) => this.#release(shard, 'stopping')));
    await this.#settle([deleteHeartbeat(this.#heartbeats, this.replicaId)]);
  }

  /**
   * Ends the rounds without releasing anything, as a crash would: the leases end here at their
   * renew deadline and the others take the shards once they have expired.
   */
  abandon(): void {
    this.#halt();
  }

  #halt(): void {
    this.#state = 'stopped';
    clearTimeout(this.#timer);
  }

  async #loop(): Promise<void> {
    await this.tick();
    if (this.#state !== 'running') return;
    this.#timer = setTimeout(() => void this.#loop(), this.#options.retryPeriodMs);
  }

  async #runRound(): Promise<void> {
    const view = await this.#look().catch((error: unknown) => {
      this.#callbacks.onError?.(error);
      return undefined;
    });
    // Without a full view, keep what is held and change nothing else.
    if (view === undefined) {
      await this.#settle(
        [...this.#leases.values()]
          .filter((lease) => lease.isLeader())
          .map((lease) => lease.tryAcquireOrRenew()),
      );
      return;
    }
    this.#live = view.replicas;
    const assignment = assignShards(view);
    const me = this.replicaId;
    await this.#settle(
      view.shards.map((shard) => {
        const owner = assignment.get(shard);
        if (owner === me) return this.#lease(shard).tryAcquireOrRenew();
        const mine = this.holds(shard) || view.holders.get(shard) === me;
        return mine ? this.#release(shard, `now ${owner ?? 'nobody'}'s share`) : Promise.resolve();
      }),
    );
  }

  async #look(): Promise<View> {
    const shards = wantedShards(this.#options.shards());
    const wanted = new Set(shards);
    await this.#settle(
      [...this.#leases.keys()]
        .filter((shard) => !wanted.has(shard))
        .map((shard) => this.#release(shard, 'no longer a shard').finally(() => this.#leases.delete(shard))),
    );

    const { clock, monotonic } = this.#options;
    const seenAt = monotonic.now();
    const wallNow = clock.now();
    await writeHeartbeat(this.#heartbeats, this.replicaId, wallNow).catch((error: unknown) =>
      this.#callbacks.onError?.(error),
    );
    const heartbeats = (await readHeartbeats(this.#heartbeats)).filter(
      // Items of replicas long gone that DynamoDB's TTL has not deleted yet.
      (heartbeat) => heartbeat.expiresAt * 1_000 > wallNow,
    );
    const replicas = new Set(this.#liveness.update(heartbeats, seenAt)).add(this.replicaId);

    const holders = new Map<string, string>();
    await Promise.all(
      shards.map(async (shard) => {
        const lease = this.#lease(shard);
        const holder = lease.isLeader() ? this.replicaId : (await lease.observe())?.holder;
        if (holder) holders.set(shard, holder);
      }),
    );
    return { shards, replicas: [...replicas].sort(compareText), holders };
  }

  #lease(shard: string): LeaseManager {
    let lease = this.#leases.get(shard);
    if (lease === undefined) {
      const { client, table, replicaId, durationMs, renewDeadlineMs, retryPeriodMs, clock, monotonic } =
        this.#options;
      lease = new LeaseManager({
        client,
        table,
        holderId: replicaId,
        leaseName: shardLeaseName(shard),
        durationMs,
        renewDeadlineMs,
        retryPeriodMs,
        clock,
        monotonic,
        onStartedLeading: (token) => this.#callbacks.onAcquired?.(shard, token),
        onStoppedLeading: (reason) => {
          const why = this.#releasing.get(shard);
          this.#callbacks.onLost?.(shard, why === undefined ? reason : `${reason}: ${why}`);
        },
      });
      this.#leases.set(shard, lease);
    }
    return lease;
  }

  /** onLost is told before the release is written, so the work stops before another replica can start. */
  async #release(shard: string, why: string): Promise<void> {
    const lease = this.#leases.get(shard);
    if (lease === undefined) return;
    this.#releasing.set(shard, why);
    const released = lease.release();
    this.#releasing.delete(shard);
    await released;
  }

  /** Waits for every call; each failure goes to onError. */
  async #settle(calls: readonly Promise<unknown>[]): Promise<void> {
    for (const result of await Promise.allSettled(calls)) {
      if (result.status === 'rejected') this.#callbacks.onError?.(result.reason);
    }
  }
}

/** The shard names of this round, each once; an empty or non-string name is a bug of the caller. */
function wantedShards(shards: readonly string[]): string[] {
  for (const shard of shards) {
    if (typeof shard !== 'string' || shard === '') {
      throw new TypeError(`Expected shard names to be non-empty strings, got ${JSON.stringify(shard)}`);
    }
  }
  return [...new Set(shards)].sort(compareText);
}
