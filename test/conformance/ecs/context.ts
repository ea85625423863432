import {
  CreateClusterCommand,
  ECSClient,
  RegisterTaskDefinitionCommand,
  type RegisterTaskDefinitionCommandInput,
} from '@aws-sdk/client-ecs';
import { expect } from 'vitest';
import { type Network, networkOf } from '../elbv2/network.ts';
import { type RunningTarget, type TargetSpec, targetClientConfig } from '../target.ts';
import { knownDifference } from './differences.ts';

/** What each part of the ECS conformance suite gets. */
export interface EcsSuite {
  readonly spec: TargetSpec;
  readonly target: () => RunningTarget;
  client(): ECSClient;
  /** A name no other test of this run uses (targets keep their state between tests). */
  unique(prefix: string): string;
  /** An awsvpc networkConfiguration with subnets the target accepts. */
  network(): Promise<{ awsvpcConfiguration: { subnets: string[]; securityGroups: string[] } }>;
  /** true when the target implements every named ECS operation and has no known difference `key`. */
  can(operations: readonly string[], difference?: string): boolean;
}

export function ecsSuite(spec: TargetSpec, target: () => RunningTarget): EcsSuite {
  let counter = 0;
  let network: Promise<Network> | undefined;
  const run = Date.now().toString(36).slice(-4);
  return {
    spec,
    target,
    client: () => new ECSClient({ ...targetClientConfig(target()), maxAttempts: 1 }),
    unique: (prefix) => {
      counter += 1;
      return `${prefix}-${run}-${counter}`;
    },
    network: async () => {
      network ??= networkOf(spec, target());
      const { subnets, securityGroupId } = await network;
      return { awsvpcConfiguration: { subnets: [...subnets], securityGroups: [securityGroupId] } };
    },
    can: (operations, difference) =>
      operations.every((operation) => spec.supports(`ecs:${operation}`)) &&
      (difference === undefined || !knownDifference(spec, difference)),
  };
}

/** Expects an AWS error whose SDK exception name (from the wire code) is `name`, and optionally its message. */
export async function expectAwsError(
  call: Promise<unknown>,
  name: string,
  message?: string | RegExp,
): Promise<void> {
  await expect(call).rejects.toMatchObject({ name, ...(message === undefined ? {} : { message }) });
}

export async function createCluster(suite: EcsSuite, prefix = 'cl'): Promise<string> {
  const name = suite.unique(prefix);
  await suite.client().send(new CreateClusterCommand({ clusterName: name }));
  return name;
}

/** A Fargate task definition (awsvpc, 256/512) whose container `web` listens on 8080; returns its ARN. */
export async function registerFargate(
  suite: EcsSuite,
  family: string,
  extra: Partial<RegisterTaskDefinitionCommandInput> = {},
): Promise<string> {
  const answer = await suite.client().send(
    new RegisterTaskDefinitionCommand({
      family,
      networkMode: 'awsvpc',
      requiresCompatibilities: ['FARGATE'],
      cpu: '256',
      memory: '512',
      containerDefinitions: [{ name: 'web', image: 'nginx:1.27', portMappings: [{ containerPort: 8080 }] }],
      ...extra,
    }),
  );
  return answer.taskDefinition?.taskDefinitionArn ?? '';
}

export const CLUSTER_ARN = /^arn:aws:ecs:[a-z0-9-]+:\d{12}:cluster\/[A-Za-z0-9_-]+$/;
export const SERVICE_ARN = /^arn:aws:ecs:[a-z0-9-]+:\d{12}:service\/[A-Za-z0-9_-]+\/[A-Za-z0-9_-]+$/;
export const TASK_ARN = /^arn:aws:ecs:[a-z0-9-]+:\d{12}:task\/[A-Za-z0-9_-]+\/[0-9a-f]{32}$/;
export const TASK_DEFINITION_ARN = /^arn:aws:ecs:[a-z0-9-]+:\d{12}:task-definition\/[A-Za-z0-9_-]+:\d+$/;
