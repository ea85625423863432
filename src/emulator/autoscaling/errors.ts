import { AwsError } from '../core/aws-error.ts';
import type { JsonObject } from '../core/json.ts';

/** An Application Auto Scaling error, with the extra members of its model shape (ResourceName). */
export class AutoScalingError extends AwsError {
  readonly fields: JsonObject;
  constructor(code: string, message: string, fields: JsonObject = {}) {
    super(code, message, 400);
    this.fields = fields;
  }
}

export const validation = (message: string): AutoScalingError =>
  new AutoScalingError('ValidationException', message);

export function noScalableTarget(namespace: string, resourceId: string, dimension: string): AutoScalingError {
  return new AutoScalingError(
    'ObjectNotFoundException',
    `No scalable target registered for service namespace: ${namespace}, resource ID: ${resourceId}, scalable dimension: ${dimension}`,
  );
}
