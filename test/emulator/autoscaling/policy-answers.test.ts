import {
  ApplicationAutoScalingClient,
  PutScalingPolicyCommand,
  RegisterScalableTargetCommand,
} from '@aws-sdk/client-application-auto-scaling';
import {
  CreateClusterCommand,
  CreateServiceCommand,
  ECSClient,
  RegisterTaskDefinitionCommand,
} from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningEmulator, startEmulator } from '../../../src/emulator/server.ts';

let running: RunningEmulator;
let autoscaling: ApplicationAutoScalingClient;
const target = {
  ServiceNamespace: 'ecs',
  ResourceId: 'service/scaling/web',
  ScalableDimension: 'ecs:service:DesiredCount',
} as const;

beforeAll(async () => {
  running = await startEmulator();
  const config = {
    endpoint: running.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  };
  const ecs = new ECSClient(config);
  autoscaling = new ApplicationAutoScalingClient(config);
  await ecs.send(new CreateClusterCommand({ clusterName: 'scaling' }));
  await ecs.send(
    new RegisterTaskDefinitionCommand({
      family: 'web',
      networkMode: 'awsvpc',
      requiresCompatibilities: ['FARGATE'],
      cpu: '256',
      memory: '512',
      containerDefinitions: [{ name: 'web', image: 'nginx:1', essential: true }],
    }),
  );
  await ecs.send(
    new CreateServiceCommand({
      cluster: 'scaling',
      serviceName: 'web',
      taskDefinition: 'web',
      desiredCount: 1,
      launchType: 'FARGATE',
      networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-0123456789abcdef0'] } },
    }),
  );
  ecs.destroy();
  await autoscaling.send(new RegisterScalableTargetCommand({ ...target, MinCapacity: 1, MaxCapacity: 4 }));
});
afterAll(async () => {
  autoscaling.destroy();
  await running.close();
});

describe('PutScalingPolicy answers', () => {
  it('a step scaling policy with its ARN alone: its alarms are made later in CloudWatch', async () => {
    const answer = await autoscaling.send(
      new PutScalingPolicyCommand({
        ...target,
        PolicyName: 'steps',
        PolicyType: 'StepScaling',
        StepScalingPolicyConfiguration: {
          AdjustmentType: 'ChangeInCapacity',
          StepAdjustments: [{ MetricIntervalLowerBound: 0, ScalingAdjustment: 1 }],
        },
      }),
    );
    expect(answer.PolicyARN).toContain(':policyName/steps');
    expect(answer.Alarms).toBeUndefined();
  });

  it('a target tracking policy with the alarms made for it', async () => {
    const answer = await autoscaling.send(
      new PutScalingPolicyCommand({
        ...target,
        PolicyName: 'cpu',
        PolicyType: 'TargetTrackingScaling',
        TargetTrackingScalingPolicyConfiguration: {
          TargetValue: 50,
          PredefinedMetricSpecification: { PredefinedMetricType: 'ECSServiceAverageCPUUtilization' },
        },
      }),
    );
    expect(answer.Alarms?.map((alarm) => alarm.AlarmName)).toEqual([
      expect.stringContaining('-AlarmHigh-'),
      expect.stringContaining('-AlarmLow-'),
    ]);
  });
});
