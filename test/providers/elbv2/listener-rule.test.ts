import {
  CreateRuleCommand,
  DescribeListenersCommand,
  DescribeLoadBalancersCommand,
  DescribeRulesCommand,
  DescribeTargetGroupsCommand,
  ModifyRuleCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { LoadedManifest } from '../../../src/manifest/manifest.ts';
import { type ProviderHarness, startProviderHarness } from '../../support/provider-harness.ts';

const BASE = `
apiVersion: shipshape.dev/v1
kind: LoadBalancer
metadata: {name: web-alb}
spec:
  subnets: [subnet-0a2b3c4d5e6f70001, subnet-0a2b3c4d5e6f70002]
---
apiVersion: shipshape.dev/v1
kind: TargetGroup
metadata: {name: app}
spec: {protocol: HTTP, port: 80, vpcId: vpc-0a2b3c4d5e6f70021, targetType: ip}
---
apiVersion: shipshape.dev/v1
kind: TargetGroup
metadata: {name: api}
spec: {protocol: HTTP, port: 8000, vpcId: vpc-0a2b3c4d5e6f70021, targetType: ip}
---
apiVersion: shipshape.dev/v1
kind: Listener
metadata: {name: http}
spec:
  loadBalancerRef: web-alb
  protocol: HTTP
  port: 80
  defaultActions: [{type: forward, targetGroupRef: app}]
`;

const rule = (priority = 100) => `
---
apiVersion: shipshape.dev/v1
kind: ListenerRule
metadata: {name: api}
spec:
  listenerRef: http
  priority: ${priority}
  conditions:
    - {field: path-pattern, values: ["/api/*"]}
    - {field: host-header, hostHeaderConfig: {values: [api.example.com]}}
    - {field: http-header, httpHeaderConfig: {httpHeaderName: X-Env, values: [prod]}}
  actions: [{type: forward, targetGroupRef: api}]
  tags: {team: payments}
`;

const IDENTITY = 'ListenerRule/default/api';

let h: ProviderHarness;
beforeAll(async () => {
  h = await startProviderHarness();
});
afterAll(async () => {
  await h.close();
});
beforeEach(async () => {
  await h.control.reset();
});

async function listenerArn(): Promise<string> {
  const lb = await h.aws.elbv2.send(new DescribeLoadBalancersCommand({ Names: ['web-alb'] }));
  const listeners = await h.aws.elbv2.send(
    new DescribeListenersCommand({ LoadBalancerArn: lb.LoadBalancers?.[0]?.LoadBalancerArn }),
  );
  return listeners.Listeners?.[0]?.ListenerArn ?? '';
}

async function rules() {
  const answer = await h.aws.elbv2.send(new DescribeRulesCommand({ ListenerArn: await listenerArn() }));
  return (answer.Rules ?? []).filter((candidate) => candidate.IsDefault !== true);
}

async function applied(yaml: string) {
  const manifests = h.load({ 'stack.yaml': yaml });
  expect(await h.apply(manifests)).toMatchObject({ converged: true, failures: [] });
  return manifests;
}

async function driftOf(manifests: LoadedManifest[]) {
  const change = (await h.plan(manifests)).changes.find((candidate) => candidate.identity === IDENTITY);
  return change === undefined
    ? undefined
    : 'drift' in change
      ? { action: change.action, drift: change.drift }
      : { action: change.action };
}

describe('ListenerRule provider', () => {
  it('creates the rule, and compares conditions in the form each is declared (Values or *Config.Values)', async () => {
    const manifests = await applied(BASE + rule());
    const [created] = await rules();
    const pathCondition = created?.Conditions?.find((condition) => condition.Field === 'path-pattern');
    expect(pathCondition).toMatchObject({ Values: ['/api/*'], PathPatternConfig: { Values: ['/api/*'] } });
    expect(await driftOf(manifests)).toEqual({ action: 'noop', drift: [] });
  });

  it('reports conditions changed by hand in the declared form and puts them back', async () => {
    const manifests = await applied(BASE + rule());
    const [created] = await rules();
    await h.aws.elbv2.send(
      new ModifyRuleCommand({
        RuleArn: created?.RuleArn,
        Conditions: [
          { Field: 'path-pattern', PathPatternConfig: { Values: ['/v2/*'] } },
          { Field: 'host-header', Values: ['api.example.com'] },
          { Field: 'http-header', HttpHeaderConfig: { HttpHeaderName: 'X-Env', Values: ['prod'] } },
        ],
      }),
    );
    expect(await driftOf(manifests)).toEqual({
      action: 'update',
      drift: [{ path: 'conditions[field=path-pattern].values[0]', desired: '/api/*', actual: '/v2/*' }],
    });
    expect((await h.apply(manifests)).converged).toBe(true);
    expect(await driftOf(manifests)).toEqual({ action: 'noop', drift: [] });
  });

  it('reports an action changed by hand and puts it back', async () => {
    const manifests = await applied(BASE + rule());
    const [created] = await rules();
    await h.aws.elbv2.send(
      new ModifyRuleCommand({
        RuleArn: created?.RuleArn,
        Actions: [{ Type: 'fixed-response', FixedResponseConfig: { StatusCode: '503' } }],
      }),
    );
    const api = (await h.aws.elbv2.send(new DescribeTargetGroupsCommand({ Names: ['api'] })))
      .TargetGroups?.[0]?.TargetGroupArn;
    expect(await driftOf(manifests)).toEqual({
      action: 'update',
      drift: [
        { path: 'actions[order=1].fixedResponseConfig', desired: undefined, actual: { statusCode: '503' } },
        { path: 'actions[order=1].targetGroupArn', desired: api, actual: undefined },
        { path: 'actions[order=1].type', desired: 'forward', actual: 'fixed-response' },
      ],
    });
    expect((await h.apply(manifests)).converged).toBe(true);
    expect((await rules())[0]?.Actions?.[0]?.TargetGroupArn).toBe(api);
  });

  it('sends every action its Order (position + 1) when the manifest gives none, and then plans no change', async () => {
    const secure = BASE.replace(
      '  protocol: HTTP\n  port: 80\n',
      '  protocol: HTTPS\n  port: 443\n  certificates: [{certificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b"}]\n',
    );
    expect(secure).not.toBe(BASE);
    const actions = (statusCode: string) => `
  actions:
    - type: authenticate-cognito
      authenticateCognitoConfig:
        userPoolArn: arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_AbCdEfGhI
        userPoolClientId: 1example23456789
        userPoolDomain: auth-example
    - {type: fixed-response, fixedResponseConfig: {statusCode: "${statusCode}"}}`;
    const twoActions = (statusCode: string) =>
      secure + rule().replace('  actions: [{type: forward, targetGroupRef: api}]', actions(statusCode));
    expect(twoActions('200')).toContain('authenticate-cognito');
    const manifests = await applied(twoActions('200'));
    expect((await rules())[0]?.Actions?.map((action) => [action.Type, action.Order])).toEqual([
      ['authenticate-cognito', 1],
      ['fixed-response', 2],
    ]);
    expect(await driftOf(manifests)).toEqual({ action: 'noop', drift: [] });
    // A change in the manifest goes out as ModifyRule, every action with its Order.
    const changed = await applied(twoActions('204'));
    expect((await rules())[0]?.Actions?.[1]?.FixedResponseConfig?.StatusCode).toBe('204');
    expect(await driftOf(changed)).toEqual({ action: 'noop', drift: [] });
  });

  it('moves its rule to a new priority instead of making another', async () => {
    await applied(BASE + rule(100));
    const [before] = await rules();
    const moved = h.load({ 'stack.yaml': BASE + rule(20) });
    expect(await driftOf(moved)).toEqual({
      action: 'update',
      drift: [{ path: 'priority', desired: 20, actual: 100 }],
    });
    expect((await h.apply(moved)).converged).toBe(true);
    expect((await rules()).map((found) => [found.RuleArn, found.Priority])).toEqual([
      [before?.RuleArn, '20'],
    ]);
  });

  it('never touches a rule at its priority that it does not own', async () => {
    await applied(BASE);
    await h.aws.elbv2.send(
      new CreateRuleCommand({
        ListenerArn: await listenerArn(),
        Priority: 100,
        Conditions: [{ Field: 'path-pattern', Values: ['/other/*'] }],
        Actions: [{ Type: 'fixed-response', FixedResponseConfig: { StatusCode: '404' } }],
      }),
    );
    const manifests = h.load({ 'stack.yaml': BASE + rule() });
    expect(await driftOf(manifests)).toEqual({ action: 'conflict' });
    expect((await h.apply(manifests)).converged).toBe(false);
    expect((await rules())[0]?.Conditions?.[0]?.Values).toEqual(['/other/*']);
  });

  it('prunes the rule when its manifest leaves, before the target group it forwards to', async () => {
    await applied(BASE + rule());
    const manifests = h
      .load({ 'stack.yaml': BASE })
      .filter((manifest) => manifest.identity !== 'TargetGroup/default/api');
    const pruning = await h.plan(manifests, true);
    expect(
      pruning.changes.filter((change) => change.action === 'delete').map((change) => change.identity),
    ).toEqual([IDENTITY, 'TargetGroup/default/api']);
    expect(await h.apply(manifests, true)).toMatchObject({ converged: true, failures: [] });
    expect(await rules()).toEqual([]);
  });
});
