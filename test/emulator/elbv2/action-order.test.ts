import {
  CreateListenerCommand,
  CreateLoadBalancerCommand,
  CreateRuleCommand,
  CreateTargetGroupCommand,
  DescribeListenersCommand,
  DescribeRulesCommand,
  type ElasticLoadBalancingV2Client,
  ModifyListenerCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EmulatorControl } from '../../../src/emulator/control-client.ts';
import { type RunningEmulator, startEmulator } from '../../../src/emulator/server.ts';
import { elbv2Client, webStack } from './fixtures.ts';

let running: RunningEmulator;
let control: EmulatorControl;
let client: ElasticLoadBalancingV2Client;

beforeAll(async () => {
  running = await startEmulator();
  control = new EmulatorControl(running.endpoint);
  client = elbv2Client(running.endpoint);
});
afterAll(async () => {
  client.destroy();
  await running.close();
});
beforeEach(async () => {
  await control.reset();
});

const OIDC = {
  Issuer: 'https://idp.example.com',
  AuthorizationEndpoint: 'https://idp.example.com/authorize',
  TokenEndpoint: 'https://idp.example.com/token',
  UserInfoEndpoint: 'https://idp.example.com/userinfo',
  ClientId: 'shipshape',
  ClientSecret: 'secret',
};

describe('action Order (AWS CLI modify-listener reference: an action sent without one comes back without one)', () => {
  it('leaves Order out of a single action that was sent without one, on create and on describe', async () => {
    const { listenerArn } = await webStack(client, 'no-order');
    const [listener] =
      (await client.send(new DescribeListenersCommand({ ListenerArns: [listenerArn] }))).Listeners ?? [];
    expect(listener?.DefaultActions?.[0]?.Type).toBe('forward');
    expect(listener?.DefaultActions?.[0]?.Order).toBeUndefined();
  });

  it('keeps an Order that was given, and lists actions by it', async () => {
    const { listenerArn, targetGroupArn } = await webStack(client, 'given-order');
    const rule = await client.send(
      new CreateRuleCommand({
        ListenerArn: listenerArn,
        Priority: 1,
        Conditions: [{ Field: 'path-pattern', Values: ['/a'] }],
        Actions: [
          { Type: 'forward', TargetGroupArn: targetGroupArn, Order: 20 },
          { Type: 'authenticate-oidc', AuthenticateOidcConfig: OIDC, Order: 10 },
        ],
      }),
    );
    const rules = await client.send(new DescribeRulesCommand({ RuleArns: [rule.Rules?.[0]?.RuleArn ?? ''] }));
    expect(rules.Rules?.[0]?.Actions?.map((action) => [action.Type, action.Order])).toEqual([
      ['authenticate-oidc', 10],
      ['forward', 20],
    ]);
  });

  it('refuses several actions when one of them has no Order (Action.Order: required with multiple actions)', async () => {
    const { listenerArn, targetGroupArn } = await webStack(client, 'missing-order');
    await expect(
      client.send(
        new ModifyListenerCommand({
          ListenerArn: listenerArn,
          DefaultActions: [
            { Type: 'authenticate-oidc', AuthenticateOidcConfig: OIDC, Order: 1 },
            { Type: 'forward', TargetGroupArn: targetGroupArn },
          ],
        }),
      ),
    ).rejects.toMatchObject({ name: 'ValidationError' });
  });
});

describe('a Gateway Load Balancer forward action (AWS CLI create-listener reference, example 6)', () => {
  it('comes back with a bare ForwardConfig: the target group only, no weight, no stickiness', async () => {
    const loadBalancer = await client.send(
      new CreateLoadBalancerCommand({
        Name: 'gwy',
        Type: 'gateway',
        Subnets: ['subnet-0a000001', 'subnet-0b000002'],
      }),
    );
    const targetGroup = await client.send(
      new CreateTargetGroupCommand({
        Name: 'geneve',
        Protocol: 'GENEVE',
        Port: 6081,
        VpcId: 'vpc-0123456789abcdef0',
      }),
    );
    const targetGroupArn = targetGroup.TargetGroups?.[0]?.TargetGroupArn ?? '';
    const created = await client.send(
      new CreateListenerCommand({
        LoadBalancerArn: loadBalancer.LoadBalancers?.[0]?.LoadBalancerArn ?? '',
        DefaultActions: [{ Type: 'forward', TargetGroupArn: targetGroupArn }],
      }),
    );
    expect(created.Listeners?.[0]?.DefaultActions).toEqual([
      {
        Type: 'forward',
        TargetGroupArn: targetGroupArn,
        ForwardConfig: { TargetGroups: [{ TargetGroupArn: targetGroupArn }] },
      },
    ]);
  });
});
