import {
  DescribeScalableTargetsCommand,
  DescribeScalingPoliciesCommand,
  PutScalingPolicyCommand,
} from '@aws-sdk/client-application-auto-scaling';
import { DescribeTaskDefinitionCommand, RegisterTaskDefinitionCommand } from '@aws-sdk/client-ecs';
import {
  CreateAccessPointCommand,
  DescribeAccessPointsCommand,
  DescribeFileSystemsCommand,
} from '@aws-sdk/client-efs';
import {
  CreateListenerCommand,
  CreateRuleCommand,
  DescribeListenersCommand,
  DescribeLoadBalancersCommand,
  DescribeRulesCommand,
  DescribeTargetGroupsCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ProviderHarness, startProviderHarness } from '../support/provider-harness.ts';

const doc = (kind: string, name: string, spec: string) =>
  `apiVersion: shipshape.dev/v1\nkind: ${kind}\nmetadata: {name: ${name}, namespace: own}\nspec:\n${spec}\n`;
const ANCHOR = doc('Cluster', 'anchor', '  tags: {team: ops}');
const TASK = doc(
  'TaskDefinition',
  'api',
  '  networkMode: awsvpc\n  requiresCompatibilities: [FARGATE]\n  cpu: "256"\n  memory: "512"\n  containerDefinitions: [{name: api, image: "api:1"}]',
);
const LB = doc('LoadBalancer', 'alb', '  subnets: [subnet-0a2b3c4d5e6f70001, subnet-0a2b3c4d5e6f70002]');
const TG = doc(
  'TargetGroup',
  'web',
  '  protocol: HTTP\n  port: 80\n  vpcId: vpc-0a2b3c4d5e6f70021\n  targetType: ip',
);
const LISTENER = doc(
  'Listener',
  'http',
  '  loadBalancerRef: alb\n  protocol: HTTP\n  port: 80\n  defaultActions: [{type: forward, targetGroupRef: web}]',
);
const FS = doc('FileSystem', 'data', '  encrypted: true');
const SERVICE = doc(
  'Service',
  'api',
  '  clusterRef: anchor\n  taskDefinitionRef: api\n  desiredCount: 1\n  launchType: FARGATE\n  networkConfiguration: {awsvpcConfiguration: {subnets: [subnet-aaa], securityGroups: [sg-111]}}\n  ignoreDifferences: [desiredCount]',
);
const TARGET = doc('ScalableTarget', 'api', '  serviceRef: api\n  minCapacity: 1\n  maxCapacity: 3');

let h: ProviderHarness;
beforeEach(async () => {
  h = await startProviderHarness();
});
afterEach(async () => {
  await h.close();
});

/** Applies `before`, lets `byHand` add a child Shipshape does not own, then prunes down to `after`. */
async function pruneWithForeignChild(
  before: Record<string, string>,
  byHand: () => Promise<void>,
  after: Record<string, string>,
): Promise<{ identity: string; message: string }[]> {
  expect(await h.apply(h.load(before))).toMatchObject({ converged: true, failures: [] });
  await byHand();
  const result = await h.apply(h.load(after), true);
  return [...result.failures];
}

describe('a delete that would take something Shipshape does not own with it', () => {
  it('TaskDefinition: a revision another tool registered in the family keeps the family', async () => {
    const failures = await pruneWithForeignChild(
      { 'a.yaml': ANCHOR, 't.yaml': TASK },
      async () => {
        await h.aws.ecs.send(
          new RegisterTaskDefinitionCommand({
            family: 'api',
            requiresCompatibilities: ['FARGATE'],
            networkMode: 'awsvpc',
            cpu: '256',
            memory: '512',
            containerDefinitions: [{ name: 'api', image: 'api:ci' }],
          }),
        );
      },
      { 'a.yaml': ANCHOR },
    );
    expect(failures).toEqual([
      {
        identity: 'TaskDefinition/own/api',
        message: expect.stringMatching(
          /ForeignChildrenError: .*1 task definition revision\(s\) Shipshape does not own \(api:2\)/,
        ),
      },
    ]);
    // Neither revision was deregistered.
    for (const revision of ['api:1', 'api:2']) {
      const answer = await h.aws.ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: revision }));
      expect(answer.taskDefinition?.status).toBe('ACTIVE');
    }
  });

  it('LoadBalancer: a listener added by hand keeps the load balancer', async () => {
    const failures = await pruneWithForeignChild(
      { 'a.yaml': ANCHOR, 'lb.yaml': LB, 'tg.yaml': TG },
      async () => {
        const lb = await h.aws.elbv2.send(new DescribeLoadBalancersCommand({ Names: ['alb'] }));
        const tg = await h.aws.elbv2.send(new DescribeTargetGroupsCommand({ Names: ['web'] }));
        await h.aws.elbv2.send(
          new CreateListenerCommand({
            LoadBalancerArn: lb.LoadBalancers?.[0]?.LoadBalancerArn,
            Protocol: 'HTTP',
            Port: 8080,
            DefaultActions: [{ Type: 'forward', TargetGroupArn: tg.TargetGroups?.[0]?.TargetGroupArn }],
          }),
        );
      },
      { 'a.yaml': ANCHOR, 'tg.yaml': TG },
    );
    expect(failures).toEqual([
      {
        identity: 'LoadBalancer/own/alb',
        message: expect.stringMatching(/1 listener\(s\) Shipshape does not own \(HTTP:8080\)/),
      },
    ]);
    const lb = await h.aws.elbv2.send(new DescribeLoadBalancersCommand({ Names: ['alb'] }));
    const listeners = await h.aws.elbv2.send(
      new DescribeListenersCommand({ LoadBalancerArn: lb.LoadBalancers?.[0]?.LoadBalancerArn }),
    );
    expect(listeners.Listeners?.map((listener) => listener.Port)).toEqual([8080]);
  });

  it('Listener: a rule added by hand keeps the listener', async () => {
    const failures = await pruneWithForeignChild(
      { 'a.yaml': ANCHOR, 'lb.yaml': LB, 'tg.yaml': TG, 'l.yaml': LISTENER },
      async () => {
        const lb = await h.aws.elbv2.send(new DescribeLoadBalancersCommand({ Names: ['alb'] }));
        const listeners = await h.aws.elbv2.send(
          new DescribeListenersCommand({ LoadBalancerArn: lb.LoadBalancers?.[0]?.LoadBalancerArn }),
        );
        const tg = await h.aws.elbv2.send(new DescribeTargetGroupsCommand({ Names: ['web'] }));
        await h.aws.elbv2.send(
          new CreateRuleCommand({
            ListenerArn: listeners.Listeners?.[0]?.ListenerArn,
            Priority: 5,
            Conditions: [{ Field: 'path-pattern', Values: ['/hand/*'] }],
            Actions: [{ Type: 'forward', TargetGroupArn: tg.TargetGroups?.[0]?.TargetGroupArn }],
          }),
        );
      },
      { 'a.yaml': ANCHOR, 'lb.yaml': LB, 'tg.yaml': TG },
    );
    expect(failures).toEqual([
      {
        identity: 'Listener/own/http',
        message: expect.stringMatching(/1 rule\(s\) Shipshape does not own \(priority 5\)/),
      },
    ]);
    const lb = await h.aws.elbv2.send(new DescribeLoadBalancersCommand({ Names: ['alb'] }));
    const listeners = await h.aws.elbv2.send(
      new DescribeListenersCommand({ LoadBalancerArn: lb.LoadBalancers?.[0]?.LoadBalancerArn }),
    );
    const rules = await h.aws.elbv2.send(
      new DescribeRulesCommand({ ListenerArn: listeners.Listeners?.[0]?.ListenerArn }),
    );
    expect(rules.Rules?.filter((rule) => rule.IsDefault !== true).map((rule) => rule.Priority)).toEqual([
      '5',
    ]);
  });

  it('ScalableTarget: a scaling policy put by hand keeps the target', async () => {
    const failures = await pruneWithForeignChild(
      { 'a.yaml': ANCHOR, 't.yaml': TASK, 's.yaml': SERVICE, 'st.yaml': TARGET },
      async () => {
        await h.aws.autoscaling.send(
          new PutScalingPolicyCommand({
            PolicyName: 'by-hand',
            ServiceNamespace: 'ecs',
            ResourceId: 'service/anchor/api',
            ScalableDimension: 'ecs:service:DesiredCount',
            PolicyType: 'TargetTrackingScaling',
            TargetTrackingScalingPolicyConfiguration: {
              TargetValue: 50,
              PredefinedMetricSpecification: { PredefinedMetricType: 'ECSServiceAverageCPUUtilization' },
            },
          }),
        );
      },
      { 'a.yaml': ANCHOR, 't.yaml': TASK, 's.yaml': SERVICE },
    );
    expect(failures).toEqual([
      {
        identity: 'ScalableTarget/own/api',
        message: expect.stringMatching(/1 scaling polic\(ies\) Shipshape does not own \(by-hand\)/),
      },
    ]);
    const targets = await h.aws.autoscaling.send(
      new DescribeScalableTargetsCommand({ ServiceNamespace: 'ecs' }),
    );
    expect(targets.ScalableTargets).toHaveLength(1);
    const policies = await h.aws.autoscaling.send(
      new DescribeScalingPoliciesCommand({ ServiceNamespace: 'ecs' }),
    );
    expect(policies.ScalingPolicies?.map((policy) => policy.PolicyName)).toEqual(['by-hand']);
  });

  it('FileSystem: an access point made by hand keeps the file system and its mount targets', async () => {
    const failures = await pruneWithForeignChild(
      { 'a.yaml': ANCHOR, 'fs.yaml': FS },
      async () => {
        await h.control.advance(60_000);
        const fs = await h.aws.efs.send(new DescribeFileSystemsCommand({}));
        await h.aws.efs.send(
          new CreateAccessPointCommand({
            FileSystemId: fs.FileSystems?.[0]?.FileSystemId,
            ClientToken: 'by-hand',
          }),
        );
      },
      { 'a.yaml': ANCHOR },
    );
    expect(failures).toEqual([
      {
        identity: 'FileSystem/own/data',
        message: expect.stringMatching(/1 access point\(s\) Shipshape does not own/),
      },
    ]);
    const fs = await h.aws.efs.send(new DescribeFileSystemsCommand({}));
    expect(fs.FileSystems?.[0]?.LifeCycleState).toBe('available');
    const points = await h.aws.efs.send(new DescribeAccessPointsCommand({}));
    expect(points.AccessPoints).toHaveLength(1);
  });
});
