import type { InputReader } from '../core/input.ts';
import { isJsonObject, type JsonObject, type JsonValue } from '../core/json.ts';
import { elbError, validationError } from './errors.ts';
import { objectList, reader } from './read.ts';
import type { Elbv2State, LoadBalancerRecord } from './state.ts';

const ACTION_TYPES = [
  'forward',
  'authenticate-oidc',
  'authenticate-cognito',
  'redirect',
  'fixed-response',
  'jwt-validation',
];
const MAX_FORWARD_TARGET_GROUPS = 5;

function checkTargetGroup(state: Elbv2State, arn: string, loadBalancer: LoadBalancerRecord): void {
  const targetGroup = state.targetGroups.get(arn);
  if (targetGroup === undefined) throw elbError('TargetGroupNotFound', `Target group '${arn}' not found`);
  const httpGroup = targetGroup.protocol === 'HTTP' || targetGroup.protocol === 'HTTPS';
  if (loadBalancer.type === 'application' && !httpGroup && targetGroup.targetType !== 'lambda') {
    throw elbError(
      'IncompatibleProtocols',
      `Target group '${arn}' has protocol ${targetGroup.protocol ?? 'none'}, not supported by an application load balancer`,
    );
  }
  for (const other of targetGroup.usedBy.values()) {
    if (other !== loadBalancer.arn) {
      throw elbError(
        'TargetGroupAssociationLimit',
        `The following target groups cannot be associated with more than one load balancer: ${arn}`,
      );
    }
  }
}

/** A forward action as AWS returns it: TargetGroupArn (one group only) and ForwardConfig, both filled. */
function forwardAction(action: InputReader, state: Elbv2State, loadBalancer: LoadBalancerRecord): JsonObject {
  const single = action.string('TargetGroupArn');
  const config = action.nested('ForwardConfig');
  const tuples = objectList(config, 'TargetGroups').map((tuple) => {
    const entry = reader(tuple);
    return {
      TargetGroupArn: entry.requiredString('TargetGroupArn'),
      Weight: entry.number('Weight', { min: 0, max: 999 }) ?? 1,
    };
  });
  if (single === undefined && tuples.length === 0) {
    throw validationError('A target group ARN must be specified for a forward action');
  }
  if (
    single !== undefined &&
    tuples.length > 0 &&
    (tuples.length !== 1 || tuples[0]?.TargetGroupArn !== single)
  ) {
    throw validationError(
      'You cannot specify both a target group ARN and a forward config with different target groups',
    );
  }
  const groups = tuples.length > 0 ? tuples : [{ TargetGroupArn: single as string, Weight: 1 }];
  if (groups.length > MAX_FORWARD_TARGET_GROUPS) {
    throw elbError(
      'TooManyTargetGroups',
      `A forward action can have at most ${MAX_FORWARD_TARGET_GROUPS} target groups`,
    );
  }
  if (new Set(groups.map((group) => group.TargetGroupArn)).size !== groups.length) {
    throw validationError('A target group cannot be specified more than once in a forward action');
  }
  for (const group of groups) checkTargetGroup(state, group.TargetGroupArn, loadBalancer);
  if (loadBalancer.type === 'gateway') {
    // A Gateway Load Balancer's forward config comes back bare: no weights, no stickiness
    // (AWS CLI create-listener reference, example 6).
    return {
      TargetGroupArn: groups.length === 1 ? groups[0]?.TargetGroupArn : undefined,
      ForwardConfig: { TargetGroups: groups.map(({ TargetGroupArn }) => ({ TargetGroupArn })) },
    };
  }
  const stickiness = config.nested('TargetGroupStickinessConfig');
  const enabled = stickiness.boolean('Enabled') ?? false;
  const duration = stickiness.number('DurationSeconds', { min: 1, max: 604800 });
  if (enabled && duration === undefined)
    throw validationError('DurationSeconds is required when stickiness is enabled');
  return {
    TargetGroupArn: groups.length === 1 ? groups[0]?.TargetGroupArn : undefined,
    ForwardConfig: {
      TargetGroups: groups,
      TargetGroupStickinessConfig: { Enabled: enabled, DurationSeconds: enabled ? duration : undefined },
    },
  };
}

function redirectAction(action: InputReader): JsonObject {
  const config = action.nested('RedirectConfig');
  return {
    RedirectConfig: {
      Protocol: config.string('Protocol', { pattern: /^(HTTPS?|#\{protocol\})$/ }) ?? '#{protocol}',
      Port: config.string('Port') ?? '#{port}',
      Host: config.string('Host', { min: 1, max: 128 }) ?? '#{host}',
      Path: config.string('Path', { min: 1, max: 128 }) ?? '/#{path}',
      Query: config.string('Query', { max: 128 }) ?? '#{query}',
      StatusCode: config.requiredString('StatusCode', { oneOf: ['HTTP_301', 'HTTP_302'] }),
    },
  };
}

function fixedResponseAction(action: InputReader): JsonObject {
  const config = action.nested('FixedResponseConfig');
  return {
    FixedResponseConfig: {
      MessageBody: config.string('MessageBody', { max: 1024 }),
      StatusCode: config.requiredString('StatusCode', { pattern: /^(2|4|5)\d\d$/ }),
      ContentType: config.string('ContentType', {
        oneOf: ['text/plain', 'text/css', 'text/html', 'application/javascript', 'application/json'],
      }),
    },
  };
}

/** Any other action type is kept as sent, minus the members that belong to other types. */
function otherAction(raw: JsonObject, type: string): JsonObject {
  const configName: Readonly<Record<string, string>> = {
    'authenticate-oidc': 'AuthenticateOidcConfig',
    'authenticate-cognito': 'AuthenticateCognitoConfig',
    'jwt-validation': 'JwtValidationConfig',
  };
  const name = configName[type] as string;
  const config = raw[name];
  if (!isJsonObject(config)) throw validationError(`${name} must be specified for a ${type} action`);
  return { [name]: structuredClone(config) };
}

/**
 * Reads and checks a list of actions, returning them in AWS's answer form: by order, forward
 * actions with both forms.
 */
export function readActions(
  input: InputReader,
  name: string,
  state: Elbv2State,
  loadBalancer: LoadBalancerRecord,
): JsonObject[] {
  const raws = objectList(input, name);
  if (raws.length === 0) throw validationError(`${name} must contain at least one action`);
  const actions = raws.map((raw): JsonObject => {
    const action = reader(raw);
    const type = action.requiredString('Type', { oneOf: ACTION_TYPES });
    // Order comes back only when it was given (AWS CLI modify-listener and create-listener
    // reference examples); it is required once there is more than one action (Action.Order).
    const order = action.number('Order', { min: 1, max: 50000 });
    if (order === undefined && raws.length > 1) {
      throw validationError('An order must be specified for each action when there is more than one');
    }
    let body: JsonObject;
    if (type === 'forward') body = forwardAction(action, state, loadBalancer);
    else if (type === 'redirect') body = redirectAction(action);
    else if (type === 'fixed-response') body = fixedResponseAction(action);
    else body = otherAction(raw, type);
    return { Type: type, Order: order, ...body };
  });
  const terminal = actions.filter((action) =>
    ['forward', 'redirect', 'fixed-response'].includes(String(action.Type)),
  );
  if (terminal.length !== 1) {
    throw elbError(
      'InvalidLoadBalancerAction',
      'Exactly one forward, redirect or fixed-response action must be specified',
    );
  }
  if (new Set(actions.map((action) => action.Order)).size !== actions.length) {
    throw validationError('Action orders must be unique');
  }
  return actions.sort((a, b) => Number(a.Order ?? 0) - Number(b.Order ?? 0));
}

/** The target groups that a list of stored actions forwards to. */
export function forwardedTargetGroups(actions: readonly JsonObject[]): string[] {
  const arns = new Set<string>();
  for (const action of actions) {
    const config = action.ForwardConfig;
    if (!isJsonObject(config) || !Array.isArray(config.TargetGroups)) continue;
    for (const tuple of config.TargetGroups as JsonValue[]) {
      if (isJsonObject(tuple) && typeof tuple.TargetGroupArn === 'string') arns.add(tuple.TargetGroupArn);
    }
  }
  return [...arns];
}
