import {
  ApplicationAutoScalingClient,
  DeleteScalingPolicyCommand,
  DeregisterScalableTargetCommand,
  DescribeScalableTargetsCommand,
  DescribeScalingPoliciesCommand,
  ListTagsForResourceCommand,
  PutScalingPolicyCommand,
  RegisterScalableTargetCommand,
  TagResourceCommand,
  UntagResourceCommand,
} from '@aws-sdk/client-application-auto-scaling';
import {
  CreateClusterCommand,
  CreateServiceCommand,
  DescribeServicesCommand,
  ECSClient,
  RegisterTaskDefinitionCommand,
} from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unique } from './clock.ts';
import { securityGroupId, subnetIds } from './ec2-subnets.ts';
import { type RunningTarget, type TargetSpec, targetClientConfig } from './target.ts';

/** Where a target answers differently from AWS (per the Application Auto Scaling model and docs). */
const DIFFERENCES: Readonly<Record<string, readonly string[]>> = {
  moto: [
    // RegisterScalableTarget for a missing ECS service answers ECS's ClusterNotFoundException
    // instead of ValidationException.
    'register-validation',
    // PutScalingPolicy without a registered scalable target succeeds instead of ObjectNotFoundException.
    'object-not-found',
    // A scalable target has no SuspendedState (AWS: all three false).
    'suspended-state',
    // PutScalingPolicy of an existing policy name gives it a new PolicyARN instead of updating it in place.
    'policy-update-in-place',
    // DeregisterScalableTarget leaves the target's scaling policies behind.
    'deregister-deletes-policies',
    // Registering does not bring the ECS service's desiredCount inside [MinCapacity, MaxCapacity].
    'desired-count-clamp',
    // A scalable target has no RoleARN (required in the model: the service-linked role).
    'role-arn',
    // A target tracking policy comes back without DisableScaleIn (AWS: false).
    'policy-defaults',
  ],
};
const differs = (spec: TargetSpec, key: string): boolean => DIFFERENCES[spec.name]?.includes(key) ?? false;
const can = (spec: TargetSpec, ...operations: string[]): boolean =>
  operations.every((operation) =>
    spec.supports(operation.includes(':') ? operation : `application-autoscaling:${operation}`),
  );
const ECS_SETUP = ['ecs:CreateCluster', 'ecs:RegisterTaskDefinition', 'ecs:CreateService'];
const DIMENSION = 'ecs:service:DesiredCount' as const;

export function autoscalingConformance(spec: TargetSpec, target: () => RunningTarget): void {
  describe('application-autoscaling', () => {
    let autoscaling: ApplicationAutoScalingClient;
    let ecs: ECSClient;
    beforeAll(() => {
      autoscaling = new ApplicationAutoScalingClient({ ...targetClientConfig(target()), maxAttempts: 1 });
      ecs = new ECSClient({ ...targetClientConfig(target()), maxAttempts: 1 });
    });
    afterAll(() => {
      autoscaling.destroy();
      ecs.destroy();
    });

    /** An ECS service to scale; gives its ResourceId. */
    async function ecsService(desiredCount = 1): Promise<string> {
      const cluster = unique('scale');
      await ecs.send(new CreateClusterCommand({ clusterName: cluster }));
      await ecs.send(
        new RegisterTaskDefinitionCommand({
          family: 'scaled',
          networkMode: 'awsvpc',
          requiresCompatibilities: ['FARGATE'],
          cpu: '256',
          memory: '512',
          containerDefinitions: [{ name: 'app', image: 'nginx:1', essential: true }],
        }),
      );
      await ecs.send(
        new CreateServiceCommand({
          cluster,
          serviceName: 'app',
          taskDefinition: 'scaled',
          desiredCount,
          launchType: 'FARGATE',
          networkConfiguration: {
            awsvpcConfiguration: {
              subnets: (await subnetIds(target())).slice(0, 1),
              securityGroups: [await securityGroupId(target())],
            },
          },
        }),
      );
      return `service/${cluster}/app`;
    }

    const register = (ResourceId: string, MinCapacity?: number, MaxCapacity?: number) =>
      new RegisterScalableTargetCommand({
        ServiceNamespace: 'ecs',
        ResourceId,
        ScalableDimension: DIMENSION,
        ...(MinCapacity === undefined ? {} : { MinCapacity }),
        ...(MaxCapacity === undefined ? {} : { MaxCapacity }),
      });

    async function describeTarget(resourceId: string) {
      const answer = await autoscaling.send(
        new DescribeScalableTargetsCommand({
          ServiceNamespace: 'ecs',
          ResourceIds: [resourceId],
          ScalableDimension: DIMENSION,
        }),
      );
      return answer.ScalableTargets?.[0];
    }

    const trackingPolicy = (ResourceId: string, PolicyName: string, TargetValue = 50) =>
      new PutScalingPolicyCommand({
        PolicyName,
        ServiceNamespace: 'ecs',
        ResourceId,
        ScalableDimension: DIMENSION,
        PolicyType: 'TargetTrackingScaling',
        TargetTrackingScalingPolicyConfiguration: {
          TargetValue,
          PredefinedMetricSpecification: { PredefinedMetricType: 'ECSServiceAverageCPUUtilization' },
        },
      });

    it.skipIf(!can(spec, 'RegisterScalableTarget', 'DescribeScalableTargets', ...ECS_SETUP))(
      'registers a scalable target with the defaults AWS fills in',
      async () => {
        const resourceId = await ecsService();
        const registered = await autoscaling.send(register(resourceId, 1, 4));
        expect(registered.ScalableTargetARN).toMatch(
          new RegExp(
            `^arn:aws:application-autoscaling:${target().region}:\\d{12}:scalable-target/[a-zA-Z0-9-]+$`,
          ),
        );
        const described = await describeTarget(resourceId);
        expect(described).toMatchObject({
          ServiceNamespace: 'ecs',
          ResourceId: resourceId,
          ScalableDimension: DIMENSION,
          MinCapacity: 1,
          MaxCapacity: 4,
        });
        if (!differs(spec, 'suspended-state')) {
          expect(described?.SuspendedState).toEqual({
            DynamicScalingInSuspended: false,
            DynamicScalingOutSuspended: false,
            ScheduledScalingSuspended: false,
          });
        }
        if (!differs(spec, 'role-arn'))
          expect(described?.RoleARN).toMatch(
            /^arn:aws:iam::\d{12}:role\/aws-service-role\/ecs\.application-autoscaling\.amazonaws\.com\//,
          );
        expect(described?.CreationTime).toBeInstanceOf(Date);
      },
    );

    it.skipIf(!can(spec, 'RegisterScalableTarget', 'DescribeScalableTargets', ...ECS_SETUP))(
      'updates a registered target in place, changing only what is sent',
      async () => {
        const resourceId = await ecsService();
        const first = await autoscaling.send(register(resourceId, 1, 4));
        const second = await autoscaling.send(register(resourceId, undefined, 8));
        if (!differs(spec, 'target-arn')) expect(second.ScalableTargetARN).toBe(first.ScalableTargetARN);
        expect(await describeTarget(resourceId)).toMatchObject({ MinCapacity: 1, MaxCapacity: 8 });
      },
    );

    it.skipIf(!can(spec, 'RegisterScalableTarget') || differs(spec, 'register-validation'))(
      'refuses a missing ECS service, a malformed ResourceId and min above max with ValidationException',
      async () => {
        await expect(autoscaling.send(register('service/absent-cluster/absent', 1, 2))).rejects.toMatchObject(
          {
            name: 'ValidationException',
          },
        );
        await expect(autoscaling.send(register('not-a-service', 1, 2))).rejects.toMatchObject({
          name: 'ValidationException',
        });
        if (!can(spec, ...ECS_SETUP)) return;
        const resourceId = await ecsService();
        await expect(autoscaling.send(register(resourceId, 5, 2))).rejects.toMatchObject({
          name: 'ValidationException',
        });
      },
    );

    it.skipIf(!can(spec, 'RegisterScalableTarget', 'DescribeScalableTargets', ...ECS_SETUP))(
      'pages scalable targets with MaxResults',
      async () => {
        await autoscaling.send(register(await ecsService(), 1, 2));
        await autoscaling.send(register(await ecsService(), 1, 2));
        const first = await autoscaling.send(
          new DescribeScalableTargetsCommand({ ServiceNamespace: 'ecs', MaxResults: 1 }),
        );
        expect(first.ScalableTargets).toHaveLength(1);
        expect(first.NextToken).toBeDefined();
        const second = await autoscaling.send(
          new DescribeScalableTargetsCommand({
            ServiceNamespace: 'ecs',
            MaxResults: 1,
            NextToken: first.NextToken,
          }),
        );
        expect(second.ScalableTargets?.[0]?.ResourceId).not.toBe(first.ScalableTargets?.[0]?.ResourceId);
      },
    );

    it.skipIf(
      !can(spec, 'RegisterScalableTarget', 'PutScalingPolicy', 'DescribeScalingPolicies', ...ECS_SETUP),
    )('puts a target tracking policy with its alarms and defaults, and updates it by name', async () => {
      const resourceId = await ecsService();
      await autoscaling.send(register(resourceId, 1, 4));
      const put = await autoscaling.send(trackingPolicy(resourceId, 'cpu'));
      expect(put.PolicyARN).toMatch(
        new RegExp(
          `^arn:aws:autoscaling:${target().region}:\\d{12}:scalingPolicy:[0-9a-f-]+:resource/ecs/${resourceId}:policyName/cpu$`,
        ),
      );
      expect(put.Alarms?.map((alarm) => alarm.AlarmName)).toEqual([
        expect.stringMatching(new RegExp(`^TargetTracking-${resourceId}-AlarmHigh-[0-9a-f-]+$`)),
        expect.stringMatching(new RegExp(`^TargetTracking-${resourceId}-AlarmLow-[0-9a-f-]+$`)),
      ]);
      const updated = await autoscaling.send(trackingPolicy(resourceId, 'cpu', 70));
      if (!differs(spec, 'policy-update-in-place')) expect(updated.PolicyARN).toBe(put.PolicyARN);

      const described = await autoscaling.send(
        new DescribeScalingPoliciesCommand({
          ServiceNamespace: 'ecs',
          ResourceId: resourceId,
          ScalableDimension: DIMENSION,
        }),
      );
      expect(described.ScalingPolicies).toHaveLength(1);
      expect(described.ScalingPolicies?.[0]).toMatchObject({
        PolicyName: 'cpu',
        PolicyType: 'TargetTrackingScaling',
        TargetTrackingScalingPolicyConfiguration: {
          TargetValue: 70,
          PredefinedMetricSpecification: { PredefinedMetricType: 'ECSServiceAverageCPUUtilization' },
        },
      });
      expect(described.ScalingPolicies?.[0]?.CreationTime).toBeInstanceOf(Date);
      if (!differs(spec, 'policy-defaults')) {
        expect(described.ScalingPolicies?.[0]?.TargetTrackingScalingPolicyConfiguration?.DisableScaleIn).toBe(
          false,
        );
      }
    });

    it.skipIf(
      !can(spec, 'RegisterScalableTarget', 'PutScalingPolicy', 'DescribeScalingPolicies', ...ECS_SETUP),
    )('puts a step scaling policy and finds policies by name', async () => {
      const resourceId = await ecsService();
      await autoscaling.send(register(resourceId, 1, 4));
      const put = await autoscaling.send(
        new PutScalingPolicyCommand({
          PolicyName: 'steps',
          ServiceNamespace: 'ecs',
          ResourceId: resourceId,
          ScalableDimension: DIMENSION,
          PolicyType: 'StepScaling',
          StepScalingPolicyConfiguration: {
            AdjustmentType: 'ChangeInCapacity',
            StepAdjustments: [{ MetricIntervalLowerBound: 0, ScalingAdjustment: 1 }],
            Cooldown: 60,
          },
        }),
      );
      expect(put.PolicyARN).toContain(':policyName/steps');
      const described = await autoscaling.send(
        new DescribeScalingPoliciesCommand({
          ServiceNamespace: 'ecs',
          PolicyNames: ['steps'],
          ResourceId: resourceId,
        }),
      );
      expect(described.ScalingPolicies?.[0]).toMatchObject({
        PolicyType: 'StepScaling',
        StepScalingPolicyConfiguration: {
          AdjustmentType: 'ChangeInCapacity',
          StepAdjustments: [{ MetricIntervalLowerBound: 0, ScalingAdjustment: 1 }],
          Cooldown: 60,
        },
      });
    });

    it.skipIf(!can(spec, 'PutScalingPolicy', 'DeleteScalingPolicy') || differs(spec, 'object-not-found'))(
      'answers a policy without a target, and a missing policy, with ObjectNotFoundException',
      async () => {
        await expect(
          autoscaling.send(trackingPolicy('service/absent-cluster/absent', 'cpu')),
        ).rejects.toMatchObject({
          name: 'ObjectNotFoundException',
        });
        await expect(
          autoscaling.send(
            new DeleteScalingPolicyCommand({
              PolicyName: 'absent',
              ServiceNamespace: 'ecs',
              ResourceId: 'service/absent-cluster/absent',
              ScalableDimension: DIMENSION,
            }),
          ),
        ).rejects.toMatchObject({ name: 'ObjectNotFoundException' });
      },
    );

    it.skipIf(
      !can(
        spec,
        'RegisterScalableTarget',
        'PutScalingPolicy',
        'DeleteScalingPolicy',
        'DeregisterScalableTarget',
        'DescribeScalingPolicies',
        ...ECS_SETUP,
      ),
    )('deletes policies, and deregistering a target deletes its policies', async () => {
      const resourceId = await ecsService();
      await autoscaling.send(register(resourceId, 1, 4));
      await autoscaling.send(trackingPolicy(resourceId, 'one'));
      await autoscaling.send(trackingPolicy(resourceId, 'two'));
      await autoscaling.send(
        new DeleteScalingPolicyCommand({
          PolicyName: 'one',
          ServiceNamespace: 'ecs',
          ResourceId: resourceId,
          ScalableDimension: DIMENSION,
        }),
      );
      const left = await autoscaling.send(
        new DescribeScalingPoliciesCommand({ ServiceNamespace: 'ecs', ResourceId: resourceId }),
      );
      expect(left.ScalingPolicies?.map((policy) => policy.PolicyName)).toEqual(['two']);

      const deregister = new DeregisterScalableTargetCommand({
        ServiceNamespace: 'ecs',
        ResourceId: resourceId,
        ScalableDimension: DIMENSION,
      });
      await autoscaling.send(deregister);
      expect(await describeTarget(resourceId)).toBeUndefined();
      if (differs(spec, 'deregister-deletes-policies')) return;
      const none = await autoscaling.send(
        new DescribeScalingPoliciesCommand({ ServiceNamespace: 'ecs', ResourceId: resourceId }),
      );
      expect(none.ScalingPolicies).toEqual([]);
      await expect(autoscaling.send(deregister)).rejects.toMatchObject({ name: 'ObjectNotFoundException' });
    });

    it.skipIf(
      !can(
        spec,
        'RegisterScalableTarget',
        'TagResource',
        'UntagResource',
        'ListTagsForResource',
        ...ECS_SETUP,
      ),
    )('tags scalable targets by ARN and reports an unknown one', async () => {
      const resourceId = await ecsService();
      const { ScalableTargetARN: arn } = await autoscaling.send(register(resourceId, 1, 4));
      await autoscaling.send(new TagResourceCommand({ ResourceARN: arn, Tags: { team: 'a', env: 'dev' } }));
      await autoscaling.send(new UntagResourceCommand({ ResourceARN: arn, TagKeys: ['team'] }));
      const listed = await autoscaling.send(new ListTagsForResourceCommand({ ResourceARN: arn }));
      expect(listed.Tags).toEqual({ env: 'dev' });
      await expect(
        autoscaling.send(
          new ListTagsForResourceCommand({
            ResourceARN: `arn:aws:application-autoscaling:${target().region}:123456789012:scalable-target/0123456789abcdef`,
          }),
        ),
      ).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    });

    it.skipIf(
      !can(spec, 'RegisterScalableTarget', 'ecs:DescribeServices', ...ECS_SETUP) ||
        differs(spec, 'desired-count-clamp'),
    )('brings the service desiredCount inside [MinCapacity, MaxCapacity]', async () => {
      const resourceId = await ecsService(1);
      await autoscaling.send(register(resourceId, 2, 4));
      const [, cluster] = resourceId.split('/');
      const answer = await ecs.send(new DescribeServicesCommand({ cluster, services: ['app'] }));
      expect(answer.services?.[0]?.desiredCount).toBe(2);
    });
  });
}
