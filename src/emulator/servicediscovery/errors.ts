import { AwsError } from '../core/aws-error.ts';
import type { JsonObject } from '../core/json.ts';

/** A Cloud Map error with the extra members its model shape carries (ServiceId, NamespaceId, ...). */
export class CloudMapError extends AwsError {
  readonly fields: JsonObject;
  constructor(code: string, message: string, fields: JsonObject = {}) {
    super(code, message, 400);
    this.fields = fields;
  }
}

export const invalidInput = (message: string): CloudMapError => new CloudMapError('InvalidInput', message);
export const namespaceNotFound = (id: string): CloudMapError =>
  new CloudMapError('NamespaceNotFound', `Namespace not found: ${id}`);
export const serviceNotFound = (id: string): CloudMapError =>
  new CloudMapError('ServiceNotFound', `Service not found: ${id}`);
export const instanceNotFound = (id: string): CloudMapError =>
  new CloudMapError('InstanceNotFound', `Instance not found: ${id}`);
export const resourceInUse = (message: string): CloudMapError => new CloudMapError('ResourceInUse', message);
