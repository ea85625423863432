import type { RequestContext } from '../core/context.ts';
import { uuid } from '../core/ids.ts';
import { InputReader } from '../core/input.ts';
import { isJsonObject, type JsonObject, type JsonValue } from '../core/json.ts';
import { pageOf } from '../core/pages.ts';
import { AutoScalingError, noScalableTarget, validation } from './errors.ts';
import { readResource, SERVICE_NAMESPACES } from './resources.ts';
import { AUTO_SCALING, type ScalableTarget, type ScalingPolicy, targetKey } from './state.ts';

const ECS_METRICS = [
  'ECSServiceAverageCPUUtilization',
  'ECSServiceAverageMemoryUtilization',
  'ALBRequestCountPerTarget',
  'ECSServiceAverageCPUUtilizationHighResolution',
  'ECSServiceAverageMemoryUtilizationHighResolution',
];
/** The cooldown AWS applies when a policy does not set one, in seconds. */
const DEFAULT_COOLDOWN = 300;

function readTargetTracking(reader: InputReader): JsonObject {
  if (!reader.has('TargetTrackingScalingPolicyConfiguration')) {
    throw validation(
      'TargetTrackingScalingPolicyConfiguration is required for a TargetTrackingScaling policy',
    );
  }
  const config = reader.nested('TargetTrackingScalingPolicyConfiguration');
  const targetValue = config.requiredNumber('TargetValue');
  const predefined = config.has('PredefinedMetricSpecification')
    ? config.nested('PredefinedMetricSpecification')
    : undefined;
  const customized = config.object('CustomizedMetricSpecification');
  if ((predefined === undefined) === (customized === undefined)) {
    throw validation(
      'Specify exactly one of PredefinedMetricSpecification and CustomizedMetricSpecification',
    );
  }
  let metric: JsonObject;
  if (predefined !== undefined) {
    const type = predefined.requiredString('PredefinedMetricType');
    if (!ECS_METRICS.includes(type)) throw validation(`Unsupported predefined metric type for ECS: ${type}`);
    const label = predefined.string('ResourceLabel', { min: 1, max: 1023 });
    if (type === 'ALBRequestCountPerTarget' && label === undefined) {
      throw validation('ResourceLabel is required for the ALBRequestCountPerTarget metric');
    }
    metric = {
      PredefinedMetricSpecification: {
        PredefinedMetricType: type,
        ...(label === undefined ? {} : { ResourceLabel: label }),
      },
    };
  } else metric = { CustomizedMetricSpecification: customized ?? {} };
  const scaleOut = config.number('ScaleOutCooldown', { min: 0 });
  const scaleIn = config.number('ScaleInCooldown', { min: 0 });
  return {
    TargetValue: targetValue,
    ...metric,
    ScaleOutCooldown: scaleOut ?? DEFAULT_COOLDOWN,
    ScaleInCooldown: scaleIn ?? DEFAULT_COOLDOWN,
    DisableScaleIn: config.boolean('DisableScaleIn') ?? false,
  };
}

function readStepScaling(reader: InputReader): JsonObject {
  if (!reader.has('StepScalingPolicyConfiguration')) {
    throw validation('StepScalingPolicyConfiguration is required for a StepScaling policy');
  }
  const config = reader.nested('StepScalingPolicyConfiguration');
  const adjustmentType = config.requiredString('AdjustmentType', {
    oneOf: ['ChangeInCapacity', 'PercentChangeInCapacity', 'ExactCapacity'],
  });
  const steps = (config.array('StepAdjustments') ?? []).map((raw) => {
    if (!isJsonObject(raw)) throw validation('StepAdjustments must be a list of objects');
    const step = new InputReader(raw, validation);
    const lower = step.number('MetricIntervalLowerBound');
    const upper = step.number('MetricIntervalUpperBound');
    if (lower === undefined && upper === undefined) {
      throw validation('A step adjustment needs MetricIntervalLowerBound or MetricIntervalUpperBound');
    }
    return {
      ...(lower === undefined ? {} : { MetricIntervalLowerBound: lower }),
      ...(upper === undefined ? {} : { MetricIntervalUpperBound: upper }),
      ScalingAdjustment: step.requiredNumber('ScalingAdjustment'),
    };
  });
  if (steps.length === 0) throw validation('StepAdjustments must have at least one step adjustment');
  const magnitude = config.number('MinAdjustmentMagnitude');
  if (magnitude !== undefined && adjustmentType !== 'PercentChangeInCapacity') {
    throw validation('MinAdjustmentMagnitude is only for the PercentChangeInCapacity adjustment type');
  }
  return {
    AdjustmentType: adjustmentType,
    StepAdjustments: steps,
    ...(magnitude === undefined ? {} : { MinAdjustmentMagnitude: magnitude }),
    Cooldown: config.number('Cooldown', { min: 0 }) ?? DEFAULT_COOLDOWN,
    MetricAggregationType:
      config.string('MetricAggregationType', { oneOf: ['Average', 'Minimum', 'Maximum'] }) ?? 'Average',
  };
}

/** The CloudWatch alarms AWS makes for a target tracking policy (AlarmLow only when it may scale in). */
function trackingAlarms(
  context: RequestContext,
  resourceId: string,
  configuration: JsonObject,
): ScalingPolicy['alarms'] {
  const names = ['AlarmHigh', ...(configuration.DisableScaleIn === true ? [] : ['AlarmLow'])];
  return names.map((kind) => {
    const name = `TargetTracking-${resourceId}-${kind}-${uuid()}`;
    return {
      AlarmName: name,
      AlarmARN: `arn:aws:cloudwatch:${context.region}:${context.accountId}:alarm:${name}`,
    };
  });
}

function policyArn(context: RequestContext, target: ScalableTarget, name: string): string {
  const resource = `resource/${target.serviceNamespace}/${target.resourceId}`;
  return `arn:aws:autoscaling:${context.region}:${context.accountId}:scalingPolicy:${uuid()}:${resource}:policyName/${name}`;
}

export function putScalingPolicy(input: JsonObject, context: RequestContext): JsonValue {
  const reader = new InputReader(input, validation);
  const name = reader.requiredString('PolicyName', { min: 1, max: 256, pattern: /^[\x20-\x7e]+$/ });
  const resource = readResource(reader);
  const policyType =
    reader.string('PolicyType', { oneOf: ['StepScaling', 'TargetTrackingScaling', 'PredictiveScaling'] }) ??
    'StepScaling';
  if (policyType === 'PredictiveScaling') throw validation('PredictiveScaling policies are not emulated');
  const configuration =
    policyType === 'TargetTrackingScaling' ? readTargetTracking(reader) : readStepScaling(reader);
  const state = context.world.get(AUTO_SCALING);
  const target = state.targets.get(
    targetKey(resource.serviceNamespace, resource.resourceId, resource.scalableDimension),
  );
  if (target === undefined) {
    throw noScalableTarget(resource.serviceNamespace, resource.resourceId, resource.scalableDimension);
  }
  const alarms =
    policyType === 'TargetTrackingScaling' ? trackingAlarms(context, target.resourceId, configuration) : [];
  const existing = target.policies.get(name);
  const policy: ScalingPolicy = {
    arn: existing?.arn ?? policyArn(context, target, name),
    name,
    policyType,
    configuration,
    alarms,
    creationTime: existing?.creationTime ?? context.now(),
  };
  target.policies.set(name, policy);
  // A step scaling policy has no alarms of its own yet: AWS answers its ARN alone.
  return {
    PolicyARN: policy.arn,
    ...(alarms.length === 0 ? {} : { Alarms: alarms.map((alarm) => ({ ...alarm })) }),
  };
}

function render(target: ScalableTarget, policy: ScalingPolicy): JsonObject {
  const member =
    policy.policyType === 'TargetTrackingScaling'
      ? 'TargetTrackingScalingPolicyConfiguration'
      : 'StepScalingPolicyConfiguration';
  return {
    PolicyARN: policy.arn,
    PolicyName: policy.name,
    ServiceNamespace: target.serviceNamespace,
    ResourceId: target.resourceId,
    ScalableDimension: target.scalableDimension,
    PolicyType: policy.policyType,
    [member]: policy.configuration,
    Alarms: policy.alarms.map((alarm) => ({ ...alarm })),
    CreationTime: policy.creationTime / 1000,
  };
}

export function describeScalingPolicies(input: JsonObject, context: RequestContext): JsonValue {
  const reader = new InputReader(input, validation);
  const namespace = reader.requiredString('ServiceNamespace', { oneOf: SERVICE_NAMESPACES });
  const names = reader.stringArray('PolicyNames', { max: 50 });
  const resourceId = reader.string('ResourceId', { min: 1, max: 1600 });
  const dimension = reader.string('ScalableDimension');
  const max = reader.number('MaxResults', { min: 1, max: 10 }) ?? 10;
  const state = context.world.get(AUTO_SCALING);
  const targets =
    resourceId !== undefined && dimension !== undefined
      ? [state.targets.get(targetKey(namespace, resourceId, dimension))].flatMap((target) => target ?? [])
      : [...state.targets.values()].filter(
          (target) =>
            target.serviceNamespace === namespace &&
            (resourceId === undefined || target.resourceId === resourceId) &&
            (dimension === undefined || target.scalableDimension === dimension),
        );
  const wanted = names === undefined || names.length === 0 ? undefined : new Set(names);
  const matching = targets.flatMap((target) =>
    [...target.policies.values()]
      .filter((policy) => wanted === undefined || wanted.has(policy.name))
      .map((policy) => render(target, policy)),
  );
  const page = pageOf(
    matching,
    reader.string('NextToken'),
    max,
    (message) => new AutoScalingError('InvalidNextTokenException', message),
  );
  return {
    ScalingPolicies: page.items,
    ...(page.nextToken === undefined ? {} : { NextToken: page.nextToken }),
  };
}

export function deleteScalingPolicy(input: JsonObject, context: RequestContext): JsonValue {
  const reader = new InputReader(input, validation);
  const name = reader.requiredString('PolicyName', { min: 1, max: 1600 });
  const resource = readResource(reader);
  const target = context.world
    .get(AUTO_SCALING)
    .targets.get(targetKey(resource.serviceNamespace, resource.resourceId, resource.scalableDimension));
  if (target === undefined || !target.policies.delete(name)) {
    throw new AutoScalingError(
      'ObjectNotFoundException',
      `No scaling policy found for service namespace: ${resource.serviceNamespace}, resource ID: ${resource.resourceId}, scalable dimension: ${resource.scalableDimension}, policy name: ${name}`,
    );
  }
  return {};
}
