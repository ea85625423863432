import { isAccountId } from './core/accounts.ts';
import type { ImageBehaviour } from './core/behaviours.ts';
import type { FaultRule } from './core/faults.ts';
import type { IncomingRequest, OutgoingResponse } from './core/http.ts';
import { isJsonObject, type JsonObject, type JsonValue } from './core/json.ts';
import type { Emulator } from './emulator.ts';

export const CONTROL_PREFIX = '/_emulator';

const BEHAVIOURS: readonly ImageBehaviour[] = ['healthy', 'crash', 'unhealthy'];

class ControlError extends Error {
  readonly status: number;
  constructor(message: string, status = 400) {
    super(message);
    this.status = status;
  }
}

function json(status: number, body: JsonValue): OutgoingResponse {
  return { status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}

function parseBody(body: string): JsonObject {
  if (body.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new ControlError('body is not valid JSON');
  }
  if (!isJsonObject(parsed)) throw new ControlError('body must be a JSON object');
  return parsed;
}

function numberField(body: JsonObject, name: string): number | undefined {
  const value = body[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value))
    throw new ControlError(`${name} must be a number`);
  return value;
}

function faultRule(body: JsonObject): FaultRule {
  const action = body.action;
  if (typeof action !== 'string')
    throw new ControlError('action must be a string such as "ecs:DescribeServices"');
  const rule: { -readonly [K in keyof FaultRule]: FaultRule[K] } = { action };
  const account = optionalAccount(body.account);
  if (account !== undefined) rule.account = account;
  for (const name of ['errorRate', 'throttleRate', 'timeoutRate', 'latencyMs', 'count'] as const) {
    const value = numberField(body, name);
    if (value !== undefined) rule[name] = value;
  }
  const error = body.error;
  if (error !== undefined) {
    if (!isJsonObject(error) || typeof error.code !== 'string')
      throw new ControlError('error.code must be a string');
    const message = typeof error.message === 'string' ? error.message : undefined;
    const status = typeof error.status === 'number' ? error.status : undefined;
    rule.error = {
      code: error.code,
      ...(message === undefined ? {} : { message }),
      ...(status === undefined ? {} : { status }),
    };
  }
  return rule;
}

/** An `account` given to a control route: 12 digits, or undefined when not given. */
function optionalAccount(value: JsonValue | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !isAccountId(value)) throw new ControlError('account must be 12 digits');
  return value;
}

function declareRole(emulator: Emulator, body: JsonObject): JsonObject {
  const { roleArn, externalId } = body;
  if (typeof roleArn !== 'string') throw new ControlError('roleArn must be a string');
  if (externalId !== undefined && typeof externalId !== 'string') {
    throw new ControlError('externalId must be a string');
  }
  const role = emulator.accounts.roles.declare({
    roleArn,
    externalId,
    maxSessionSeconds: numberField(body, 'maxSessionDuration'),
  });
  return { roleArn: role.arn, roleId: role.roleId, accountId: role.accountId };
}

/**
 * The control endpoint, apart from the AWS paths: reset, clock, request
 * counts, faults, throttling, image behaviours, accounts' keys, STS roles,
 * and each service's own actions at
 * /_emulator/<service>/<action>?region=<region>&account=<account id>.
 */
export function handleControl(emulator: Emulator, request: IncomingRequest): OutgoingResponse {
  try {
    return route(emulator, request);
  } catch (error) {
    if (error instanceof ControlError) return json(error.status, { error: error.message });
    const message = error instanceof Error ? error.message : String(error);
    return json(400, { error: message });
  }
}

function route(emulator: Emulator, request: IncomingRequest): OutgoingResponse {
  const path = request.path.slice(CONTROL_PREFIX.length).replace(/\/+$/, '') || '/';
  const key = `${request.method} ${path}`;
  switch (key) {
    case 'GET /health':
      return json(200, { ok: true });
    case 'POST /reset':
      emulator.reset();
      return json(200, { ok: true });
    case 'GET /clock':
      return json(200, { now: emulator.clock.now(), mode: emulator.clock.mode });
    case 'POST /clock/advance': {
      const body = parseBody(request.body);
      const ms = (numberField(body, 'ms') ?? 0) + (numberField(body, 'seconds') ?? 0) * 1000;
      return json(200, { now: emulator.advance(ms) });
    }
    case 'GET /requests': {
      const account = optionalAccount(request.query.get('account') ?? undefined);
      return json(200, emulator.requests.snapshot(account));
    }
    case 'POST /requests/reset':
      emulator.requests.reset();
      return json(200, { ok: true });
    case 'POST /accounts/keys': {
      const { accessKeyId, accountId } = parseBody(request.body);
      if (typeof accessKeyId !== 'string') throw new ControlError('accessKeyId must be a string');
      if (typeof accountId !== 'string') throw new ControlError('accountId must be a string of 12 digits');
      emulator.accounts.registerKey(accessKeyId, accountId);
      return json(200, { ok: true });
    }
    case 'POST /sts/roles':
      return json(200, declareRole(emulator, parseBody(request.body)));
    case 'GET /faults':
      return json(200, emulator.faults.list() as unknown as JsonValue);
    case 'POST /faults':
      emulator.faults.add(faultRule(parseBody(request.body)));
      return json(200, { ok: true });
    case 'DELETE /faults':
      emulator.faults.clear();
      return json(200, { ok: true });
    case 'POST /faults/seed':
      emulator.faults.seed(numberField(parseBody(request.body), 'seed') ?? 1);
      return json(200, { ok: true });
    case 'GET /throttling':
      return json(200, { enabled: emulator.throttle.enabled });
    case 'POST /throttling': {
      const enabled = parseBody(request.body).enabled;
      if (typeof enabled !== 'boolean') throw new ControlError('enabled must be a boolean');
      emulator.throttle.enabled = enabled;
      emulator.throttle.reset();
      return json(200, { enabled });
    }
    case 'GET /images':
      return json(200, Object.fromEntries(emulator.behaviours.entries()));
    case 'POST /images': {
      const body = parseBody(request.body);
      const { image, behaviour } = body;
      if (typeof image !== 'string') throw new ControlError('image must be a string');
      if (typeof behaviour !== 'string' || !BEHAVIOURS.includes(behaviour as ImageBehaviour)) {
        throw new ControlError(`behaviour must be one of ${BEHAVIOURS.join(', ')}`);
      }
      emulator.setImageBehaviour(image, behaviour as ImageBehaviour);
      return json(200, { ok: true });
    }
    default:
      return serviceAction(emulator, request, path);
  }
}

function serviceAction(emulator: Emulator, request: IncomingRequest, path: string): OutgoingResponse {
  const [, serviceName, actionName] = path.split('/');
  const service = emulator.services.find((candidate) => candidate.name === serviceName);
  const action = actionName === undefined ? undefined : service?.control?.[actionName];
  if (request.method !== 'POST' || service === undefined || action === undefined) {
    throw new ControlError(`no control route ${request.method} ${CONTROL_PREFIX}${path}`, 404);
  }
  const region = request.query.get('region') ?? emulator.settings.defaultRegion;
  const { account, ...input } = parseBody(request.body);
  const accountId = optionalAccount(request.query.get('account') ?? account) ?? emulator.settings.accountId;
  const world = emulator.worlds.region(region, accountId);
  emulator.tickRegion(world);
  const result = action(input, world, emulator.clock.now());
  return json(200, result);
}
