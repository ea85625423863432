import {
  CreateListenerCommand,
  CreateRuleCommand,
  DeleteListenerCommand,
  DeleteRuleCommand,
  DescribeListenersCommand,
  DescribeRulesCommand,
  ModifyListenerCommand,
  ModifyRuleCommand,
  SetRulePrioritiesCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { describe, expect, it } from 'vitest';
import { type Elbv2Suite, expectAwsError, LISTENER_ARN, RULE_ARN } from './context.ts';
import { differs, type MotoDifference } from './differences.ts';
import { createLoadBalancer, createTargetGroup, createWebStack } from './stack.ts';

function forwardTo(targetGroupArn: string) {
  return {
    Type: 'forward',
    TargetGroupArn: targetGroupArn,
    ForwardConfig: {
      TargetGroups: [{ TargetGroupArn: targetGroupArn, Weight: 1 }],
      TargetGroupStickinessConfig: { Enabled: false },
    },
  };
}

export function listenerConformance(suite: Elbv2Suite): void {
  const { spec } = suite;
  const supports = (operation: string, difference?: MotoDifference) =>
    spec.supports(`elbv2:${operation}`) && (difference === undefined || !differs(spec, difference));

  describe('listeners', () => {
    it.skipIf(!supports('CreateListener'))(
      'answers a forward action with TargetGroupArn and ForwardConfig',
      async () => {
        const loadBalancer = await createLoadBalancer(suite);
        const targetGroup = await createTargetGroup(suite);
        const answer = await suite.client().send(
          new CreateListenerCommand({
            LoadBalancerArn: loadBalancer.LoadBalancerArn,
            Protocol: 'HTTP',
            Port: 8081,
            DefaultActions: [{ Type: 'forward', TargetGroupArn: targetGroup.TargetGroupArn }],
          }),
        );
        const listener = answer.Listeners?.[0];
        expect(listener?.ListenerArn).toMatch(LISTENER_ARN);
        expect(listener).toMatchObject({
          LoadBalancerArn: loadBalancer.LoadBalancerArn,
          Port: 8081,
          Protocol: 'HTTP',
        });
        expect(listener?.DefaultActions).toHaveLength(1);
        if (!differs(spec, 'forward-config')) {
          expect(listener?.DefaultActions?.[0]).toMatchObject(forwardTo(targetGroup.TargetGroupArn ?? ''));
        }
      },
    );

    it.skipIf(!supports('CreateListener', 'listener-duplicate-port'))(
      'refuses a second listener on the same port (DuplicateListener)',
      async () => {
        const { loadBalancerArn } = await createWebStack(suite);
        const other = await createTargetGroup(suite);
        await expectAwsError(
          suite.client().send(
            new CreateListenerCommand({
              LoadBalancerArn: loadBalancerArn,
              Protocol: 'HTTP',
              Port: 80,
              DefaultActions: [{ Type: 'forward', TargetGroupArn: other.TargetGroupArn }],
            }),
          ),
          'DuplicateListenerException',
        );
      },
    );

    it.skipIf(!supports('CreateListener', 'listener-https-certificate'))(
      'refuses an HTTPS listener without a certificate',
      async () => {
        const loadBalancer = await createLoadBalancer(suite);
        const targetGroup = await createTargetGroup(suite);
        await expect(
          suite.client().send(
            new CreateListenerCommand({
              LoadBalancerArn: loadBalancer.LoadBalancerArn,
              Protocol: 'HTTPS',
              Port: 443,
              DefaultActions: [{ Type: 'forward', TargetGroupArn: targetGroup.TargetGroupArn }],
            }),
          ),
        ).rejects.toMatchObject({ $metadata: { httpStatusCode: 400 } });
      },
    );

    it.skipIf(!supports('DescribeListeners'))(
      'describes the listeners of a load balancer; ListenerNotFound otherwise',
      async () => {
        const { loadBalancerArn, listenerArn } = await createWebStack(suite);
        const answer = await suite
          .client()
          .send(new DescribeListenersCommand({ LoadBalancerArn: loadBalancerArn }));
        expect(answer.Listeners?.map((listener) => listener.ListenerArn)).toEqual([listenerArn]);
        await expectAwsError(
          suite.client().send(
            new DescribeListenersCommand({
              ListenerArns: [`${listenerArn.slice(0, -16)}0000000000000000`],
            }),
          ),
          'ListenerNotFoundException',
        );
      },
    );

    it.skipIf(!supports('ModifyListener'))('changes the port and the default actions', async () => {
      const { listenerArn } = await createWebStack(suite);
      const other = await createTargetGroup(suite);
      const answer = await suite.client().send(
        new ModifyListenerCommand({
          ListenerArn: listenerArn,
          Port: 8080,
          DefaultActions: [{ Type: 'forward', TargetGroupArn: other.TargetGroupArn }],
        }),
      );
      expect(answer.Listeners?.[0]?.Port).toBe(8080);
      expect(answer.Listeners?.[0]?.DefaultActions?.[0]?.TargetGroupArn).toBe(other.TargetGroupArn);
    });

    it.skipIf(!supports('DeleteListener'))('deletes a listener', async () => {
      const { listenerArn } = await createWebStack(suite);
      await suite.client().send(new DeleteListenerCommand({ ListenerArn: listenerArn }));
      await expectAwsError(
        suite.client().send(new DescribeListenersCommand({ ListenerArns: [listenerArn] })),
        'ListenerNotFoundException',
      );
    });
  });

  describe('rules', () => {
    it.skipIf(!supports('DescribeRules'))('gives each listener a default rule', async () => {
      const { listenerArn, targetGroupArn } = await createWebStack(suite);
      const answer = await suite.client().send(new DescribeRulesCommand({ ListenerArn: listenerArn }));
      expect(answer.Rules).toHaveLength(1);
      if (!differs(spec, 'rule-arn-format')) expect(answer.Rules?.[0]?.RuleArn).toMatch(RULE_ARN);
      expect(answer.Rules?.[0]).toMatchObject({ Priority: 'default', IsDefault: true, Conditions: [] });
      if (!differs(spec, 'forward-config'))
        expect(answer.Rules?.[0]?.Actions?.[0]).toMatchObject(forwardTo(targetGroupArn));
    });

    it.skipIf(!supports('CreateRule'))(
      'answers conditions in both Values and *Config forms; PriorityInUse',
      async () => {
        const { listenerArn, targetGroupArn } = await createWebStack(suite);
        const answer = await suite.client().send(
          new CreateRuleCommand({
            ListenerArn: listenerArn,
            Priority: 10,
            Conditions: [{ Field: 'path-pattern', Values: ['/api/*'] }],
            Actions: [{ Type: 'forward', TargetGroupArn: targetGroupArn }],
          }),
        );
        const rule = answer.Rules?.[0];
        expect(rule).toMatchObject({ Priority: '10', IsDefault: false });
        expect(rule?.Conditions?.[0]).toMatchObject({
          Field: 'path-pattern',
          Values: ['/api/*'],
        });
        if (!differs(spec, 'condition-config-form')) {
          expect(rule?.Conditions?.[0]?.PathPatternConfig).toEqual({ Values: ['/api/*'] });
        }
        await expectAwsError(
          suite.client().send(
            new CreateRuleCommand({
              ListenerArn: listenerArn,
              Priority: 10,
              Conditions: [{ Field: 'host-header', HostHeaderConfig: { Values: ['a.example.com'] } }],
              Actions: [{ Type: 'forward', TargetGroupArn: targetGroupArn }],
            }),
          ),
          'PriorityInUseException',
        );
      },
    );

    it.skipIf(!supports('DescribeRules', 'rule-order'))(
      'lists rules by priority with the default rule last',
      async () => {
        const { listenerArn, targetGroupArn } = await createWebStack(suite);
        for (const priority of [20, 5]) {
          await suite.client().send(
            new CreateRuleCommand({
              ListenerArn: listenerArn,
              Priority: priority,
              Conditions: [{ Field: 'path-pattern', Values: [`/p${priority}`] }],
              Actions: [{ Type: 'forward', TargetGroupArn: targetGroupArn }],
            }),
          );
        }
        const answer = await suite.client().send(new DescribeRulesCommand({ ListenerArn: listenerArn }));
        expect(answer.Rules?.map((rule) => rule.Priority)).toEqual(['5', '20', 'default']);
      },
    );

    it.skipIf(!supports('ModifyRule'))('modifies conditions and actions', async () => {
      const { listenerArn, targetGroupArn } = await createWebStack(suite);
      const created = await suite.client().send(
        new CreateRuleCommand({
          ListenerArn: listenerArn,
          Priority: 1,
          Conditions: [{ Field: 'path-pattern', Values: ['/old'] }],
          Actions: [{ Type: 'forward', TargetGroupArn: targetGroupArn }],
        }),
      );
      const answer = await suite.client().send(
        new ModifyRuleCommand({
          RuleArn: created.Rules?.[0]?.RuleArn,
          Conditions: [{ Field: 'host-header', HostHeaderConfig: { Values: ['api.example.com'] } }],
          Actions: [
            { Type: 'fixed-response', FixedResponseConfig: { StatusCode: '404', ContentType: 'text/plain' } },
          ],
        }),
      );
      expect(answer.Rules?.[0]?.Conditions?.[0]).toMatchObject({
        Field: 'host-header',
        HostHeaderConfig: { Values: ['api.example.com'] },
      });
      expect(answer.Rules?.[0]?.Actions?.[0]).toMatchObject({
        Type: 'fixed-response',
        FixedResponseConfig: { StatusCode: '404', ContentType: 'text/plain' },
      });
    });

    it.skipIf(!supports('DeleteRule'))(
      'deletes a rule but never the default rule (OperationNotPermitted)',
      async () => {
        const { listenerArn, targetGroupArn } = await createWebStack(suite);
        const created = await suite.client().send(
          new CreateRuleCommand({
            ListenerArn: listenerArn,
            Priority: 3,
            Conditions: [{ Field: 'path-pattern', Values: ['/x'] }],
            Actions: [{ Type: 'forward', TargetGroupArn: targetGroupArn }],
          }),
        );
        await suite.client().send(new DeleteRuleCommand({ RuleArn: created.Rules?.[0]?.RuleArn }));
        const rules = await suite.client().send(new DescribeRulesCommand({ ListenerArn: listenerArn }));
        expect(rules.Rules?.map((rule) => rule.Priority)).toEqual(['default']);
        if (differs(spec, 'default-rule-delete')) return;
        await expectAwsError(
          suite.client().send(new DeleteRuleCommand({ RuleArn: rules.Rules?.[0]?.RuleArn })),
          'OperationNotPermittedException',
        );
      },
    );

    it.skipIf(!supports('SetRulePriorities'))('moves rules to new priorities', async () => {
      const { listenerArn, targetGroupArn } = await createWebStack(suite);
      const created = await suite.client().send(
        new CreateRuleCommand({
          ListenerArn: listenerArn,
          Priority: 7,
          Conditions: [{ Field: 'path-pattern', Values: ['/y'] }],
          Actions: [{ Type: 'forward', TargetGroupArn: targetGroupArn }],
        }),
      );
      const answer = await suite.client().send(
        new SetRulePrioritiesCommand({
          RulePriorities: [{ RuleArn: created.Rules?.[0]?.RuleArn, Priority: 70 }],
        }),
      );
      expect(answer.Rules?.[0]?.Priority).toBe('70');
    });
  });
}
