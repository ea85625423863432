import type { RequestContext } from '../core/context.ts';
import { randomHex } from '../core/ids.ts';
import type { LoadBalancerType } from './state.ts';

const TYPE_PATH: Readonly<Record<LoadBalancerType, string>> = {
  application: 'app',
  network: 'net',
  gateway: 'gwy',
};

function prefix(context: RequestContext): string {
  return `arn:aws:elasticloadbalancing:${context.region}:${context.accountId}`;
}

export function loadBalancerArn(context: RequestContext, type: LoadBalancerType, name: string): string {
  return `${prefix(context)}:loadbalancer/${TYPE_PATH[type]}/${name}/${randomHex(8)}`;
}

export function targetGroupArn(context: RequestContext, name: string): string {
  return `${prefix(context)}:targetgroup/${name}/${randomHex(8)}`;
}

/** `.../loadbalancer/app/n/id` → `.../listener/app/n/id/<16 hex>`. */
export function listenerArn(loadBalancer: string): string {
  return `${loadBalancer.replace(':loadbalancer/', ':listener/')}/${randomHex(8)}`;
}

export function ruleArn(listener: string): string {
  return `${listener.replace(':listener/', ':listener-rule/')}/${randomHex(8)}`;
}

export type ResourceKind = 'loadbalancer' | 'targetgroup' | 'listener' | 'listener-rule' | 'unknown';

export function resourceKind(arn: string): ResourceKind {
  const resource = arn.split(':')[5] ?? '';
  const kind = resource.split('/')[0];
  if (kind === 'loadbalancer' || kind === 'targetgroup' || kind === 'listener' || kind === 'listener-rule') {
    return kind;
  }
  return 'unknown';
}
