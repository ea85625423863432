import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ShardCoordinator } from '../../src/state/shards/shard-coordinator.ts';
import { ManualClock } from './dynamo.ts';

/** Short enough to step through quickly; the duration a whole number of periods (docs/STATE.md). */
export const TIMINGS = { durationMs: 10_000, renewDeadlineMs: 6_000, retryPeriodMs: 2_000 } as const;

export interface ShardEvent {
  readonly shard: string;
  /** Fleet time (ms since the fleet began) of the round that saw it. */
  readonly at: number;
  readonly token?: number;
  readonly reason?: string;
}

/**
 * running: ticked every step; killed: never ticked again, its clock goes on (what it still
 * believes runs out at its renew deadline); paused: not ticked and its clock stands still.
 */
export type MemberState = 'running' | 'killed' | 'paused';

export interface Member {
  readonly id: string;
  readonly coordinator: ShardCoordinator;
  readonly clock: ManualClock;
  readonly acquired: ShardEvent[];
  readonly lost: ShardEvent[];
  readonly errors: unknown[];
  state: MemberState;
}

/**
 * Replicas sharing one table, each with its own manual clock, moved in lockstep one retry period
 * a step; within a step they tick one after another in the order they joined. After every single
 * tick `afterTick` runs (e.g. "no shard has two holders").
 */
export class Fleet {
  readonly members: Member[] = [];
  /** Milliseconds since the fleet began. */
  now = 0;
  afterTick: () => void = () => undefined;
  readonly table: string;
  readonly #client: DynamoDBClient;
  readonly #shards: () => readonly string[];

  constructor(client: DynamoDBClient, table: string, shards: () => readonly string[]) {
    this.#client = client;
    this.table = table;
    this.#shards = shards;
  }

  join(id: string): Member {
    const clock = new ManualClock(Date.parse('2026-11-28T12:00:00Z') + this.now);
    const acquired: ShardEvent[] = [];
    const lost: ShardEvent[] = [];
    const errors: unknown[] = [];
    const coordinator = new ShardCoordinator({
      client: this.#client,
      table: this.table,
      replicaId: id,
      shards: this.#shards,
      ...TIMINGS,
      clock,
      onAcquired: (shard, token) => acquired.push({ shard, token, at: this.now }),
      onLost: (shard, reason) => lost.push({ shard, reason, at: this.now }),
      onError: (error) => errors.push(error),
    });
    const member: Member = { id, coordinator, clock, acquired, lost, errors, state: 'running' };
    this.members.push(member);
    return member;
  }

  member(id: string): Member {
    const found = this.members.find((member) => member.id === id);
    if (found === undefined) throw new Error(`no member ${id}`);
    return found;
  }

  async step(): Promise<void> {
    this.now += TIMINGS.retryPeriodMs;
    for (const member of this.members) {
      if (member.state !== 'paused') member.clock.advance(TIMINGS.retryPeriodMs);
    }
    for (const member of this.members) {
      if (member.state !== 'running') continue;
      await member.coordinator.tick();
      this.afterTick();
    }
  }

  /** Steps until `done()`; throws after `maxSteps` steps without it. Returns the steps taken. */
  async stepUntil(done: () => boolean, maxSteps: number, what = 'the condition'): Promise<number> {
    for (let steps = 1; steps <= maxSteps; steps += 1) {
      await this.step();
      if (done()) return steps;
    }
    throw new Error(`${what} did not hold within ${maxSteps} steps: ${JSON.stringify(this.holdings())}`);
  }

  /** Who holds each shard, by each member's own belief. */
  holdersOf(shard: string): string[] {
    return this.members.filter((member) => member.coordinator.holds(shard)).map((member) => member.id);
  }

  /** Each member's held shards. */
  holdings(): Record<string, string[]> {
    return Object.fromEntries(this.members.map((member) => [member.id, member.coordinator.held()]));
  }

  /** Every shard held by exactly one member, and the members holding `counts` shards each, in order. */
  isShared(shards: readonly string[], counts: readonly number[]): boolean {
    return (
      shards.every((shard) => this.holdersOf(shard).length === 1) &&
      this.members.every((member, index) => member.coordinator.held().length === (counts[index] ?? 0))
    );
  }
}

export const sixShards = [
  'acct-1/eu-west-1',
  'acct-1/us-east-1',
  'acct-2/eu-west-1',
  'acct-2/us-east-1',
  'acct-3/eu-west-1',
  'acct-3/us-east-1',
];
