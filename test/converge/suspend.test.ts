import { ListTasksCommand, UpdateServiceCommand } from '@aws-sdk/client-ecs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type OperatorHarness, startOperatorHarness } from '../support/operator-harness.ts';

vi.setConfig({ testTimeout: 120_000 });

const doc = (kind: string, name: string, spec: string) =>
  `apiVersion: shipshape.dev/v1\nkind: ${kind}\nmetadata: {name: ${name}, namespace: susp}\nspec:\n${spec}\n`;
const cluster = doc('Cluster', 'shop', '  tags: {team: shop}');
const task = doc(
  'TaskDefinition',
  'api',
  '  networkMode: awsvpc\n  requiresCompatibilities: [FARGATE]\n  cpu: "256"\n  memory: "512"\n  containerDefinitions: [{name: api, image: "api:1"}]',
);
const service = (extra = '') =>
  doc(
    'Service',
    'api',
    `  clusterRef: shop\n  taskDefinitionRef: api\n  desiredCount: 2\n  launchType: FARGATE\n  networkConfiguration: {awsvpcConfiguration: {subnets: [subnet-aaa], securityGroups: [sg-111]}}\n${extra}`,
  );

const writes = (h: OperatorHarness) => h.aws.stats.total((_, op) => !/^(Describe|List|Get)/.test(op));

describe('suspend', () => {
  let h: OperatorHarness;
  afterEach(async () => {
    await h.close();
  });

  describe('of one resource', () => {
    beforeEach(async () => {
      h = await startOperatorHarness();
    });

    it('observes and reports it, and never writes it: not created, a hand edit not reverted', async () => {
      h.revisions.set({ 'c.yaml': cluster, 't.yaml': task, 's.yaml': service('  suspend: true\n') });
      await h.converge(3);
      expect(await h.store.getStatus('Service/susp/api')).toMatchObject({
        sync: 'OutOfSync',
        health: 'Suspended',
      });
      expect(h.aws.stats.total((_, op) => op === 'CreateService')).toBe(0);
      // Resumed, it is created; suspended again, a hand edit stays.
      h.revisions.set({ 'c.yaml': cluster, 't.yaml': task, 's.yaml': service() });
      await h.converge();
      expect((await h.store.getStatus('Service/susp/api'))?.sync).toBe('Synced');
      h.revisions.set({ 'c.yaml': cluster, 't.yaml': task, 's.yaml': service('  suspend: true\n') });
      await h.converge();
      await h.aws.ecs.send(new UpdateServiceCommand({ cluster: 'shop', service: 'api', desiredCount: 5 }));
      const before = writes(h);
      await h.operator.scan();
      await h.drain();
      expect(await h.store.getStatus('Service/susp/api')).toMatchObject({
        sync: 'OutOfSync',
        health: 'Suspended',
        drift: [{ path: 'desiredCount', desired: 2, actual: 5 }],
      });
      expect(writes(h)).toBe(before);
    });
  });

  describe('through the API (the operator item keeps it)', () => {
    beforeEach(async () => {
      h = await startOperatorHarness();
    });

    it('suspends one resource: a hand edit stays until it is resumed, and a new leader keeps it', async () => {
      expect(await h.operator.suspend('*', true)).toEqual({ done: false, reason: 'not-leading' });
      h.revisions.set({ 'c.yaml': cluster, 't.yaml': task, 's.yaml': service() });
      await h.converge();
      expect(await h.operator.suspend('Service/susp/api', true)).toEqual({ done: true, changed: true });
      expect(await h.operator.suspend('Service/susp/api', true)).toEqual({ done: true, changed: false });
      expect(await h.operator.suspend('Service/susp/nope', true)).toEqual({ done: false, reason: 'unknown' });
      await h.drain();
      expect((await h.store.getOperator()).suspended).toEqual(['Service/susp/api']);
      expect((await h.store.listEvents('Service/susp/api', 5)).map((e) => e.reason)).toContain('Suspended');

      await h.aws.ecs.send(new UpdateServiceCommand({ cluster: 'shop', service: 'api', desiredCount: 5 }));
      const before = writes(h);
      await h.operator.scan();
      await h.drain();
      expect(await h.store.getStatus('Service/susp/api')).toMatchObject({
        health: 'Suspended',
        drift: [{ path: 'desiredCount', desired: 2, actual: 5 }],
      });
      expect(writes(h)).toBe(before);

      // A new leader reads the list from the operator item, and resumes it when asked.
      const next = await h.successor();
      await next.drain();
      expect(next.operator.leading).toBe(true);
      expect((await h.store.getStatus('Service/susp/api'))?.health).toBe('Suspended');
      expect(writes(h)).toBe(before);

      expect(await next.operator.suspend('Service/susp/api', false)).toEqual({ done: true, changed: true });
      await next.drain();
      expect(await h.store.getStatus('Service/susp/api')).toMatchObject({ sync: 'Synced', drift: [] });
      expect(writes(h)).toBeGreaterThan(before);
      expect((await h.store.getOperator()).suspended).toEqual([]);
    });

    it('suspends every resource at once with *', async () => {
      h.revisions.set({ 'c.yaml': cluster, 't.yaml': task, 's.yaml': service() });
      await h.converge();
      expect(await h.operator.suspend('*', true)).toEqual({ done: true, changed: true });
      await h.aws.ecs.send(new UpdateServiceCommand({ cluster: 'shop', service: 'api', desiredCount: 5 }));
      const before = writes(h);
      await h.operator.scan();
      await h.drain();
      expect((await h.store.getStatus('Service/susp/api'))?.health).toBe('Suspended');
      expect(writes(h)).toBe(before);
      expect((await h.store.listEvents('operator', 5)).map((e) => e.message)).toContain(
        'every resource suspended through the API: observed, never written',
      );
    });
  });

  describe('of the whole operator', () => {
    beforeEach(async () => {
      h = await startOperatorHarness({ suspend: true });
    });

    it('writes nothing to AWS, creates and deletes included, and reports every resource', async () => {
      h.revisions.set({ 'c.yaml': cluster, 't.yaml': task, 's.yaml': service() });
      await h.converge(3);
      expect(writes(h)).toBe(0);
      const statuses = await h.store.listStatuses();
      expect(statuses.map((s) => [s.identity, s.health]).sort()).toEqual([
        ['Cluster/susp/shop', 'Suspended'],
        ['Service/susp/api', 'Suspended'],
        ['TaskDefinition/susp/api', 'Suspended'],
      ]);
    });
  });

  it('a stopped task, seen by the drift scan, queues its service', async () => {
    h = await startOperatorHarness();
    h.revisions.set({ 'c.yaml': cluster, 't.yaml': task, 's.yaml': service() });
    await h.converge();
    const tasks = await h.aws.ecs.send(new ListTasksCommand({ cluster: 'shop', serviceName: 'api' }));
    const before = h.reconciled.length;
    await h.control.action('ecs', 'stop-task', {
      cluster: 'shop',
      task: tasks.taskArns?.[0],
      reason: 'OutOfMemoryError',
    });
    await h.operator.scan();
    await h.drain();
    expect(h.reconciled.slice(before)[0]).toBe('Service/susp/api');
  });
});
