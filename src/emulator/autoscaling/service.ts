import { apiGroupOf } from '../../aws/rates.ts';
import type { EmulatedService } from '../core/service.ts';
import { jsonBinding } from '../protocols/json.ts';
import { AutoScalingError } from './errors.ts';
import { deleteScalingPolicy, describeScalingPolicies, putScalingPolicy } from './policies.ts';
import {
  deregisterScalableTarget,
  describeScalableTargets,
  registerScalableTarget,
} from './scalable-targets.ts';
import { listTagsForResource, tagResource, untagResource } from './tags.ts';

const json = jsonBinding('AnyScaleFrontendService', {
  RegisterScalableTarget: registerScalableTarget,
  DescribeScalableTargets: describeScalableTargets,
  DeregisterScalableTarget: deregisterScalableTarget,
  PutScalingPolicy: putScalingPolicy,
  DescribeScalingPolicies: describeScalingPolicies,
  DeleteScalingPolicy: deleteScalingPolicy,
  TagResource: tagResource,
  UntagResource: untagResource,
  ListTagsForResource: listTagsForResource,
});

export const autoscalingService: EmulatedService = {
  name: 'autoscaling',
  signingName: 'application-autoscaling',
  binding: {
    match: json.match,
    handle: json.handle,
    // ResourceNotFoundException and TooManyTagsException carry ResourceName.
    renderError(error, context) {
      const response = json.renderError(error, context);
      if (!(error instanceof AutoScalingError)) return response;
      const body: unknown = JSON.parse(response.body);
      return { ...response, body: JSON.stringify({ ...(body as object), ...error.fields }) };
    },
  },
  throttling: { code: 'ThrottlingException', status: 400 },
  throttleGroup: (operation) => apiGroupOf('autoscaling', operation),
};
