import type { OutgoingResponse } from '../core/http.ts';
import { isJsonObject, type JsonObject } from '../core/json.ts';
import type { RegionWorld } from '../core/world.ts';
import { forwardRequest } from './forward-traffic.ts';
import { type ListenerRequest, ruleMatches } from './request-match.ts';
import { ELBV2_STATE, type Elbv2State, type ListenerRecord, type RuleRecord } from './state.ts';

const LOAD_BALANCER_HEADERS = { server: 'awselb/2.0' };
const DEFAULT_PORTS: Readonly<Record<string, number>> = { http: 80, https: 443 };

/** The first rule by priority whose conditions all match, else the default rule. */
function matchingRule(
  state: Elbv2State,
  listener: ListenerRecord,
  request: ListenerRequest,
): RuleRecord | undefined {
  const byPriority = [...listener.rulesByPriority.entries()].sort(([a], [b]) => a - b);
  for (const [, arn] of byPriority) {
    const rule = state.rules.get(arn);
    if (rule !== undefined && ruleMatches(rule.conditions, request)) return rule;
  }
  return state.rules.get(listener.defaultRuleArn);
}

function configOf(action: JsonObject, name: string): JsonObject {
  const config = action[name];
  return isJsonObject(config) ? config : {};
}

function text(config: JsonObject, name: string, fallback: string): string {
  const value = config[name];
  return typeof value === 'string' ? value : fallback;
}

function fixedResponse(action: JsonObject): OutgoingResponse {
  const config = configOf(action, 'FixedResponseConfig');
  return {
    status: Number(text(config, 'StatusCode', '200')),
    headers: { ...LOAD_BALANCER_HEADERS, 'content-type': text(config, 'ContentType', 'text/plain') },
    body: text(config, 'MessageBody', ''),
  };
}

/** A redirect's Location: each part with #{protocol}, #{host}, #{port}, #{path} and #{query} filled in. */
function redirect(action: JsonObject, listener: ListenerRecord, request: ListenerRequest): OutgoingResponse {
  const config = configOf(action, 'RedirectConfig');
  const values: Readonly<Record<string, string>> = {
    protocol: (listener.protocol ?? 'HTTP').toLowerCase(),
    host: request.host,
    port: String(listener.port ?? 80),
    path: request.path.replace(/^\//, ''),
    query: request.rawQuery,
  };
  const fill = (part: string): string =>
    part.replace(/#\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
  const protocol = fill(text(config, 'Protocol', '#{protocol}')).toLowerCase();
  const port = fill(text(config, 'Port', '#{port}'));
  const shownPort = DEFAULT_PORTS[protocol] === Number(port) ? '' : `:${port}`;
  const host = fill(text(config, 'Host', '#{host}'));
  const path = fill(text(config, 'Path', '/#{path}'));
  const query = fill(text(config, 'Query', '#{query}'));
  const location = `${protocol}://${host}${shownPort}${path}${query === '' ? '' : `?${query}`}`;
  const status = text(config, 'StatusCode', 'HTTP_301') === 'HTTP_302' ? 302 : 301;
  return { status, headers: { ...LOAD_BALANCER_HEADERS, location }, body: '' };
}

/**
 * A request on an HTTP listener, as an Application Load Balancer handles it: the first matching
 * rule's terminal action (forward, redirect or fixed-response). Authenticate actions before it
 * let every request through: there is no identity provider here.
 */
export function listenerAnswer(
  world: RegionWorld,
  listener: ListenerRecord,
  request: ListenerRequest,
): OutgoingResponse {
  const rule = matchingRule(world.get(ELBV2_STATE), listener, request);
  for (const action of rule?.actions ?? []) {
    if (action.Type === 'fixed-response') return fixedResponse(action);
    if (action.Type === 'redirect') return redirect(action, listener, request);
    if (action.Type === 'forward' && rule !== undefined) return forwardRequest(world, rule.arn, action);
  }
  return {
    status: 500,
    headers: { 'content-type': 'text/plain' },
    body: `listener ${listener.arn} has no forward, redirect or fixed-response action`,
  };
}
