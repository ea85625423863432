import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { expect } from 'vitest';
import { type RunningTarget, type TargetSpec, targetClientConfig } from '../target.ts';
import { type Network, networkOf } from './network.ts';

/** What each part of the ELBv2 conformance suite gets. */
export interface Elbv2Suite {
  readonly spec: TargetSpec;
  client(): ElasticLoadBalancingV2Client;
  network(): Promise<Network>;
  /** A name no other test of this run uses (targets keep their state between tests). */
  unique(prefix: string): string;
}

export function elbv2Suite(spec: TargetSpec, target: () => RunningTarget): Elbv2Suite {
  let network: Promise<Network> | undefined;
  let counter = 0;
  const run = Date.now().toString(36).slice(-4);
  return {
    spec,
    client: () => new ElasticLoadBalancingV2Client({ ...targetClientConfig(target()), maxAttempts: 1 }),
    network: () => {
      network ??= networkOf(spec, target());
      return network;
    },
    unique: (prefix) => {
      counter += 1;
      return `${prefix}-${run}-${counter}`;
    },
  };
}

/** Expects an AWS error whose SDK exception name (from the wire code) is `name`. */
export async function expectAwsError(call: Promise<unknown>, name: string): Promise<void> {
  await expect(call).rejects.toMatchObject({ name });
}

export const LB_ARN =
  /^arn:aws:elasticloadbalancing:[a-z0-9-]+:\d{12}:loadbalancer\/app\/[A-Za-z0-9-]+\/[0-9a-f]{16}$/;
export const TG_ARN =
  /^arn:aws:elasticloadbalancing:[a-z0-9-]+:\d{12}:targetgroup\/[A-Za-z0-9-]+\/[0-9a-f]{16}$/;
export const LISTENER_ARN =
  /^arn:aws:elasticloadbalancing:[a-z0-9-]+:\d{12}:listener\/app\/[A-Za-z0-9-]+\/[0-9a-f]{16}\/[0-9a-f]{16}$/;
export const RULE_ARN =
  /^arn:aws:elasticloadbalancing:[a-z0-9-]+:\d{12}:listener-rule\/app\/[A-Za-z0-9-]+\/[0-9a-f]{16}\/[0-9a-f]{16}\/[0-9a-f]{16}$/;
