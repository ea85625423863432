import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DescribeLoadBalancersCommand, ModifyRuleCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { serviceDeployments, weightsOf } from '../emulator/ecs-rollouts-fixtures.ts';
import { type OperatorHarness, startOperatorHarness } from '../support/operator-harness.ts';
import { continues, gateCondition, until } from './rollout-gate-fixtures.ts';

vi.setConfig({ testTimeout: 300_000 });

const FOLDER = fileURLToPath(new URL('../../manifests/examples/farsight/', import.meta.url));
const API = 'Service/farsight/farsight-api-server';
const IMAGE = '123456789012.dkr.ecr.us-east-1.amazonaws.com/farsight-server';

/** The farsight example's files, the API's task definition on `tag` (the worker's stays on latest). */
function farsight(tag: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const name of readdirSync(FOLDER).filter((file) => file.endsWith('.yaml'))) {
    files[name] = readFileSync(join(FOLDER, name), 'utf8');
  }
  files['task-definitions.yaml'] = (files['task-definitions.yaml'] ?? '').replace(
    `${IMAGE}:latest`,
    `${IMAGE}:${tag}`,
  );
  return files;
}

let h: OperatorHarness;
beforeEach(async () => {
  h = await startOperatorHarness({}, { probeThroughEmulator: true });
});
afterEach(async () => {
  await h.close();
});

const latestApiDeployment = async () =>
  (await serviceDeployments(h.aws.ecs, 'farsight-api-server', 'farsight-cluster'))[0];

async function ruleArn(name: string): Promise<string> {
  const arn = (await h.store.getStatus(`ListenerRule/farsight/${name}`))?.awsIds.arn;
  if (arn === undefined) throw new Error(`no ARN recorded for ListenerRule/farsight/${name}`);
  return arn;
}

describe('the farsight example rolls its API blue/green behind a gate', () => {
  it('a new image passes the http check through the test listener and takes production traffic; the rules stay in sync', async () => {
    h.revisions.set(farsight('latest'));
    await h.converge(0);
    expect(await until(h, async () => (await latestApiDeployment())?.status === 'SUCCESSFUL')).toBe(true);
    await h.control.action('ecs', 'image-behaviour', { image: `${IMAGE}:v2`, httpBody: '{"status":"ok"}' });

    h.revisions.set(farsight('v2'));
    await h.operator.onRevision();
    expect(
      await until(h, async () => {
        const all = await serviceDeployments(h.aws.ecs, 'farsight-api-server', 'farsight-cluster');
        return all.length === 2 && all[0]?.status === 'SUCCESSFUL';
      }),
    ).toBe(true);
    const deployments = await serviceDeployments(h.aws.ecs, 'farsight-api-server', 'farsight-cluster');
    expect(deployments.map((deployment) => deployment.status)).toEqual(['SUCCESSFUL', 'SUCCESSFUL']);
    expect(continues(h)).toBe(1);

    const balancers = await h.aws.elbv2.send(new DescribeLoadBalancersCommand({ Names: ['farsight-alb'] }));
    const dns = balancers.LoadBalancers?.[0]?.DNSName;
    const gate = gateCondition(await h.store.getStatus(API));
    expect(gate?.reason).toBe('Continued');
    expect(gate?.message).toContain(`GET http://${dns}:8080/health answered 200 (3/3 good answers)`);

    // ECS moved both rules to the green target group; self-heal leaves them there.
    const green = (await h.store.getStatus('TargetGroup/farsight/farsight-api-tg-green'))?.awsIds.arn ?? '';
    const blue = (await h.store.getStatus('TargetGroup/farsight/farsight-api-tg'))?.awsIds.arn ?? '';
    const production = await ruleArn('farsight-api-production');
    expect(await weightsOf(h.aws.elbv2, production)).toEqual({ [green]: 100, [blue]: 0 });
    await h.wait(60_000);
    await h.drain();
    expect(await weightsOf(h.aws.elbv2, production)).toEqual({ [green]: 100, [blue]: 0 });
    const rule = await h.store.getStatus('ListenerRule/farsight/farsight-api-production');
    expect(rule?.sync, JSON.stringify(rule)).toBe('Synced');
    expect((await h.store.getStatus(API))?.sync).toBe('Synced');
  });

  it("leaves the weights of the rules the Service names to ECS, and reverts another rule's", async () => {
    // A third rule on the test listener that no Service names: its weights are Shipshape's to keep.
    const extra = `apiVersion: shipshape.dev/v1
kind: ListenerRule
metadata: {name: farsight-extra, namespace: farsight}
spec:
  listenerRef: farsight-test
  priority: 2
  conditions: [{field: path-pattern, pathPatternConfig: {values: ["/extra/*"]}}]
  actions:
    - type: forward
      forwardConfig:
        targetGroups:
          - {targetGroupRef: farsight-api-tg, weight: 100}
          - {targetGroupRef: farsight-api-tg-green, weight: 0}
`;
    h.revisions.set({ ...farsight('latest'), 'extra.yaml': extra });
    await h.converge();
    const green = (await h.store.getStatus('TargetGroup/farsight/farsight-api-tg-green'))?.awsIds.arn ?? '';
    const blue = (await h.store.getStatus('TargetGroup/farsight/farsight-api-tg'))?.awsIds.arn ?? '';
    const swapped = { [green]: 100, [blue]: 0 };
    // Both rules moved to green by hand, as a deployment would move the Service's.
    for (const name of ['farsight-api-production', 'farsight-extra']) {
      await h.aws.elbv2.send(
        new ModifyRuleCommand({
          RuleArn: await ruleArn(name),
          Actions: [
            {
              Type: 'forward',
              ForwardConfig: {
                TargetGroups: [
                  { TargetGroupArn: blue, Weight: 0 },
                  { TargetGroupArn: green, Weight: 100 },
                ],
              },
            },
          ],
        }),
      );
    }
    await h.operator.resync({ spread: false });
    await h.drain();
    expect(await weightsOf(h.aws.elbv2, await ruleArn('farsight-api-production'))).toEqual(swapped);
    expect(await weightsOf(h.aws.elbv2, await ruleArn('farsight-extra'))).toEqual({
      [green]: 0,
      [blue]: 100,
    });
    const production = await h.store.getStatus('ListenerRule/farsight/farsight-api-production');
    expect(production?.sync).toBe('Synced');
    // Shown, not reverted: the status still tells where production traffic goes.
    expect(production?.drift.map((entry) => entry.path)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^actions\[.*\]\.forwardConfig\.targetGroups\[.*\]\.weight$/),
      ]),
    );
  });
});
