import { AwsError } from '../core/aws-error.ts';

/** The query protocol's generic validation error (not in the model's shapes). */
export function validationError(message: string): AwsError {
  return new AwsError('ValidationError', message);
}

/** An error shape of the ELBv2 model, by its wire code (all are 400 sender faults). */
export function elbError(code: string, message: string): AwsError {
  return new AwsError(code, message, 400);
}
