import { AwsError } from '../core/aws-error.ts';

/** ECS's own error codes, with the messages AWS answers. */
export const invalidParameter = (message: string): AwsError =>
  new AwsError('InvalidParameterException', message);

export const clientException = (message: string): AwsError => new AwsError('ClientException', message);

export const clusterNotFound = (): AwsError => new AwsError('ClusterNotFoundException', 'Cluster not found.');

export const serviceNotFound = (): AwsError => new AwsError('ServiceNotFoundException', 'Service not found.');

export const serviceNotActive = (): AwsError =>
  new AwsError('ServiceNotActiveException', 'Service was not ACTIVE.');

export const resourceNotFound = (): AwsError =>
  new AwsError('ResourceNotFoundException', 'The specified resource could not be found.');
