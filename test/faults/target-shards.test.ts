import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type LocalAws, startLocalAws } from '../../src/local/aws.ts';
import { StateStore, shardLeaseName } from '../../src/state/index.ts';
import { controlPost } from '../emulator/accounts-fixtures.ts';
import { type Tools, toolsFor, waitFor } from './cluster-tools.ts';
import { type Replica, replicaConfig, startReplica } from './replica-process.ts';

vi.setConfig({ testTimeout: 240_000, hookTimeout: 60_000 });

const BUCKET = 'manifests';
const TABLE = 'shard-state';
const ACCOUNTS = { b: '222222222222', c: '333333333333', d: '444444444444' } as const;
const role = (account: string) => `arn:aws:iam::${account}:role/shipshape-target`;
const TARGETS = Object.keys(ACCOUNTS).map((name) => `Target/platform/${name}`);

const doc = (kind: string, namespace: string, name: string, spec: string) =>
  `apiVersion: shipshape.dev/v1\nkind: ${kind}\nmetadata: {name: ${name}, namespace: ${namespace}}\nspec:\n${spec}\n`;
const targets = Object.entries(ACCOUNTS)
  .map(([name, account]) =>
    doc(
      'Target',
      'platform',
      name,
      `  region: us-east-1\n  roleArn: ${role(account)}\n  namespaces: [shop-${name}]`,
    ),
  )
  .join('---\n');
const clusters = (name: string) =>
  Object.fromEntries(
    ['a', ...Object.keys(ACCOUNTS)].map((ns) => [
      `${name}-${ns}.yaml`,
      doc('Cluster', `shop-${ns}`, name, '  tags: {t: x}'),
    ]),
  );

let local: LocalAws;
let tools: Tools;
const replicas: Replica[] = [];

const start = (replicaId: string) =>
  startReplica(local, {
    replicaId,
    source: `s3://${BUCKET}/live/`,
    stateTable: TABLE,
    instance: 'shards',
    leaseDurationSeconds: 3,
    leaseRenewDeadlineSeconds: 2,
    leaseRetrySeconds: 1,
  });

async function holders(): Promise<Record<string, string>> {
  const found: Record<string, string> = {};
  for (const target of TARGETS) {
    const store = new StateStore({
      client: tools.dynamo,
      table: TABLE,
      fenceMode: 'check-then-write',
      leaseName: shardLeaseName(target),
    });
    found[target] = (await store.getLease())?.holder ?? '';
  }
  return found;
}

const allSynced = (name: string) => async () => {
  const store = tools.store(TABLE);
  for (const ns of ['a', ...Object.keys(ACCOUNTS)]) {
    if ((await store.getStatus(`Cluster/shop-${ns}/${name}`))?.sync !== 'Synced') return false;
  }
  return true;
};

/** CreateCluster calls ECS took in an account: one per cluster, or something was created twice. */
const creates = (account: string) =>
  local.emulator.emulator.requests.snapshot(account)['ecs:CreateCluster']?.ok ?? 0;

beforeAll(async () => {
  local = await startLocalAws({ clock: 'real', buckets: [BUCKET] });
  tools = toolsFor(local);
  for (const account of Object.values(ACCOUNTS))
    await controlPost(local.endpoints.aws, '/sts/roles', { roleArn: role(account) });
});
afterAll(async () => {
  for (const replica of replicas) await replica.kill('SIGKILL');
  tools?.close();
  await local?.close();
});

describe('targets as shards across replicas', () => {
  it('a replica alone holds every shard; a second one joining takes one; after a kill -9 the survivor takes them all and goes on', async () => {
    await tools.commit(BUCKET, 'live/', { 'targets.yaml': targets, ...clusters('first') });
    const heldBy = (held: Record<string, string>, id: string) =>
      Object.values(held).filter((holder) => holder === id).length;
    replicas.push(await start('r1'));
    await waitFor('r1 alone holding all three', async () => heldBy(await holders(), 'r1') === 3, 60_000);
    await waitFor('every namespace synced', allSynced('first'), 90_000);
    // A second replica joins: the shares become 2/1, one shard moving to it.
    replicas.push(await start('r2'));
    const shared = await waitFor(
      'fair shares of the three shards',
      async () => {
        const held = await holders();
        const counts = [heldBy(held, 'r1'), heldBy(held, 'r2')].sort();
        return counts[0] === 1 && counts[1] === 2 ? held : undefined;
      },
      60_000,
    );
    // The replica that joined has made no AWS call for the two shards it never held.
    const joiner = replicas.find((replica) => replica.id === 'r2');
    const joinerMetrics = joiner === undefined ? '' : await (await fetch(`${joiner.url}/metrics`)).text();
    const callsFor = (target: string) =>
      Number(
        new RegExp(
          `^shipshape_target_aws_calls_total\\{target="${target.replaceAll('/', '\\/')}"\\} (\\d+)`,
          'm',
        ).exec(joinerMetrics)?.[1] ?? 0,
      );
    const notHeld = TARGETS.filter((target) => shared[target] !== 'r2');
    const held = TARGETS.filter((target) => shared[target] === 'r2');
    expect(notHeld.map(callsFor)).toEqual([0, 0]);
    expect(held).toHaveLength(1);
    await waitFor('the joiner working on its shard', async () => {
      const text = await (await fetch(`${joiner?.url}/metrics`)).text();
      return new RegExp(
        `^shipshape_target_aws_calls_total\\{target="${held[0]?.replaceAll('/', '\\/')}"\\} [1-9]`,
        'm',
      ).test(text);
    });

    // Every replica answers for every shard: the default operator's leader, which never writes the
    // other replica's statuses, still serves a status written there.
    const leading = await Promise.all(replicas.map((replica) => replica.isLeader()));
    const leader = replicas[leading.indexOf(true)];
    const elsewhere = TARGETS.find((target) => shared[target] !== leader?.id) ?? '';
    const extraNamespace = `shop-${elsewhere.split('/')[2]}`;
    await tools.commit(BUCKET, 'live/', {
      'extra.yaml': doc('Cluster', extraNamespace, 'extra', '  tags: {t: x}'),
    });
    await waitFor(
      'the leader serving the status the other replica wrote',
      async () => {
        const answer = await fetch(`${leader?.url}/status/Cluster/${extraNamespace}/extra`, {
          headers: { authorization: `Bearer ${String(replicaConfig(local, {}).apiToken)}` },
        });
        return answer.ok && ((await answer.json()) as { sync?: string }).sync === 'Synced';
      },
      60_000,
    );

    // The replica holding two shards dies without a word.
    const victim = heldBy(shared, 'r1') === 2 ? 'r1' : 'r2';
    const survivor = victim === 'r1' ? 'r2' : 'r1';
    await replicas.find((replica) => replica.id === victim)?.kill('SIGKILL');
    const taken = await waitFor(
      'the survivor holding every shard',
      async () => {
        const held = await holders();
        return Object.values(held).every((holder) => holder === survivor) ? held : undefined;
      },
      60_000,
    );
    expect(Object.keys(taken)).toEqual(TARGETS);

    // Work goes on in every target, once per cluster: nothing created twice across the takeover.
    await tools.commit(BUCKET, 'live/', clusters('second'));
    await waitFor('every namespace synced again', allSynced('second'), 90_000);
    for (const [name, account] of Object.entries(ACCOUNTS))
      expect(creates(account)).toBe(extraNamespace === `shop-${name}` ? 3 : 2);
  });
});
