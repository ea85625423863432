import type { Caller } from '../core/accounts.ts';
import { AwsError } from '../core/aws-error.ts';

export function validationError(message: string): AwsError {
  return new AwsError('ValidationError', message, 400);
}

/** STS's answer to an AssumeRole the role's trust does not allow (no such role, wrong ExternalId). */
export function accessDenied(caller: Caller, roleArn: string): AwsError {
  return new AwsError(
    'AccessDenied',
    `User: ${caller.arn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`,
    403,
  );
}
