import type { InputReader } from '../core/input.ts';
import type { JsonObject } from '../core/json.ts';
import {
  APPLICATION_LB_ATTRIBUTES,
  type AttributeRule,
  GATEWAY_LB_ATTRIBUTES,
  GENEVE_TG_ATTRIBUTES,
  HTTP_TG_ATTRIBUTES,
  LAMBDA_TG_ATTRIBUTES,
  NETWORK_LB_ATTRIBUTES,
  NETWORK_TG_ATTRIBUTES,
  type ValueRule,
} from './attribute-rules.ts';
import { elbError, validationError } from './errors.ts';
import { objectList, reader } from './read.ts';
import type { LoadBalancerType } from './state.ts';

export function loadBalancerAttributeRules(type: LoadBalancerType): readonly AttributeRule[] {
  if (type === 'application') return APPLICATION_LB_ATTRIBUTES;
  return type === 'network' ? NETWORK_LB_ATTRIBUTES : GATEWAY_LB_ATTRIBUTES;
}

export function targetGroupAttributeRules(
  protocol: string | undefined,
  targetType: string,
): readonly AttributeRule[] {
  if (targetType === 'lambda') return LAMBDA_TG_ATTRIBUTES;
  if (protocol === 'HTTP' || protocol === 'HTTPS') return HTTP_TG_ATTRIBUTES;
  if (protocol === 'GENEVE') return GENEVE_TG_ATTRIBUTES;
  return NETWORK_TG_ATTRIBUTES;
}

function defaultAttributes(rules: readonly AttributeRule[]): Map<string, string> {
  return new Map(rules.map((attribute) => [attribute.key, attribute.defaultValue]));
}

/** A new load balancer's attributes; internal ones deny internet gateway IPv6 traffic (LoadBalancerAttribute in the model). */
export function loadBalancerDefaults(type: LoadBalancerType, scheme: string): Map<string, string> {
  const attributes = defaultAttributes(loadBalancerAttributeRules(type));
  if (attributes.has('ipv6.deny_all_igw_traffic') && scheme === 'internal') {
    attributes.set('ipv6.deny_all_igw_traffic', 'true');
  }
  return attributes;
}

/**
 * A new target group's attributes (TargetGroupAttribute in the model): client IPs are not
 * preserved for ip targets over TCP or TLS, and UDP and TCP_UDP groups end connections when
 * deregistration ends.
 */
export function targetGroupDefaults(protocol: string | undefined, targetType: string): Map<string, string> {
  const attributes = defaultAttributes(targetGroupAttributeRules(protocol, targetType));
  if (targetType === 'ip' && (protocol === 'TCP' || protocol === 'TLS')) {
    attributes.set('preserve_client_ip.enabled', 'false');
  }
  if (protocol === 'UDP' || protocol === 'TCP_UDP') {
    attributes.set('deregistration_delay.connection_termination.enabled', 'true');
  }
  return attributes;
}

function valid(rule: ValueRule, value: string): boolean {
  switch (rule.kind) {
    case 'boolean':
      return value === 'true' || value === 'false';
    case 'integer': {
      if (!/^\d+$/.test(value)) return false;
      const number = Number(value);
      return (rule.orZero === true && number === 0) || (number >= rule.min && number <= rule.max);
    }
    case 'enum':
      return rule.values.includes(value);
    case 'text':
      return true;
  }
}

/**
 * Reads `Attributes` and checks every key and value before any is applied,
 * so that a bad attribute changes nothing.
 */
export function readAttributeChanges(
  input: InputReader,
  rules: readonly AttributeRule[],
): Array<[string, string]> {
  const byKey = new Map(rules.map((attribute) => [attribute.key, attribute]));
  const changes = objectList(input, 'Attributes', { min: 1, max: 20 }).map((raw): [string, string] => {
    const attribute = reader(raw);
    const key = attribute.requiredString('Key', { max: 256, pattern: /^[a-zA-Z0-9._]+$/ });
    const value = attribute.string('Value', { max: 1024 }) ?? '';
    const known = byKey.get(key);
    // AWS answers InvalidConfigurationRequest "Key <key> not valid" for keys a load balancer type or region lacks.
    if (known === undefined) throw elbError('InvalidConfigurationRequest', `Key ${key} not valid`);
    if (!valid(known.rule, value)) {
      throw elbError('InvalidConfigurationRequest', `'${value}' is not a valid value for attribute '${key}'`);
    }
    return [key, value];
  });
  if (changes.length === 0) throw validationError('Attributes must have at least one member');
  return changes;
}

export function attributeList(attributes: ReadonlyMap<string, string>): JsonObject[] {
  return [...attributes.entries()].map(([Key, Value]) => ({ Key, Value }));
}
