import { ListServicesCommand } from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { RateLimiters } from '../../src/reconcile/index.ts';
import { type OperatorHarness, startOperatorHarness } from '../support/operator-harness.ts';

vi.setConfig({ testTimeout: 180_000 });

const SERVICES = 6;

function files(): Record<string, string> {
  const out: Record<string, string> = {
    'cluster.yaml':
      'apiVersion: shipshape.dev/v1\nkind: Cluster\nmetadata: {name: storm, namespace: storm}\nspec: {}\n',
    'task.yaml': `apiVersion: shipshape.dev/v1
kind: TaskDefinition
metadata: {name: app, namespace: storm}
spec:
  networkMode: awsvpc
  requiresCompatibilities: [FARGATE]
  cpu: "256"
  memory: "512"
  containerDefinitions: [{name: app, image: "app:1"}]
`,
  };
  for (let i = 0; i < SERVICES; i += 1) {
    out[`service-${i}.yaml`] = `apiVersion: shipshape.dev/v1
kind: Service
metadata: {name: svc-${i}, namespace: storm}
spec:
  clusterRef: storm
  taskDefinitionRef: app
  desiredCount: 1
  launchType: FARGATE
  networkConfiguration: {awsvpcConfiguration: {subnets: [subnet-aaa], securityGroups: [sg-111]}}
`;
  }
  return out;
}

let h: OperatorHarness & { readonly limiters?: RateLimiters };
beforeAll(async () => {
  // The SDK's standard retries (3 attempts) as in production, under the loop's own rate limits.
  h = await startOperatorHarness({}, { rateLimited: true, maxAttempts: 3 });
});
afterAll(async () => {
  await h.close();
});

describe('a throttling storm', () => {
  it('slows the loop down, and it still converges exactly', async () => {
    await h.control.setThrottling(true);
    await h.control.seedFaults(7);
    await h.control.addFault({ action: 'ecs:*', throttleRate: 0.15 });
    h.revisions.set(files());
    await h.converge(30);
    // Converged while the storm still blows.
    const during = await h.store.listStatuses();
    expect(during.filter((s) => s.sync === 'Synced')).toHaveLength(SERVICES + 2);
    // Every DescribeServices refused: the service-read bucket halves its rate (throttles within 1 s count once).
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    await h.control.addFault({ action: 'ecs:DescribeServices', throttleRate: 1 });
    await h.operator.scan();
    const bucket = h.limiters?.bucket('ecs:service-read');
    expect(bucket?.rate).toBeLessThan(bucket?.configuredRate ?? 0);
    await h.control.clearFaults();
    await h.converge(3);

    const counts = h.aws.stats.snapshot();
    const throttled = Object.values(counts).reduce((sum, c) => sum + c.throttled, 0);
    expect(throttled).toBeGreaterThan(0);
    const statuses = await h.store.listStatuses();
    expect(statuses).toHaveLength(SERVICES + 2);
    expect(statuses.every((s) => s.sync === 'Synced')).toBe(true);
    const listed = await h.aws.ecs.send(new ListServicesCommand({ cluster: 'storm', maxResults: 100 }));
    expect(listed.serviceArns).toHaveLength(SERVICES);
    // A create retried after a throttled answer repeats its client token: the same service, never a second one.
    expect(counts['ecs:CreateService']?.ok ?? 0).toBeGreaterThanOrEqual(SERVICES);
  });
});
