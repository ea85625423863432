import { readFileSync } from 'node:fs';
import {
  AddTagsCommand,
  CreateListenerCommand,
  DescribeListenersCommand,
  DescribeLoadBalancersCommand,
  DescribeTargetGroupsCommand,
  ModifyListenerCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { plan } from '../../../src/converge/plan.ts';
import { countByAction } from '../../../src/converge/plan-types.ts';
import type { LoadedManifest } from '../../../src/manifest/manifest.ts';
import { DEFAULT_SSL_POLICY } from '../../../src/providers/elbv2/listener.ts';
import { NotReadyError } from '../../../src/providers/types.ts';
import { type ProviderHarness, startProviderHarness } from '../../support/provider-harness.ts';

const EXAMPLE = readFileSync(
  new URL('../../../manifests/examples/runlayer/load-balancing.yaml', import.meta.url),
  'utf8',
);

const stack = (listenerSpec: string) => `
apiVersion: shipshape.dev/v1
kind: LoadBalancer
metadata: {name: web-alb}
spec:
  subnets: [subnet-0a2b3c4d5e6f70001, subnet-0a2b3c4d5e6f70002]
---
apiVersion: shipshape.dev/v1
kind: TargetGroup
metadata: {name: blue}
spec: {protocol: HTTP, port: 80, vpcId: vpc-0a2b3c4d5e6f70021, targetType: ip}
---
apiVersion: shipshape.dev/v1
kind: TargetGroup
metadata: {name: green}
spec: {protocol: HTTP, port: 80, vpcId: vpc-0a2b3c4d5e6f70021, targetType: ip}
---
apiVersion: shipshape.dev/v1
kind: Listener
metadata: {name: http}
spec:
  loadBalancerRef: web-alb
${listenerSpec}
`;

const FORWARD = `  protocol: HTTP
  port: 80
  defaultActions: [{type: forward, targetGroupRef: blue}]`;

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

async function arnOf(kind: 'lb' | 'tg', name: string): Promise<string> {
  if (kind === 'lb') {
    const answer = await h.aws.elbv2.send(new DescribeLoadBalancersCommand({ Names: [name] }));
    return answer.LoadBalancers?.[0]?.LoadBalancerArn ?? '';
  }
  const answer = await h.aws.elbv2.send(new DescribeTargetGroupsCommand({ Names: [name] }));
  return answer.TargetGroups?.[0]?.TargetGroupArn ?? '';
}

async function listenersOf(loadBalancerName: string) {
  const answer = await h.aws.elbv2.send(
    new DescribeListenersCommand({ LoadBalancerArn: await arnOf('lb', loadBalancerName) }),
  );
  return answer.Listeners ?? [];
}

async function applied(yaml: string) {
  const manifests = h.load({ 'stack.yaml': yaml });
  expect(await h.apply(manifests)).toMatchObject({ converged: true, failures: [] });
  return manifests;
}

async function driftOf(manifests: LoadedManifest[], identity: string) {
  const change = (await h.plan(manifests)).changes.find((candidate) => candidate.identity === identity);
  return change === undefined
    ? undefined
    : 'drift' in change
      ? { action: change.action, drift: change.drift }
      : { action: change.action };
}

describe('Listener provider', () => {
  it('applies the runlayer example (HTTPS forward, HTTP redirect, path rule) and then plans no change', async () => {
    const manifests = h.load({ 'load-balancing.yaml': EXAMPLE });
    expect(countByAction(await h.plan(manifests))).toMatchObject({ create: 6 });
    expect(await h.apply(manifests)).toMatchObject({ converged: true, failures: [] });
    const plan = await h.plan(manifests);
    expect(plan.changes.filter((change) => change.action !== 'noop' || change.drift.length > 0)).toEqual([]);
    const https = (await listenersOf('anysource-alb-production')).find((listener) => listener.Port === 443);
    expect(https?.SslPolicy).toBe('ELBSecurityPolicy-TLS13-1-2-2021-06');
  });

  it.each(['farsight', 'bssmagic'])(
    'applies the %s example load balancing and then plans no change',
    async (example) => {
      const files = Object.fromEntries(
        ['load-balancer.yaml', 'target-group.yaml', 'listener.yaml'].map((file) => [
          file,
          readFileSync(new URL(`../../../manifests/examples/${example}/${file}`, import.meta.url), 'utf8'),
        ]),
      );
      const manifests = h.load(files);
      expect(await h.apply(manifests)).toMatchObject({ converged: true, failures: [] });
      const plan = await h.plan(manifests);
      expect(
        plan.changes.map((change) => [change.identity, change.action, 'drift' in change ? change.drift : []]),
      ).toEqual(manifests.map((manifest) => [manifest.identity, 'noop', []]));
    },
  );

  it('takes a forward action back with both TargetGroupArn and ForwardConfig as the one form declared', async () => {
    const manifests = await applied(stack(FORWARD));
    const [listener] = await listenersOf('web-alb');
    expect(listener?.DefaultActions?.[0]).toMatchObject({
      TargetGroupArn: await arnOf('tg', 'blue'),
      ForwardConfig: {},
    });
    expect(await driftOf(manifests, 'Listener/default/http')).toEqual({ action: 'noop', drift: [] });
  });

  it('reports a default action changed by hand and puts it back', async () => {
    const manifests = await applied(stack(FORWARD));
    const [listener] = await listenersOf('web-alb');
    const blue = await arnOf('tg', 'blue');
    const green = await arnOf('tg', 'green');
    await h.aws.elbv2.send(
      new ModifyListenerCommand({
        ListenerArn: listener?.ListenerArn,
        DefaultActions: [{ Type: 'forward', TargetGroupArn: green }],
      }),
    );
    expect(await driftOf(manifests, 'Listener/default/http')).toEqual({
      action: 'update',
      drift: [{ path: 'defaultActions[order=1].targetGroupArn', desired: blue, actual: green }],
    });
    expect((await h.apply(manifests)).converged).toBe(true);
    expect((await listenersOf('web-alb'))[0]?.DefaultActions?.[0]?.TargetGroupArn).toBe(blue);
  });

  it('compares weighted forwards by target group and reports a weight changed by hand', async () => {
    const weighted = `  protocol: HTTP
  port: 80
  defaultActions:
    - type: forward
      forwardConfig:
        targetGroups: [{targetGroupRef: green, weight: 1}, {targetGroupRef: blue, weight: 3}]`;
    const manifests = await applied(stack(weighted));
    expect(await driftOf(manifests, 'Listener/default/http')).toEqual({ action: 'noop', drift: [] });
    const [listener] = await listenersOf('web-alb');
    const blue = await arnOf('tg', 'blue');
    const green = await arnOf('tg', 'green');
    await h.aws.elbv2.send(
      new ModifyListenerCommand({
        ListenerArn: listener?.ListenerArn,
        DefaultActions: [
          {
            Type: 'forward',
            ForwardConfig: {
              TargetGroups: [
                { TargetGroupArn: blue, Weight: 3 },
                { TargetGroupArn: green, Weight: 5 },
              ],
            },
          },
        ],
      }),
    );
    expect(await driftOf(manifests, 'Listener/default/http')).toEqual({
      action: 'update',
      drift: [
        {
          path: `defaultActions[order=1].forwardConfig.targetGroups[targetGroupArn=${green}].weight`,
          desired: 1,
          actual: 5,
        },
      ],
    });
    expect((await h.apply(manifests)).converged).toBe(true);
    expect(await driftOf(manifests, 'Listener/default/http')).toEqual({ action: 'noop', drift: [] });
  });

  it('reports a security policy changed by hand on a listener that leaves it to the default', async () => {
    const https = `  protocol: HTTPS
  port: 443
  certificates: [{certificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b"}]
  defaultActions: [{type: fixed-response, fixedResponseConfig: {statusCode: "404", contentType: text/plain}}]`;
    const manifests = await applied(stack(https));
    const [listener] = await listenersOf('web-alb');
    await h.aws.elbv2.send(
      new ModifyListenerCommand({
        ListenerArn: listener?.ListenerArn,
        SslPolicy: 'ELBSecurityPolicy-2016-08',
      }),
    );
    expect(await driftOf(manifests, 'Listener/default/http')).toEqual({
      action: 'update',
      drift: [{ path: 'sslPolicy', desired: DEFAULT_SSL_POLICY, actual: 'ELBSecurityPolicy-2016-08' }],
    });
    await h.apply(manifests);
    expect((await listenersOf('web-alb'))[0]?.SslPolicy).toBe(DEFAULT_SSL_POLICY);
  });

  it('applies an OIDC-authenticated HTTPS listener (AWS never returns the client secret) and then plans no change', async () => {
    const oidc = `  protocol: HTTPS
  port: 443
  certificates: [{certificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b"}]
  defaultActions:
    - type: authenticate-oidc
      order: 1
      authenticateOidcConfig:
        issuer: https://idp.example.com
        authorizationEndpoint: https://idp.example.com/authorize
        tokenEndpoint: https://idp.example.com/token
        userInfoEndpoint: https://idp.example.com/userinfo
        clientId: shipshape
        clientSecret: not-returned
    - {type: forward, order: 2, targetGroupRef: blue}`;
    const manifests = await applied(stack(oidc));
    expect(await driftOf(manifests, 'Listener/default/http')).toEqual({ action: 'noop', drift: [] });
  });

  it('sends every action its Order (position + 1) when the manifest gives none, and then plans no change', async () => {
    const unordered = `  protocol: HTTPS
  port: 443
  certificates: [{certificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b"}]
  defaultActions:
    - type: authenticate-oidc
      authenticateOidcConfig:
        issuer: https://idp.example.com
        authorizationEndpoint: https://idp.example.com/authorize
        tokenEndpoint: https://idp.example.com/token
        userInfoEndpoint: https://idp.example.com/userinfo
        clientId: shipshape
        clientSecret: not-returned
    - {type: forward, targetGroupRef: blue}`;
    const manifests = await applied(stack(unordered));
    const [listener] = await listenersOf('web-alb');
    expect(listener?.DefaultActions?.map((action) => [action.Type, action.Order])).toEqual([
      ['authenticate-oidc', 1],
      ['forward', 2],
    ]);
    expect(await driftOf(manifests, 'Listener/default/http')).toEqual({ action: 'noop', drift: [] });
    // A change made by hand is put back the same way (ModifyListener with every Order).
    await h.aws.elbv2.send(
      new ModifyListenerCommand({
        ListenerArn: listener?.ListenerArn,
        DefaultActions: [{ Type: 'fixed-response', FixedResponseConfig: { StatusCode: '503' } }],
      }),
    );
    expect(await h.apply(manifests)).toMatchObject({ converged: true, failures: [] });
    expect(await driftOf(manifests, 'Listener/default/http')).toEqual({ action: 'noop', drift: [] });
  });

  it('follows a port change in the manifest by modifying the listener it made', async () => {
    await applied(stack(FORWARD));
    const [before] = await listenersOf('web-alb');
    const moved = h.load({ 'stack.yaml': stack(FORWARD.replace('port: 80', 'port: 8080')) });
    expect(await driftOf(moved, 'Listener/default/http')).toEqual({
      action: 'update',
      drift: [{ path: 'port', desired: 8080, actual: 80 }],
    });
    expect((await h.apply(moved)).converged).toBe(true);
    const after = await listenersOf('web-alb');
    expect(after.map((listener) => [listener.ListenerArn, listener.Port])).toEqual([
      [before?.ListenerArn, 8080],
    ]);
  });

  it('reports a tag added by hand and removes it', async () => {
    const manifests = await applied(stack(FORWARD));
    const [listener] = await listenersOf('web-alb');
    await h.aws.elbv2.send(
      new AddTagsCommand({ ResourceArns: [listener?.ListenerArn ?? ''], Tags: [{ Key: 'x', Value: 'y' }] }),
    );
    expect(await driftOf(manifests, 'Listener/default/http')).toEqual({
      action: 'update',
      drift: [{ path: 'tags.x', desired: undefined, actual: 'y' }],
    });
    await h.apply(manifests);
    expect(await driftOf(manifests, 'Listener/default/http')).toEqual({ action: 'noop', drift: [] });
  });

  it('never touches a listener on its port that it does not own', async () => {
    const withoutListener = h
      .load({ 'stack.yaml': stack(FORWARD) })
      .filter((manifest) => manifest.kind !== 'Listener');
    expect((await h.apply(withoutListener)).converged).toBe(true);
    await h.aws.elbv2.send(
      new CreateListenerCommand({
        LoadBalancerArn: await arnOf('lb', 'web-alb'),
        Protocol: 'HTTP',
        Port: 80,
        DefaultActions: [{ Type: 'forward', TargetGroupArn: await arnOf('tg', 'green') }],
      }),
    );
    const manifests = h.load({ 'stack.yaml': stack(FORWARD) });
    expect(await driftOf(manifests, 'Listener/default/http')).toEqual({ action: 'conflict' });
  });

  it('deleting a target group that its own listener still forwards to waits for that listener, naming it', async () => {
    const manifests = await applied(stack(FORWARD));
    const { observed } = await plan(manifests, h.providers, h.base, { prune: false });
    const blue = observed.get('TargetGroup/default/blue');
    if (blue === undefined) throw new Error('blue not observed');
    const context = h.context(observed);
    const deleting = h.providers.get('TargetGroup').delete(blue, context);
    await expect(deleting).rejects.toBeInstanceOf(NotReadyError);
    await expect(deleting).rejects.toThrow(
      'TargetGroup/default/blue is still in use by Listener/default/http',
    );
    expect(await arnOf('tg', 'blue')).toBe(blue.ids.arn);
  });

  it('prunes the listener with its target groups and load balancer in one apply', async () => {
    await applied(stack(FORWARD));
    const pruning = await h.plan([], true);
    expect(pruning.changes.map((change) => [change.action, change.identity])).toEqual([
      ['delete', 'Listener/default/http'],
      ['delete', 'LoadBalancer/default/web-alb'],
      ['delete', 'TargetGroup/default/blue'],
      ['delete', 'TargetGroup/default/green'],
    ]);
    expect(await h.apply([], true)).toMatchObject({ converged: true, failures: [] });
    await expect(arnOf('tg', 'blue')).rejects.toThrow();
  });
});
