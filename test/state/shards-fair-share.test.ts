import { describe, expect, it } from 'vitest';
import { assignShards } from '../../src/state/shards/fair-share.ts';
import { rendezvousWeight } from '../../src/state/shards/rendezvous.ts';

const names = (prefix: string, count: number) =>
  Array.from({ length: count }, (_, index) => `${prefix}${index}`);

function counts(assignment: ReadonlyMap<string, string>, replicas: readonly string[]): number[] {
  return replicas.map((replica) => [...assignment.values()].filter((owner) => owner === replica).length);
}

function moved(before: ReadonlyMap<string, string>, after: ReadonlyMap<string, string>): string[] {
  return [...after].filter(([shard, owner]) => before.get(shard) !== owner).map(([shard]) => shard);
}

const cases = names('', 21).flatMap((_, shards) =>
  names('', 6).map((__, index) => ({ shards, replicas: index + 1 })),
);

describe('assignShards', () => {
  it('gives each replica floor(M / N) or ceil(M / N) shards and every shard once (M 0-20, N 1-6)', () => {
    for (const size of cases) {
      const shards = names('target-', size.shards);
      const replicas = names('replica-', size.replicas);
      const assignment = assignShards({ shards, replicas, holders: new Map() });
      expect([...assignment.keys()].sort(), JSON.stringify(size)).toEqual([...shards].sort());
      for (const count of counts(assignment, replicas)) {
        expect(count, JSON.stringify(size)).toBeGreaterThanOrEqual(Math.floor(size.shards / size.replicas));
        expect(count, JSON.stringify(size)).toBeLessThanOrEqual(Math.ceil(size.shards / size.replicas));
      }
    }
  });

  it('moves only what a newcomer takes when a replica joins, and gives it its fair share', () => {
    for (const size of cases) {
      const shards = names('target-', size.shards);
      const replicas = names('replica-', size.replicas);
      const before = assignShards({ shards, replicas, holders: new Map() });
      const after = assignShards({ shards, replicas: [...replicas, 'newcomer'], holders: before });
      const taken = [...after].filter(([, owner]) => owner === 'newcomer').map(([shard]) => shard);
      expect(moved(before, after).sort(), JSON.stringify(size)).toEqual(taken.sort());
      expect(taken.length).toBeGreaterThanOrEqual(Math.floor(size.shards / (size.replicas + 1)));
      expect(taken.length).toBeLessThanOrEqual(Math.ceil(size.shards / (size.replicas + 1)));
    }
  });

  it('moves only what a leaver held when a replica leaves', () => {
    for (const size of cases.filter((each) => each.replicas > 1)) {
      const shards = names('target-', size.shards);
      const replicas = names('replica-', size.replicas);
      const before = assignShards({ shards, replicas, holders: new Map() });
      // The leaver's holdings stay in `holders`: it is not live, so they count for nothing.
      const after = assignShards({ shards, replicas: replicas.slice(1), holders: before });
      const orphans = [...before].filter(([, owner]) => owner === replicas[0]).map(([shard]) => shard);
      expect(moved(before, after).sort(), JSON.stringify(size)).toEqual(orphans.sort());
    }
  });

  it('answers alike whatever order the view lists things in', () => {
    const shards = names('target-', 9);
    const replicas = names('replica-', 4);
    const holders = new Map([
      ['target-1', 'replica-3'],
      ['target-2', 'replica-3'],
      ['target-3', 'replica-3'],
      ['target-4', 'gone'],
    ]);
    const one = assignShards({ shards, replicas, holders });
    const other = assignShards({ shards: [...shards].reverse(), replicas: [...replicas].reverse(), holders });
    expect([...other].sort()).toEqual([...one].sort());
    // replica-3 holds 3 of 9 over 4 (2 or 3 each): it keeps all three, and gets the one extra slot.
    expect(counts(one, ['replica-3'])).toEqual([3]);
    expect(['target-1', 'target-2', 'target-3'].map((shard) => one.get(shard))).toEqual([
      'replica-3',
      'replica-3',
      'replica-3',
    ]);
  });

  it('honours the heaviest (shard, replica) pair of all when every shard is free', () => {
    const shards = names('target-', 4);
    const replicas = names('replica-', 4);
    const assignment = assignShards({ shards, replicas, holders: new Map() });
    const [top] = shards
      .flatMap((shard) =>
        replicas.map((replica) => ({ shard, replica, weight: rendezvousWeight(shard, replica) })),
      )
      .sort((a, b) => b.weight - a.weight);
    expect(top).toBeDefined();
    expect(assignment.get(top?.shard ?? '')).toBe(top?.replica);
  });

  it('lets a replica over its share keep its heaviest shards', () => {
    const shards = names('target-', 6);
    const replicas = names('replica-', 3);
    const assignment = assignShards({
      shards,
      replicas,
      holders: new Map(shards.map((shard) => [shard, 'replica-0'])),
    });
    const heaviest = [...shards]
      .sort((a, b) => rendezvousWeight(b, 'replica-0') - rendezvousWeight(a, 'replica-0'))
      .slice(0, 2);
    expect(
      [...assignment]
        .filter(([, owner]) => owner === 'replica-0')
        .map(([shard]) => shard)
        .sort(),
    ).toEqual(heaviest.sort());
  });

  it('assigns nothing without shards, and everything to a lone replica', () => {
    expect(assignShards({ shards: [], replicas: ['r'], holders: new Map() }).size).toBe(0);
    const alone = assignShards({ shards: ['a', 'b', 'c'], replicas: ['r'], holders: new Map([['a', 'x']]) });
    expect([...alone.values()]).toEqual(['r', 'r', 'r']);
  });
});
