import {
  CreateServiceCommand,
  DescribeClustersCommand,
  RegisterTaskDefinitionCommand,
} from '@aws-sdk/client-ecs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PruneHold } from '../../src/converge/prune-guard.ts';
import { type OperatorHarness, startOperatorHarness } from '../support/operator-harness.ts';

vi.setConfig({ testTimeout: 120_000 });

describe('PruneHold', () => {
  const judge = (hold: PruneHold, revisionId: string, emptySource = false) =>
    hold.judge({ revisionId, owned: 4, deletions: 4, emptySource, share: 0.25 }).view;

  it('lets the named revision delete, and no other', () => {
    let now = 0;
    const hold = new PruneHold({ now: () => now, overrideMs: 60_000 });
    expect(judge(hold, 'sha256:a').held).toBe(true);
    expect(hold.allow({ revisionId: 'sha256:a', emptySource: false }, { named: 'sha256:b' })).toMatchObject({
      allowed: false,
      reason: expect.stringMatching(/the revision in force is sha256:a, not sha256:b/),
    });
    expect(hold.allow({ revisionId: 'sha256:a', emptySource: false }, {})).toMatchObject({ allowed: true });
    expect(judge(hold, 'sha256:a')).toMatchObject({ held: false, override: true });
    // Another revision: the override is gone, also if the first comes back.
    expect(judge(hold, 'sha256:c')).toMatchObject({ held: true, override: false });
    expect(judge(hold, 'sha256:a')).toMatchObject({ held: true, override: false });
    now += 1;
  });

  it('expires after its time', () => {
    let now = 1_000;
    const hold = new PruneHold({ now: () => now, overrideMs: 60_000 });
    hold.allow({ revisionId: 'sha256:a', emptySource: false }, {});
    now += 59_999;
    expect(judge(hold, 'sha256:a').held).toBe(false);
    now += 1;
    expect(judge(hold, 'sha256:a').held).toBe(true);
  });

  it('lets an empty source delete only with its own override', () => {
    const hold = new PruneHold({ now: () => 0, overrideMs: 60_000 });
    expect(hold.allow({ revisionId: 'sha256:empty', emptySource: true }, {})).toMatchObject({
      allowed: false,
      reason: expect.stringMatching(/needs its own override/),
    });
    expect(judge(hold, 'sha256:empty', true).held).toBe(true);
    expect(hold.allow({ revisionId: 'sha256:empty', emptySource: true }, { emptySource: true }).allowed).toBe(
      true,
    );
    expect(judge(hold, 'sha256:empty', true).held).toBe(false);
  });
});

const cluster = (name: string) =>
  `apiVersion: shipshape.dev/v1\nkind: Cluster\nmetadata: {name: ${name}, namespace: guard}\nspec: {}\n`;
const files = (...names: string[]) =>
  Object.fromEntries(names.map((name) => [`${name}.yaml`, cluster(name)]));

describe('the prune guard on the running operator', () => {
  let h: OperatorHarness;
  beforeEach(async () => {
    h = await startOperatorHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  const active = async (name: string) =>
    (await h.aws.ecs.send(new DescribeClustersCommand({ clusters: [name] }))).clusters?.[0]?.status ===
    'ACTIVE';

  it('an override for one revision does not let a later emptied source delete, though a delete is still stuck', async () => {
    h.revisions.set(files('a', 'b', 'c', 'd', 'stuck'));
    await h.converge();
    // A service Shipshape does not own keeps "stuck" from being deleted.
    const definition = await h.aws.ecs.send(
      new RegisterTaskDefinitionCommand({
        family: 'by-hand',
        containerDefinitions: [{ name: 'x', image: 'x:1', memory: 128 }],
      }),
    );
    await h.aws.ecs.send(
      new CreateServiceCommand({
        cluster: 'stuck',
        serviceName: 'by-hand',
        taskDefinition: definition.taskDefinition?.taskDefinitionArn,
        desiredCount: 0,
      }),
    );
    // Three of five removed: held back, then allowed for this revision.
    h.revisions.set(files('a', 'd'));
    await h.converge(2);
    expect((await h.store.getOperator()).pruneGuard).toMatchObject({ held: true, pendingDeletions: 3 });
    expect((await h.operator.allowPrune()).allowed).toBe(true);
    await h.converge();
    expect(await active('b')).toBe(false);
    expect(await active('c')).toBe(false);
    expect(await active('stuck')).toBe(true);
    expect((await h.store.getStatus('Cluster/guard/stuck'))?.lastError?.code).toBe('ForeignServicesError');
    // The bucket emptied: a new revision, an empty source; the override does not carry over.
    h.revisions.set({});
    await h.converge(2);
    const guard = (await h.store.getOperator()).pruneGuard;
    expect(guard).toMatchObject({ held: true, override: false });
    expect(guard.reason).toMatch(/source is empty/);
    expect(await active('a')).toBe(true);
    expect(await active('d')).toBe(true);
    // Even an override of this revision needs to say that the source is empty.
    expect(await h.operator.allowPrune()).toMatchObject({ allowed: false });
    expect((await h.operator.allowPrune({ emptySource: true })).allowed).toBe(true);
    await h.converge();
    expect(await active('a')).toBe(false);
  });
});
