import { rm } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { type LocalAws, startLocalAws } from '../src/local/aws.ts';
import { localClientConfig } from '../src/local/client-config.ts';
import { StateStore, shardLeaseName } from '../src/state/index.ts';
import { type Replica, replicaConfig, startReplica } from '../test/faults/replica-process.ts';
import { COLD_SHARE } from './cold-converge.ts';
import type { FleetShape } from './fleet.ts';
import type { BenchResult, Figure } from './results.ts';
import {
  accountOf,
  declareTargetRoles,
  oneTargetFloor,
  syncedOn,
  targetIds,
  writeTargetFleet,
} from './target-fleet.ts';
import { INSTANCE } from './world.ts';

/** The issue's goal: a replica's death costs at most its shards' lease on top of the 1.25x floor. */
const GOAL_RATIO = 1.25;
const REPLICAS = 3;
const TABLE = 'shipshape-bench-failover';
const LEASE = { leaseDurationSeconds: 6, leaseRenewDeadlineSeconds: 4, leaseRetrySeconds: 2 } as const;

type Holders = Record<string, string>;

interface Move {
  /** Seconds since the replicas were spawned. */
  readonly at: number;
  readonly shard: string;
  readonly from: string;
  readonly to: string;
}

interface Round {
  readonly targets: number;
  readonly services: number;
  readonly accounts: string[];
  /** From spawning the replicas to every resource Synced. */
  readonly seconds: number;
  /** From spawning to the last of the replicas printing `ready`. */
  readonly readySeconds: number;
  readonly killedAt: number;
  readonly killed: string;
  /** CreateService calls that had succeeded across accounts when the replica was killed. */
  readonly createsAtKill: number;
  readonly holdersAtKill: Holders;
  /** Seconds from the kill until no shard is held by the killed replica. */
  readonly takenAfter: number;
  readonly moves: Move[];
  /** Seconds from spawning to each account's last successful CreateService. */
  readonly lastCreate: Record<string, number>;
  readonly synced: number;
  readonly expected: number;
  readonly creates: Record<string, { ok: number; error: number; throttled: number }>;
  readonly throttled: Record<string, number>;
}

async function holdersOf(dynamo: DynamoDBClient, targets: readonly string[]): Promise<Holders> {
  const found: Holders = {};
  for (const target of targets) {
    const store = new StateStore({
      client: dynamo,
      table: TABLE,
      fenceMode: 'check-then-write',
      leaseName: shardLeaseName(target),
    });
    found[target] = (await store.getLease().catch(() => undefined))?.holder ?? '';
  }
  return found;
}

const createsOk = (local: LocalAws, accounts: readonly string[]) =>
  accounts.reduce(
    (sum, account) =>
      sum + (local.emulator.emulator.requests.snapshot(account)['ecs:CreateService']?.ok ?? 0),
    0,
  );

/** Three replica processes converging `targets` × `services`, one killed -9 about half-way. */
async function failoverOnce(targets: number, shape: FleetShape): Promise<Round> {
  const expected = targets * (shape.services + 2 * shape.clusters);
  const accounts = Array.from({ length: targets }, (_, t) => accountOf(t));
  const shards = targetIds(targets);
  const folder = await writeTargetFleet(targets, shape);
  const local = await startLocalAws({ clock: 'real', throttling: true });
  const dynamo = new DynamoDBClient(localClientConfig(local.endpoints.dynamodb, local.region));
  const replicas: Replica[] = [];
  try {
    await declareTargetRoles(local.endpoints.aws, targets);
    const token = String(replicaConfig(local, {}).apiToken);
    const started = performance.now();
    const since = () => (performance.now() - started) / 1000;
    replicas.push(
      ...(await Promise.all(
        Array.from({ length: REPLICAS }, (_, r) =>
          startReplica(local, {
            replicaId: `r${r + 1}`,
            source: folder,
            stateTable: TABLE,
            instance: INSTANCE,
            // As bench/targets-converge.ts: 8 workers per operator, token buckets at share 0.5,
            // the default poll, resync and drift-scan periods.
            workers: 8,
            rateShare: COLD_SHARE,
            pollSeconds: 10,
            resyncSeconds: 60,
            driftScanSeconds: 15,
            ...LEASE,
          }),
        ),
      )),
    );
    const readySeconds = since();
    const moves: Move[] = [];
    const lastCreate: Record<string, number> = {};
    let last: Holders = {};
    const track = async () => {
      const now = await holdersOf(dynamo, shards);
      for (const shard of shards) {
        const from = last[shard] ?? '';
        const to = now[shard] ?? '';
        if (from !== to) moves.push({ at: since(), shard, from, to });
      }
      last = now;
      for (const account of accounts) {
        const ok = local.emulator.emulator.requests.snapshot(account)['ecs:CreateService']?.ok ?? 0;
        if (lastCreate[account] === undefined && ok >= shape.services) lastCreate[account] = since();
      }
      return now;
    };

    // Half the services created: kill -9 the replica holding the most shards.
    const half = (targets * shape.services) / 2;
    const deadline = performance.now() + 15 * 60_000;
    let createsAtKill = 0;
    while (performance.now() < deadline) {
      await track();
      createsAtKill = createsOk(local, accounts);
      if (createsAtKill >= half) break;
      await sleep(250);
    }
    const holdersAtKill = await track();
    const held = (id: string) => Object.values(holdersAtKill).filter((holder) => holder === id).length;
    const victim = [...replicas].sort((a, b) => held(b.id) - held(a.id))[0];
    if (victim === undefined || held(victim.id) === 0)
      throw new Error('no replica holds a shard at half-way');
    const killedAt = since();
    await victim.kill('SIGKILL');
    const survivors = replicas.filter((replica) => replica !== victim);

    let takenAfter = Number.NaN;
    let synced = 0;
    while (performance.now() < deadline) {
      const now = await track();
      const bySurvivors = shards.every((shard) => survivors.some((replica) => replica.id === now[shard]));
      if (Number.isNaN(takenAfter) && bySurvivors) takenAfter = since() - killedAt;
      const counts = await Promise.all(survivors.map((replica) => syncedOn(replica.url, token)));
      synced = Math.max(...counts);
      if (synced >= expected) break;
      await sleep(250);
    }
    const seconds = since();
    const creates: Round['creates'] = {};
    const throttled: Record<string, number> = {};
    for (const account of accounts) {
      const counts = local.emulator.emulator.requests.snapshot(account);
      const c = counts['ecs:CreateService'];
      creates[account] = { ok: c?.ok ?? 0, error: c?.error ?? 0, throttled: c?.throttled ?? 0 };
      throttled[account] = Object.values(counts).reduce((sum, o) => sum + o.throttled, 0);
    }
    return {
      targets,
      services: shape.services,
      accounts,
      seconds,
      readySeconds,
      killedAt,
      killed: victim.id,
      createsAtKill,
      holdersAtKill,
      takenAfter,
      moves,
      lastCreate,
      synced,
      expected,
      creates,
      throttled,
    };
  } finally {
    for (const replica of replicas) await replica.kill('SIGKILL');
    dynamo.destroy();
    await local.close();
    await rm(folder, { recursive: true, force: true });
  }
}

const describeRound = (round: Round): string => {
  const creates = Object.values(round.creates).map((c) => c.ok + c.error);
  const throttles = Object.values(round.throttled).reduce((a, b) => a + b, 0);
  const moved = round.moves
    .filter((move) => move.from === round.killed)
    .map((move) => `${move.shard.replace('Target/platform/', '')} ${move.from}->${move.to || '-'}`);
  const shares = Object.entries(
    Object.values(round.holdersAtKill).reduce<Record<string, number>>((count, holder) => {
      count[holder || '-'] = (count[holder || '-'] ?? 0) + 1;
      return count;
    }, {}),
  )
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([holder, count]) => `${holder} ${count}`)
    .join(', ');
  const lastCreate = round.accounts.map((account) => {
    const at = round.lastCreate[account];
    return at === undefined ? '?' : at.toFixed(1);
  });
  return `replicas ready at ${round.readySeconds.toFixed(1)} s; ${round.killed} killed at ${round.killedAt.toFixed(1)} s (${round.createsAtKill} creates done, shards held ${shares}), its shards taken ${round.takenAfter.toFixed(1)} s later (${moved.join(', ')}); last CreateService per account at ${lastCreate.join('/')} s; synced ${round.synced}/${round.expected}, CreateService per account ${creates.join('/')}, throttled=${throttles}`;
};

/**
 * Issue 16: 3 replica processes share 5 Targets × N services (each Target a shard); the replica
 * holding the most shards is killed -9 once half the services exist. Time to every resource
 * Synced against one target's rate floor plus the lease duration.
 */
export async function targetsFailover(services: number, targets = 5): Promise<BenchResult> {
  const shape: FleetShape = { services, clusters: 10, namespaces: 4, withNetworking: false };
  const floor = oneTargetFloor(shape);
  const round = await failoverOnce(targets, shape);
  const lease = LEASE.leaseDurationSeconds;
  const exact = Object.values(round.creates).every((c) => c.ok === services && c.error === 0);
  const figures: Figure[] = [
    {
      id: `targets-failover.seconds-${targets}`,
      bench: 'targets-failover',
      figure: `${targets} targets x ${services} services, ${REPLICAS} replicas, one killed -9 half-way, to every resource Synced`,
      measured: round.seconds,
      unit: 's',
      reference: floor.seconds + lease,
      referenceLabel: `one target's floor (${floor.group} at share ${COLD_SHARE}, ${floor.seconds.toFixed(0)} s) + lease ${lease} s`,
      goal: {
        max: GOAL_RATIO * floor.seconds + lease,
        label: `<= ${GOAL_RATIO}x one target's floor + lease`,
      },
      note: describeRound(round),
    },
    {
      id: 'targets-failover.creates',
      bench: 'targets-failover',
      figure: `CreateService calls in ${targets} target accounts across the kill`,
      measured: Object.values(round.creates).reduce((a, c) => a + c.ok + c.error, 0),
      unit: 'calls',
      reference: targets * services,
      referenceLabel: 'one per service',
      goal: { min: targets * services, max: targets * services, label: 'exactly one per service' },
      note: `every account exactly ${services} ok, 0 errors: ${exact}`,
    },
  ];
  return { figures, details: { shape, floor, lease: LEASE, round } };
}
