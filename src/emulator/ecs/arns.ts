import { randomHex, uuid } from '../core/ids.ts';

/** ECS ARNs in AWS's long format, and the ids inside them. */
export function clusterArn(region: string, account: string, name: string): string {
  return `arn:aws:ecs:${region}:${account}:cluster/${name}`;
}

export function serviceArn(region: string, account: string, cluster: string, name: string): string {
  return `arn:aws:ecs:${region}:${account}:service/${cluster}/${name}`;
}

export function taskDefinitionArn(region: string, account: string, family: string, revision: number): string {
  return `arn:aws:ecs:${region}:${account}:task-definition/${family}:${revision}`;
}

export function taskArn(region: string, account: string, cluster: string, id: string): string {
  return `arn:aws:ecs:${region}:${account}:task/${cluster}/${id}`;
}

export function containerArn(region: string, account: string, cluster: string, taskId: string): string {
  return `arn:aws:ecs:${region}:${account}:container/${cluster}/${taskId}/${uuid()}`;
}

/** A deployment id as ECS prints it: ecs-svc/ and 19 digits. */
export function deploymentId(): string {
  let digits = String(1 + Math.floor(Math.random() * 9));
  while (digits.length < 19) digits += String(Math.floor(Math.random() * 10));
  return `ecs-svc/${digits}`;
}

export function taskId(): string {
  return randomHex(16);
}

export interface ParsedArn {
  readonly region: string;
  readonly account: string;
  readonly resourceType: string;
  /** The path after the resource type, split on '/'. */
  readonly parts: string[];
}

const ECS_ARN = /^arn:aws[a-z-]*:ecs:([a-z0-9-]+):(\d{12}):([a-z-]+)\/(.+)$/;

export function parseEcsArn(arn: string): ParsedArn | undefined {
  const match = ECS_ARN.exec(arn);
  if (match === null) return undefined;
  const [, region = '', account = '', resourceType = '', rest = ''] = match;
  return { region, account, resourceType, parts: rest.split('/') };
}

/** The name in a name-or-ARN reference (the last path part of an ARN). */
export function nameOf(reference: string): string {
  if (!reference.startsWith('arn:')) return reference;
  const parsed = parseEcsArn(reference);
  return parsed?.parts.at(-1) ?? reference;
}
