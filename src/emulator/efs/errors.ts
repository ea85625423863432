import type { JsonObject } from '../core/json.ts';
import { RestJsonError } from '../protocols/rest-json.ts';

/** EFS errors with the model's HTTP status for each code. */
const STATUS: Readonly<Record<string, number>> = {
  BadRequest: 400,
  ValidationException: 400,
  FileSystemNotFound: 404,
  MountTargetNotFound: 404,
  AccessPointNotFound: 404,
  PolicyNotFound: 404,
  FileSystemAlreadyExists: 409,
  AccessPointAlreadyExists: 409,
  FileSystemInUse: 409,
  MountTargetConflict: 409,
  IncorrectFileSystemLifeCycleState: 409,
  IncorrectMountTargetState: 409,
  IpAddressInUse: 409,
  SubnetNotFound: 400,
  AvailabilityZonesMismatch: 400,
  SecurityGroupLimitExceeded: 400,
};

export function efsError(code: string, message: string, fields: JsonObject = {}): RestJsonError {
  return new RestJsonError(code, message, STATUS[code] ?? 400, fields);
}

export const badRequest = (message: string): RestJsonError => efsError('BadRequest', message);
export const fileSystemNotFound = (id: string): RestJsonError =>
  efsError('FileSystemNotFound', `File system '${id}' does not exist.`);
