import { randomHex } from '../../core/ids.ts';
import { parseEcsArn } from '../arns.ts';

/** ECS's ARN formats for service deployments and revisions (the ids after the service name). */
export function serviceDeploymentArn(serviceArn: string): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
  const bytes = Buffer.from(randomHex(21), 'hex');
  let id = '';
  for (const byte of bytes) id += alphabet[byte % alphabet.length];
  return `${serviceArn.replace(':service/', ':service-deployment/')}/${id}`;
}

export function serviceRevisionArn(serviceArn: string): string {
  let digits = String(1 + Math.floor(Math.random() * 9));
  while (digits.length < 19) digits += String(Math.floor(Math.random() * 10));
  return `${serviceArn.replace(':service/', ':service-revision/')}/${digits}`;
}

/** The cluster and service names in a service-deployment or service-revision ARN. */
export function ownerOf(
  arn: string,
  resourceType: 'service-deployment' | 'service-revision',
): { cluster: string; service: string } | undefined {
  const parsed = parseEcsArn(arn);
  if (parsed === undefined || parsed.resourceType !== resourceType || parsed.parts.length !== 3)
    return undefined;
  const [cluster = '', service = ''] = parsed.parts;
  return { cluster, service };
}
