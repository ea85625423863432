import type { RequestContext } from '../core/context.ts';
import type { InputReader } from '../core/input.ts';
import type { JsonObject } from '../core/json.ts';
import { readActions } from './actions.ts';
import { listenerArn, ruleArn } from './arns.ts';
import { elbError, validationError } from './errors.ts';
import { deleteListenerRecord, setRuleActions } from './listener-store.ts';
import { loadBalancerOrThrow } from './load-balancers.ts';
import { paginate } from './pagination.ts';
import { objectList, reader, readTags } from './read.ts';
import { ELBV2_STATE, type Elbv2State, type ListenerRecord, type LoadBalancerRecord } from './state.ts';
import { checkCreateTags, putTags } from './tags.ts';

const PROTOCOLS_BY_TYPE: Readonly<Record<string, readonly string[]>> = {
  application: ['HTTP', 'HTTPS'],
  network: ['TCP', 'TLS', 'UDP', 'TCP_UDP', 'QUIC', 'TCP_QUIC'],
  gateway: [],
};
const SECURE = new Set(['HTTPS', 'TLS']);
/** The security policy AWS gives HTTPS and TLS listeners created without one. */
export const DEFAULT_SSL_POLICY = 'ELBSecurityPolicy-TLS13-1-2-2021-06';
const CERTIFICATE_ARN =
  /^arn:aws[a-z-]*:(acm:[a-z0-9-]+:\d{12}:certificate\/.+|iam::\d{12}:server-certificate\/.+)$/;

export function listenerOrThrow(state: Elbv2State, arn: string): ListenerRecord {
  const listener = state.listeners.get(arn);
  if (listener === undefined) throw elbError('ListenerNotFound', `Listener '${arn}' not found`);
  return listener;
}

export function renderListener(state: Elbv2State, listener: ListenerRecord): JsonObject {
  return {
    ListenerArn: listener.arn,
    LoadBalancerArn: listener.loadBalancerArn,
    Port: listener.port,
    Protocol: listener.protocol,
    Certificates:
      listener.certificates.length > 0
        ? listener.certificates.map((CertificateArn) => ({ CertificateArn }))
        : undefined,
    SslPolicy: listener.sslPolicy,
    DefaultActions: structuredClone(state.rules.get(listener.defaultRuleArn)?.actions ?? []),
    AlpnPolicy: listener.alpnPolicy,
  };
}

interface ListenerSettings {
  port: number | undefined;
  protocol: string | undefined;
  sslPolicy: string | undefined;
  certificates: string[];
  alpnPolicy: string[] | undefined;
}

function readCertificates(input: InputReader): string[] | undefined {
  if (!input.has('Certificates')) return undefined;
  const certificates = objectList(input, 'Certificates').map((raw) => {
    const certificate = reader(raw);
    if (certificate.has('IsDefault'))
      throw validationError('IsDefault cannot be specified for a listener certificate');
    return certificate.requiredString('CertificateArn');
  });
  if (certificates.length > 1)
    throw elbError('TooManyCertificates', 'A listener takes exactly one default certificate');
  for (const arn of certificates) {
    if (!CERTIFICATE_ARN.test(arn)) throw elbError('CertificateNotFound', `Certificate '${arn}' not found`);
  }
  return certificates;
}

/** Checks a listener's settings against its load balancer; `previous` fills what a modify leaves out. */
function readSettings(
  input: InputReader,
  loadBalancer: LoadBalancerRecord,
  previous: ListenerSettings | undefined,
): ListenerSettings {
  const allowed = PROTOCOLS_BY_TYPE[loadBalancer.type] ?? [];
  const protocol = input.string('Protocol') ?? previous?.protocol;
  const port = input.number('Port', { min: 1, max: 65535 }) ?? previous?.port;
  if (loadBalancer.type === 'gateway') {
    if (protocol !== undefined || port !== undefined) {
      throw validationError('Protocol and port cannot be specified for a gateway load balancer listener');
    }
  } else {
    if (protocol === undefined) throw validationError('A listener protocol must be specified');
    if (!allowed.includes(protocol)) {
      throw elbError(
        'UnsupportedProtocol',
        `Protocol '${protocol}' is not supported by ${loadBalancer.type} load balancers`,
      );
    }
    if (port === undefined) throw validationError('A listener port must be specified');
  }
  const secure = protocol !== undefined && SECURE.has(protocol);
  const certificates = readCertificates(input) ?? (secure ? (previous?.certificates ?? []) : []);
  if (secure && certificates.length === 0) {
    throw validationError(`A certificate must be specified for ${protocol} listeners`);
  }
  if (!secure && input.has('Certificates') && certificates.length > 0) {
    throw validationError(`Certificates cannot be specified for ${protocol ?? 'this'} listeners`);
  }
  const sslPolicy = secure
    ? (input.string('SslPolicy') ?? previous?.sslPolicy ?? DEFAULT_SSL_POLICY)
    : undefined;
  if (sslPolicy !== undefined && !/^ELBSecurityPolicy-/.test(sslPolicy)) {
    throw elbError('SSLPolicyNotFound', `SSL policy '${sslPolicy}' not found`);
  }
  const alpn = input.stringArray('AlpnPolicy');
  return {
    port,
    protocol,
    sslPolicy,
    certificates,
    alpnPolicy: alpn !== undefined && alpn.length > 0 ? alpn : previous?.alpnPolicy,
  };
}

function listenerOnPort(
  state: Elbv2State,
  loadBalancer: LoadBalancerRecord,
  port: number | undefined,
): ListenerRecord | undefined {
  for (const arn of loadBalancer.listenerArns) {
    const listener = state.listeners.get(arn);
    if (listener !== undefined && listener.port === port) return listener;
  }
  return undefined;
}

export function createListener(raw: JsonObject, context: RequestContext): JsonObject {
  const input = reader(raw);
  const state = context.world.get(ELBV2_STATE);
  const loadBalancer = loadBalancerOrThrow(state, input.requiredString('LoadBalancerArn'));
  const settings = readSettings(input, loadBalancer, undefined);
  const actions = readActions(input, 'DefaultActions', state, loadBalancer);
  const tags = input.has('Tags') ? readTags(input) : [];
  checkCreateTags(tags);
  const existing = listenerOnPort(state, loadBalancer, settings.port);
  if (existing !== undefined) {
    const same =
      existing.protocol === settings.protocol &&
      JSON.stringify(state.rules.get(existing.defaultRuleArn)?.actions) === JSON.stringify(actions) &&
      existing.certificates.join() === settings.certificates.join() &&
      existing.sslPolicy === settings.sslPolicy;
    if (!same)
      throw elbError('DuplicateListener', `A listener already exists on port ${settings.port ?? ''}`);
    return { Listeners: [renderListener(state, existing)] };
  }
  const arn = listenerArn(loadBalancer.arn);
  const listener: ListenerRecord = {
    arn,
    loadBalancerArn: loadBalancer.arn,
    ...settings,
    defaultRuleArn: ruleArn(arn),
    rulesByPriority: new Map(),
  };
  state.listeners.set(arn, listener);
  loadBalancer.listenerArns.add(arn);
  const defaultRule = {
    arn: listener.defaultRuleArn,
    listenerArn: arn,
    priority: undefined,
    conditions: [],
    actions: [],
  };
  state.rules.set(defaultRule.arn, defaultRule);
  state.tags.set(defaultRule.arn, new Map());
  setRuleActions(state, defaultRule, actions);
  state.tags.set(arn, new Map());
  putTags(state, arn, tags);
  return { Listeners: [renderListener(state, listener)] };
}

export function describeListeners(raw: JsonObject, context: RequestContext): JsonObject {
  const input = reader(raw);
  const state = context.world.get(ELBV2_STATE);
  const loadBalancerArn = input.string('LoadBalancerArn');
  const arns = input.stringArray('ListenerArns') ?? [];
  if (loadBalancerArn !== undefined && arns.length > 0) {
    throw validationError('Listener ARNs and a load balancer ARN cannot be specified at the same time');
  }
  let selected: ListenerRecord[];
  if (arns.length > 0) selected = arns.map((arn) => listenerOrThrow(state, arn));
  else if (loadBalancerArn !== undefined) {
    const loadBalancer = loadBalancerOrThrow(state, loadBalancerArn);
    selected = [...loadBalancer.listenerArns].map((arn) => listenerOrThrow(state, arn));
  } else {
    throw validationError('You must specify either listener ARNs or a load balancer ARN');
  }
  const page = paginate(selected, input);
  return {
    Listeners: page.items.map((listener) => renderListener(state, listener)),
    NextMarker: page.nextMarker,
  };
}

export function modifyListener(raw: JsonObject, context: RequestContext): JsonObject {
  const input = reader(raw);
  const state = context.world.get(ELBV2_STATE);
  const listener = listenerOrThrow(state, input.requiredString('ListenerArn'));
  const loadBalancer = loadBalancerOrThrow(state, listener.loadBalancerArn);
  const settings = readSettings(input, loadBalancer, listener);
  const other = listenerOnPort(state, loadBalancer, settings.port);
  if (other !== undefined && other.arn !== listener.arn) {
    throw elbError('DuplicateListener', `A listener already exists on port ${settings.port ?? ''}`);
  }
  const actions = input.has('DefaultActions')
    ? readActions(input, 'DefaultActions', state, loadBalancer)
    : undefined;
  Object.assign(listener, settings);
  const defaultRule = state.rules.get(listener.defaultRuleArn);
  if (actions !== undefined && defaultRule !== undefined) setRuleActions(state, defaultRule, actions);
  return { Listeners: [renderListener(state, listener)] };
}

export function deleteListener(raw: JsonObject, context: RequestContext): JsonObject {
  const input = reader(raw);
  const state = context.world.get(ELBV2_STATE);
  const arn = input.requiredString('ListenerArn');
  listenerOrThrow(state, arn);
  deleteListenerRecord(state, arn);
  return {};
}
