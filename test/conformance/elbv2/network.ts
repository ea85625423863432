import type { RunningTarget, TargetSpec } from '../target.ts';

/** A VPC, two subnets in different zones and a security group that CreateLoadBalancer accepts. */
export interface Network {
  readonly vpcId: string;
  readonly subnets: readonly [string, string];
  readonly securityGroupId: string;
}

/** The emulator has no EC2 and takes any well-formed ids. */
const EMULATOR_NETWORK: Network = {
  vpcId: 'vpc-0a1b2c3d4e5f60718',
  subnets: ['subnet-0a1b2c3d4e5f60001', 'subnet-0a1b2c3d4e5f60002'],
  securityGroupId: 'sg-0a1b2c3d4e5f60003',
};

/** One EC2 query call; moto routes it by the credential scope and does not check the signature. */
async function ec2(target: RunningTarget, action: string): Promise<string> {
  const response = await fetch(target.endpoint, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `AWS4-HMAC-SHA256 Credential=${target.credentials.accessKeyId}/20260101/${target.region}/ec2/aws4_request, SignedHeaders=host, Signature=0`,
    },
    body: `Action=${action}&Version=2016-11-15`,
  });
  if (!response.ok) throw new Error(`EC2 ${action} answered ${response.status}`);
  return response.text();
}

function all(xml: string, element: string): string[] {
  return [...xml.matchAll(new RegExp(`<${element}>([^<]+)</${element}>`, 'g'))].map(
    (match) => match[1] as string,
  );
}

/** moto validates subnets, VPCs and security groups against its EC2: use its default VPC. */
export async function networkOf(spec: TargetSpec, target: RunningTarget): Promise<Network> {
  if (spec.name === 'emulator') return EMULATOR_NETWORK;
  const subnetsXml = await ec2(target, 'DescribeSubnets');
  const subnets = all(subnetsXml, 'subnetId');
  const vpcId = all(subnetsXml, 'vpcId')[0];
  const groups = all(await ec2(target, 'DescribeSecurityGroups'), 'groupId');
  if (subnets.length < 2 || vpcId === undefined || groups[0] === undefined) {
    throw new Error(`${spec.name} has no default VPC with two subnets and a security group`);
  }
  return { vpcId, subnets: [subnets[0] as string, subnets[1] as string], securityGroupId: groups[0] };
}
