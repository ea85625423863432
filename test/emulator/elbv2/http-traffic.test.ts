import type { ECSClient } from '@aws-sdk/client-ecs';
import {
  type Action,
  CreateListenerCommand,
  CreateLoadBalancerCommand,
  CreateRuleCommand,
  CreateTargetGroupCommand,
  DescribeTargetHealthCommand,
  type ElasticLoadBalancingV2Client,
  RegisterTargetsCommand,
  type RuleCondition,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EmulatorControl } from '../../../src/emulator/control-client.ts';
import { type RunningEmulator, startEmulator } from '../../../src/emulator/server.ts';
import { advanceUntil, createFargateService, ecsClient, registerWeb } from '../ecs/fixtures.ts';
import { elbv2Client } from './fixtures.ts';
import { type ProxiedAnswer, proxiedRequest } from './proxied-request.ts';

let running: RunningEmulator;
let control: EmulatorControl;
let ecs: ECSClient;
let elbv2: ElasticLoadBalancingV2Client;

beforeAll(async () => {
  running = await startEmulator();
  control = new EmulatorControl(running.endpoint);
  ecs = ecsClient(running.endpoint);
  elbv2 = elbv2Client(running.endpoint);
});
afterAll(async () => {
  await running.close();
});
beforeEach(async () => {
  await control.reset();
});

interface Shop {
  readonly dns: string;
  readonly a: string;
  readonly b: string;
  readonly empty: string;
  readonly sick: string;
  readonly loadBalancerArn: string;
}

async function targetGroup(name: string): Promise<string> {
  const answer = await elbv2.send(
    new CreateTargetGroupCommand({
      Name: name,
      Protocol: 'HTTP',
      Port: 8080,
      VpcId: 'vpc-0123456789abcdef0',
      TargetType: 'ip',
    }),
  );
  return answer.TargetGroups?.[0]?.TargetGroupArn ?? '';
}

function forward(...groups: Array<[string, number]>): Action[] {
  return [
    {
      Type: 'forward',
      ForwardConfig: {
        TargetGroups: groups.map(([arn, weight]) => ({ TargetGroupArn: arn, Weight: weight })),
      },
    },
  ];
}

function path(pattern: string): RuleCondition {
  return { Field: 'path-pattern', PathPatternConfig: { Values: [pattern] } };
}

/**
 * An ALB whose HTTP listener on 8080 answers 404 by default, with rules of every condition type
 * and action, and two services behind target groups a (image shop:a) and b (image shop:b), their
 * tasks healthy.
 */
async function shop(): Promise<Shop> {
  const loadBalancer = await elbv2.send(
    new CreateLoadBalancerCommand({ Name: 'shop', Subnets: ['subnet-0a000001', 'subnet-0b000002'] }),
  );
  const loadBalancerArn = loadBalancer.LoadBalancers?.[0]?.LoadBalancerArn ?? '';
  const dns = loadBalancer.LoadBalancers?.[0]?.DNSName ?? '';
  const [a, b, empty, sick, byHand] = [
    await targetGroup('shop-a'),
    await targetGroup('shop-b'),
    await targetGroup('shop-none'),
    await targetGroup('shop-sick'),
    await targetGroup('shop-hand'),
  ];
  const listener = await elbv2.send(
    new CreateListenerCommand({
      LoadBalancerArn: loadBalancerArn,
      Protocol: 'HTTP',
      Port: 8080,
      DefaultActions: [
        { Type: 'fixed-response', FixedResponseConfig: { StatusCode: '404', MessageBody: 'no route' } },
      ],
    }),
  );
  const listenerArn = listener.Listeners?.[0]?.ListenerArn ?? '';
  const rules: Array<[RuleCondition[], Action[]]> = [
    [
      [path('/api/*'), { Field: 'http-request-method', HttpRequestMethodConfig: { Values: ['GET'] } }],
      forward([a, 1]),
    ],
    [[{ Field: 'host-header', HostHeaderConfig: { Values: ['b.*.EXAMPLE.com'] } }], forward([b, 1])],
    [
      [{ Field: 'http-header', HttpHeaderConfig: { HttpHeaderName: 'X-Canary', Values: ['yes*'] } }],
      forward([b, 1]),
    ],
    [
      [{ Field: 'query-string', QueryStringConfig: { Values: [{ Key: 'version', Value: 'b' }] } }],
      forward([b, 1]),
    ],
    [
      [path('/teapot')],
      [
        {
          Type: 'fixed-response',
          FixedResponseConfig: {
            StatusCode: '418',
            ContentType: 'application/json',
            MessageBody: '{"tea":true}',
          },
        },
      ],
    ],
    [
      [path('/old/*')],
      [{ Type: 'redirect', RedirectConfig: { Path: '/new/#{path}', StatusCode: 'HTTP_302' } }],
    ],
    [[path('/half')], forward([a, 50], [b, 50])],
    [[path('/only-a')], forward([a, 100], [b, 0])],
    [[path('/ninety')], forward([a, 90], [b, 10])],
    [[path('/empty')], forward([empty, 1])],
    [[path('/sick')], forward([sick, 1])],
    [[path('/by-hand')], forward([byHand, 1])],
  ];
  for (const [index, [conditions, actions]] of rules.entries()) {
    await elbv2.send(
      new CreateRuleCommand({
        ListenerArn: listenerArn,
        Priority: index + 1,
        Conditions: conditions,
        Actions: actions,
      }),
    );
  }
  for (const [name, arn] of [
    ['a', a],
    ['b', b],
  ] as const) {
    await createFargateService(ecs, {
      serviceName: `shop-${name}`,
      taskDefinition: await registerWeb(ecs, `shop-${name}`, `shop:${name}`),
      loadBalancers: [{ targetGroupArn: arn, containerName: 'web', containerPort: 8080 }],
    });
  }
  // Targets registered by hand, not tasks: one failing its health checks, one passing them.
  await elbv2.send(new RegisterTargetsCommand({ TargetGroupArn: sick, Targets: [{ Id: '10.0.9.9' }] }));
  await control.action('elbv2', 'set-target-health', {
    targetGroupArn: sick,
    id: '10.0.9.9',
    healthy: false,
  });
  await elbv2.send(new RegisterTargetsCommand({ TargetGroupArn: byHand, Targets: [{ Id: '10.0.9.10' }] }));
  const healthy = async (arn: string): Promise<number> => {
    const health = await elbv2.send(new DescribeTargetHealthCommand({ TargetGroupArn: arn }));
    return (health.TargetHealthDescriptions ?? []).filter((row) => row.TargetHealth?.State === 'healthy')
      .length;
  };
  const allHealthy = async (): Promise<boolean> =>
    (await healthy(a)) === 2 && (await healthy(b)) === 2 && (await healthy(byHand)) === 1;
  expect(await advanceUntil(control, allHealthy)).toBe(true);
  return { dns, a, b, empty, sick, loadBalancerArn };
}

function get(
  target: Shop,
  requestPath: string,
  options: { method?: string; headers?: Record<string, string> } = {},
): Promise<ProxiedAnswer> {
  return proxiedRequest(running.port, `http://${target.dns}:8080${requestPath}`, options);
}

/** Which target group answered each of `count` requests. */
async function answeredBy(target: Shop, requestPath: string, count: number): Promise<string[]> {
  const names: string[] = [];
  for (let sent = 0; sent < count; sent += 1) {
    const answer = await get(target, requestPath);
    names.push(answer.headers['x-emulator-target-group'] ?? `status ${answer.status}`);
  }
  return names;
}

function tally(names: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const name of names) counts[name] = (counts[name] ?? 0) + 1;
  return counts;
}

describe('emulated load balancers answer HTTP through the emulator port', () => {
  it('routes by path, method, host, header and query to the tasks of each target group', async () => {
    const target = await shop();

    const api = await get(target, '/api/orders');
    expect(api.status).toBe(200);
    expect(api.headers['content-type']).toBe('application/json');
    expect(api.headers['x-emulator-target-group']).toBe('shop-a');
    expect(JSON.parse(api.body)).toMatchObject({ image: 'shop:a', targetGroup: 'shop-a' });
    expect(JSON.parse(api.body).task).toMatch(/^arn:aws:ecs:us-east-1:\d+:task\/apps\//);

    // A POST fails the method condition; no other rule matches, so the default action answers.
    const post = await get(target, '/api/orders', { method: 'POST' });
    expect(post).toMatchObject({ status: 404, body: 'no route' });

    const byHost = await get(target, '/x', { headers: { host: 'B.shop.example.com:8080' } });
    expect(JSON.parse(byHost.body)).toMatchObject({ image: 'shop:b', targetGroup: 'shop-b' });
    expect((await get(target, '/x', { headers: { 'x-canary': 'YES-please' } })).headers).toMatchObject({
      'x-emulator-target-group': 'shop-b',
    });
    expect((await get(target, '/x?color=red&version=B')).headers['x-emulator-target-group']).toBe('shop-b');
    expect((await get(target, '/x?version=c')).status).toBe(404);
    // Path patterns are case-sensitive.
    expect((await get(target, '/API/orders')).status).toBe(404);
  });

  it('hands a target group’s requests to its healthy tasks in turn', async () => {
    const target = await shop();
    const tasks = new Set<string>();
    for (let sent = 0; sent < 4; sent += 1)
      tasks.add(String(JSON.parse((await get(target, '/api/x')).body).task));
    expect(tasks.size).toBe(2);
  });

  it('splits weighted forwards exactly: 100/0, 50/50 and 90/10', async () => {
    const target = await shop();
    expect(tally(await answeredBy(target, '/only-a', 10))).toEqual({ 'shop-a': 10 });
    expect(tally(await answeredBy(target, '/half', 10))).toEqual({ 'shop-a': 5, 'shop-b': 5 });
    expect(tally(await answeredBy(target, '/ninety', 10))).toEqual({ 'shop-a': 9, 'shop-b': 1 });
  });

  it('answers fixed responses and redirects itself, and 503 when a target group has no healthy target', async () => {
    const target = await shop();
    const teapot = await get(target, '/teapot');
    expect(teapot).toMatchObject({ status: 418, body: '{"tea":true}' });
    expect(teapot.headers['content-type']).toBe('application/json');

    const moved = await get(target, '/old/page?x=a%20b');
    expect(moved.status).toBe(302);
    expect(moved.headers.location).toBe(`http://${target.dns}:8080/new/old/page?x=a%20b`);

    const unavailable = await get(target, '/empty');
    expect(unavailable.status).toBe(503);
    expect(unavailable.body).toContain('503 Service Temporarily Unavailable');
    expect(unavailable.headers['x-emulator-target-group']).toBeUndefined();
    const health = await elbv2.send(new DescribeTargetHealthCommand({ TargetGroupArn: target.sick }));
    expect(health.TargetHealthDescriptions?.map((row) => row.TargetHealth?.State)).toEqual(['unhealthy']);
    expect((await get(target, '/sick')).status).toBe(503);

    const byHand = await get(target, '/by-hand');
    expect(JSON.parse(byHand.body)).toEqual({ target: '10.0.9.10:8080', targetGroup: 'shop-hand' });
  });

  it('answers with the status and body set for the image', async () => {
    const target = await shop();
    await control.setImageHttp('shop:b', { httpStatus: 500, httpBody: 'database down' });
    const broken = await get(target, '/x?version=b');
    expect(broken).toMatchObject({ status: 500, body: 'database down' });
    expect(broken.headers['x-emulator-target-group']).toBe('shop-b');
    // Only that image's tasks answer so.
    expect((await get(target, '/api/x')).status).toBe(200);
    await control.setImageHttp('shop:b', { httpStatus: 200, httpBody: 'ok' });
    expect(await get(target, '/x?version=b')).toMatchObject({ status: 200, body: 'ok' });
  });

  it('answers 502 for a host or port no load balancer listens on, and for an HTTPS listener', async () => {
    const target = await shop();
    const unknown = await proxiedRequest(running.port, 'http://nowhere.example.com/health');
    expect(unknown.status).toBe(502);
    expect(unknown.body.trim()).toBe('no emulated load balancer answers nowhere.example.com:80');
    const otherPort = await proxiedRequest(running.port, `http://${target.dns}:9999/`);
    expect(otherPort.body.trim()).toBe(`no emulated load balancer answers ${target.dns}:9999`);

    await elbv2.send(
      new CreateListenerCommand({
        LoadBalancerArn: target.loadBalancerArn,
        Protocol: 'HTTPS',
        Port: 8443,
        Certificates: [{ CertificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d' }],
        DefaultActions: forward([target.a, 1]),
      }),
    );
    const https = await proxiedRequest(running.port, `http://${target.dns}:8443/`);
    expect(https.status).toBe(502);
    expect(https.body).toContain('only HTTP listeners answer');
  });

  it('answers for a load balancer of any region once it has finished provisioning', async () => {
    const dublin = elbv2Client(running.endpoint, 'eu-west-1');
    const created = await dublin.send(
      new CreateLoadBalancerCommand({ Name: 'fresh', Subnets: ['subnet-0a000001', 'subnet-0b000002'] }),
    );
    const loadBalancer = created.LoadBalancers?.[0];
    await dublin.send(
      new CreateListenerCommand({
        LoadBalancerArn: loadBalancer?.LoadBalancerArn,
        Protocol: 'HTTP',
        Port: 80,
        DefaultActions: [
          { Type: 'fixed-response', FixedResponseConfig: { StatusCode: '200', MessageBody: 'hi' } },
        ],
      }),
    );
    const url = `http://${loadBalancer?.DNSName}/`;
    const early = await proxiedRequest(running.port, url);
    expect(early.status).toBe(502);
    expect(early.body).toContain('still provisioning');
    expect(
      await advanceUntil(control, async () => (await proxiedRequest(running.port, url)).status === 200),
    ).toBe(true);
    expect((await proxiedRequest(running.port, url)).body).toBe('hi');
  });
});
