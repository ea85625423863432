import { DescribeLoadBalancersCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EmulatorControl } from '../../../src/emulator/control-client.ts';
import { type RunningEmulator, startEmulator } from '../../../src/emulator/server.ts';
import { elbv2Client } from './fixtures.ts';

let running: RunningEmulator;
let control: EmulatorControl;

beforeAll(async () => {
  running = await startEmulator();
  control = new EmulatorControl(running.endpoint);
});
afterAll(async () => {
  await running.close();
});
beforeEach(async () => {
  await control.reset();
});

const NAMESPACE = 'http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/';

async function post(body: string): Promise<{ status: number; text: string }> {
  const response = await fetch(running.endpoint, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
      authorization:
        'AWS4-HMAC-SHA256 Credential=test/20260101/eu-west-1/elasticloadbalancing/aws4_request, SignedHeaders=host, Signature=0',
    },
    body,
  });
  return { status: response.status, text: await response.text() };
}

describe('elbv2 query protocol on the wire', () => {
  it('answers XML in the ELBv2 namespace with a Result element and a RequestId', async () => {
    const { status, text } = await post('Action=DescribeLoadBalancers&Version=2015-12-01');
    expect(status).toBe(200);
    expect(text).toMatch(
      new RegExp(
        `^<\\?xml[^>]*>\\s*<DescribeLoadBalancersResponse xmlns="${NAMESPACE}"><DescribeLoadBalancersResult><LoadBalancers></LoadBalancers></DescribeLoadBalancersResult><ResponseMetadata><RequestId>[0-9a-f-]{36}</RequestId></ResponseMetadata></DescribeLoadBalancersResponse>$`,
      ),
    );
  });

  it('answers errors as an ErrorResponse document with Type, Code and Message', async () => {
    const { status, text } = await post('Action=DescribeTargetGroups&Version=2015-12-01&Names.member.1=nope');
    expect(status).toBe(400);
    expect(text).toContain(
      `<ErrorResponse xmlns="${NAMESPACE}"><Error><Type>Sender</Type><Code>TargetGroupNotFound</Code>`,
    );
    expect(text).toMatch(/<RequestId>[0-9a-f-]{36}<\/RequestId><\/ErrorResponse>$/);
  });

  it('keeps state per region from the credential scope', async () => {
    await post('Action=CreateTargetGroup&Version=2015-12-01&Name=regional&Protocol=HTTP&Port=80&VpcId=vpc-1');
    const { text } = await post('Action=DescribeTargetGroups&Version=2015-12-01');
    expect(text).toContain('arn:aws:elasticloadbalancing:eu-west-1:');
    const answer = await elbv2Client(running.endpoint, 'us-east-1').send(
      new DescribeLoadBalancersCommand({}),
    );
    expect(answer.LoadBalancers).toEqual([]);
  });

  it('throttles Describe calls in the read group with the Throttling code', async () => {
    await control.setThrottling(true);
    const client = elbv2Client(running.endpoint);
    const outcomes = await Promise.allSettled(
      Array.from({ length: 60 }, () => client.send(new DescribeLoadBalancersCommand({}))),
    );
    const rejected = outcomes.filter((outcome) => outcome.status === 'rejected');
    expect(rejected.length).toBeGreaterThan(0);
    expect(rejected[0]).toMatchObject({ reason: { name: 'Throttling', $metadata: { httpStatusCode: 400 } } });
    const counts = await control.requests();
    expect(counts['elbv2:DescribeLoadBalancers']?.throttled).toBe(rejected.length);
  });
});
