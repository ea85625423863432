import { UpdateServiceCommand } from '@aws-sdk/client-ecs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type OperatorHarness, startOperatorHarness } from '../support/operator-harness.ts';

const files = (image: string, extra = '') => ({
  'cluster.yaml':
    'apiVersion: shipshape.dev/v1\nkind: Cluster\nmetadata: {name: ev, namespace: ev}\nspec: {}\n',
  'task.yaml': `apiVersion: shipshape.dev/v1
kind: TaskDefinition
metadata: {name: api, namespace: ev}
spec:
  networkMode: awsvpc
  requiresCompatibilities: [FARGATE]
  cpu: "256"
  memory: "512"
  containerDefinitions:
    - {name: api, image: "${image}"}
`,
  'service.yaml': `apiVersion: shipshape.dev/v1
kind: Service
metadata: {name: api, namespace: ev}
spec:
  clusterRef: ev
  taskDefinitionRef: api
  desiredCount: 2
  launchType: FARGATE
  networkConfiguration:
    awsvpcConfiguration: {subnets: [subnet-aaa], securityGroups: [sg-111]}
${extra}`,
});

vi.setConfig({ testTimeout: 120_000 });

let h: OperatorHarness;
beforeEach(async () => {
  h = await startOperatorHarness();
});
afterEach(async () => {
  await h.close();
});

const reasons = async () =>
  (await h.store.listEvents('Service/ev/api', 50)).map((e) => `${e.type} ${e.reason}: ${e.message}`);

describe('events on status transitions', () => {
  it('reports newly found drift once, also when it is only reported', async () => {
    h.revisions.set(files('api:1', '  selfHeal: false\n'));
    await h.converge();
    expect((await reasons()).some((e) => e.includes('DriftDetected'))).toBe(false);
    await h.aws.ecs.send(new UpdateServiceCommand({ cluster: 'ev', service: 'api', desiredCount: 4 }));
    await h.operator.scan();
    await h.drain();
    await h.operator.scan();
    await h.drain();
    const drifts = (await reasons()).filter((e) => e.includes('DriftDetected'));
    expect(drifts).toEqual(['Warning DriftDetected: differs from the manifest: desiredCount']);
  });

  it('reports a service turning Degraded, with why', async () => {
    await h.control.setImageBehaviour('api:crash', 'crash');
    h.revisions.set(files('api:crash'));
    await h.converge(4);
    for (let minute = 0; minute < 4; minute += 1) await h.wait(60_000);
    for (let look = 0; look < 2; look += 1) {
      await h.operator.resync({ spread: false });
      await h.drain();
    }
    const degraded = (await reasons()).filter((e) => e.startsWith('Warning Degraded'));
    expect(degraded).toHaveLength(1);
    expect(degraded[0]).toMatch(
      /^Warning Degraded: \d+ task\(s\) stopped in the last 10 min: Essential container/,
    );
  });
});
