import type { JsonObject, JsonValue } from '../../diff/index.ts';
import { pruneEmptyObject } from '../prune-empty.ts';
import { asList, asObject } from './member-case.ts';

/** What AWS fills into a redirect it was not told (RedirectActionConfig in the model). */
const REDIRECT_DEFAULTS: JsonObject = {
  protocol: '#{protocol}',
  port: '#{port}',
  host: '#{host}',
  path: '/#{path}',
  query: '#{query}',
};

/** Authentication defaults (Authenticate*ActionConfig in the model). */
const AUTHENTICATE_DEFAULTS: JsonObject = {
  scope: 'openid',
  sessionCookieName: 'AWSELBAuthSessionCookie',
  sessionTimeout: 604800,
  onUnauthenticatedRequest: 'authenticate',
};

/**
 * A forward action in one form whichever way it was written or returned (AWS
 * answers with both TargetGroupArn and ForwardConfig, TF #20200): one target
 * group without stickiness is `targetGroupArn`; anything else is
 * `forwardConfig` with weights and stickiness filled in.
 */
function forward(action: JsonObject): JsonObject {
  const config = asObject(action.forwardConfig);
  const tuples = asList(config.targetGroups).map((tuple) => {
    const entry = asObject(tuple);
    return { targetGroupArn: entry.targetGroupArn ?? null, weight: entry.weight ?? 1 };
  });
  const groups = tuples.length > 0 ? tuples : [{ targetGroupArn: action.targetGroupArn ?? null, weight: 1 }];
  const stickiness = asObject(config.targetGroupStickinessConfig);
  const enabled = stickiness.enabled === true;
  const [only] = groups;
  if (groups.length === 1 && only !== undefined && !enabled) return { targetGroupArn: only.targetGroupArn };
  return {
    forwardConfig: {
      targetGroups: [...groups].sort((a, b) =>
        String(a.targetGroupArn).localeCompare(String(b.targetGroupArn)),
      ),
      targetGroupStickinessConfig: enabled
        ? { enabled, durationSeconds: stickiness.durationSeconds }
        : { enabled },
    },
  };
}

function body(type: string, action: JsonObject): JsonObject {
  switch (type) {
    case 'forward':
      return forward(action);
    case 'redirect':
      return { redirectConfig: { ...REDIRECT_DEFAULTS, ...asObject(action.redirectConfig) } };
    case 'fixed-response':
      return { fixedResponseConfig: action.fixedResponseConfig };
    case 'authenticate-oidc': {
      // AWS never returns the client secret.
      const {
        clientSecret: _secret,
        useExistingClientSecret: _reuse,
        ...config
      } = asObject(action.authenticateOidcConfig);
      return { authenticateOidcConfig: { ...AUTHENTICATE_DEFAULTS, ...config } };
    }
    case 'authenticate-cognito':
      return {
        authenticateCognitoConfig: {
          ...AUTHENTICATE_DEFAULTS,
          ...asObject(action.authenticateCognitoConfig),
        },
      };
    default:
      return { jwtValidationConfig: action.jwtValidationConfig };
  }
}

/**
 * Actions (spec form) as they are sent: each with its `order`, its position (from 1) where the
 * manifest leaves it out. AWS refuses several actions when one has no Order (Action.Order in the
 * model), and Terraform sends position + 1 the same way; `normaliseActions` reads the same order.
 */
export function withOrders(actions: JsonValue | undefined): JsonValue | undefined {
  if (actions === undefined) return undefined;
  return asList(actions).map((raw, index) => {
    const action = asObject(raw);
    return { ...action, order: action.order ?? index + 1 };
  });
}

/** Actions (spec form, references resolved, or AWS's answer in spec form) in one comparable form, by order. */
export function normaliseActions(actions: JsonValue | undefined): JsonObject[] {
  return asList(actions)
    .map((raw, index) => {
      const action = asObject(raw);
      const type = String(action.type ?? '');
      return pruneEmptyObject({ type, order: action.order ?? index + 1, ...body(type, action) });
    })
    .sort((a, b) => Number(a.order) - Number(b.order));
}

/** How actions are compared: by order, a forward's target groups by ARN. */
export function actionListRules(path: string): Record<string, { key: string }> {
  return { [path]: { key: 'order' }, [`${path}[].forwardConfig.targetGroups`]: { key: 'targetGroupArn' } };
}
