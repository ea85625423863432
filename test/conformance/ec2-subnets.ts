import type { RunningTarget } from './target.ts';

/**
 * Reads ids from a target's EC2, for targets that emulate it and check that subnets and
 * security groups exist (moto). No EC2 client is installed, so this is a plain query
 * protocol call; a target without EC2 answers nothing and gets `fallback`.
 */
async function ec2Ids(
  target: RunningTarget,
  action: string,
  pattern: RegExp,
  fallback: string[],
): Promise<string[]> {
  const scope = `${target.credentials.accessKeyId}/20250101/${target.region}/ec2/aws4_request`;
  const response = await fetch(`${target.endpoint}/`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `AWS4-HMAC-SHA256 Credential=${scope}, SignedHeaders=host, Signature=0`,
    },
    body: `Action=${action}&Version=2016-11-15`,
  }).catch(() => undefined);
  const text = response?.ok === true ? await response.text() : '';
  const ids = [...text.matchAll(pattern)].map((match) => match[1] ?? '');
  return ids.length > 0 ? ids : fallback;
}

/** Subnet ids of the target's default VPC (any well-formed ids where EC2 is not emulated). */
export function subnetIds(target: RunningTarget): Promise<string[]> {
  return ec2Ids(target, 'DescribeSubnets', /<subnetId>(subnet-[0-9a-f]+)<\/subnetId>/g, [
    'subnet-0a1b2c3d4e5f60718',
    'subnet-0f1e2d3c4b5a69788',
    'subnet-01234567890abcdef',
  ]);
}

/** A security group id of the target's default VPC. */
export async function securityGroupId(target: RunningTarget): Promise<string> {
  const [id = 'sg-0123456789abcdef0'] = await ec2Ids(
    target,
    'DescribeSecurityGroups',
    /<groupId>(sg-[0-9a-f]+)<\/groupId>/g,
    ['sg-0123456789abcdef0'],
  );
  return id;
}

/** The target's default VPC id. */
export async function vpcId(target: RunningTarget): Promise<string> {
  const [id = 'vpc-0123456789abcdef0'] = await ec2Ids(
    target,
    'DescribeVpcs',
    /<vpcId>(vpc-[0-9a-f]+)<\/vpcId>/g,
    ['vpc-0123456789abcdef0'],
  );
  return id;
}

/** A certificate ARN that the target's ACM knows (moto checks HTTPS listeners' certificates). */
export async function certificateArn(target: RunningTarget, domain: string): Promise<string | undefined> {
  const scope = `${target.credentials.accessKeyId}/20250101/${target.region}/acm/aws4_request`;
  const response = await fetch(`${target.endpoint}/`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': 'CertificateManager.RequestCertificate',
      authorization: `AWS4-HMAC-SHA256 Credential=${scope}, SignedHeaders=host, Signature=0`,
    },
    body: JSON.stringify({ DomainName: domain }),
  }).catch(() => undefined);
  if (response?.ok !== true) return undefined;
  const answer = (await response.json()) as { CertificateArn?: string };
  return answer.CertificateArn;
}
