import { Accounts, type Caller, rootOf } from './core/accounts.ts';
import { AwsError, isAwsError } from './core/aws-error.ts';
import { type ImageBehaviour, ImageBehaviours } from './core/behaviours.ts';
import { Clock } from './core/clock.ts';
import type { RequestContext } from './core/context.ts';
import { credentialScopeOf } from './core/credential-scope.ts';
import { expiredTokenError } from './core/expired-token.ts';
import { Faults } from './core/faults.ts';
import type { IncomingRequest, OutgoingResponse } from './core/http.ts';
import { requestId } from './core/ids.ts';
import { RequestLog } from './core/request-log.ts';
import type { EmulatedService } from './core/service.ts';
import { Throttle } from './core/throttle.ts';
import { type RegionWorld, Worlds } from './core/world.ts';
import { SERVICES } from './registry.ts';

export interface EmulatorSettings {
  readonly clock: 'real' | 'manual';
  readonly throttling: boolean;
  readonly accountId: string;
  readonly defaultRegion: string;
}

export type Dispatch =
  | { readonly kind: 'response'; readonly response: OutgoingResponse; readonly latencyMs: number }
  | { readonly kind: 'drop'; readonly latencyMs: number }
  | { readonly kind: 'unrouted' };

/** The emulated AWS: accounts, state, clock, faults, throttling and request counts; no sockets. */
export class Emulator {
  readonly settings: EmulatorSettings;
  readonly clock: Clock;
  readonly worlds: Worlds;
  readonly accounts: Accounts;
  readonly behaviours = new ImageBehaviours();
  readonly faults = new Faults();
  readonly requests = new RequestLog();
  readonly throttle: Throttle;
  readonly services: readonly EmulatedService[];

  constructor(settings: EmulatorSettings, services: readonly EmulatedService[] = SERVICES) {
    this.settings = settings;
    this.clock = new Clock(settings.clock);
    this.worlds = new Worlds(settings.accountId);
    this.accounts = new Accounts(settings.accountId);
    this.throttle = new Throttle(settings.throttling);
    this.services = services;
  }

  dispatch(request: IncomingRequest): Dispatch {
    const routed = this.#route(request);
    if (routed === undefined) return { kind: 'unrouted' };
    const { service, operation } = routed;
    const action = `${service.name}:${operation}`;
    const scope = credentialScopeOf(request);
    const caller = this.accounts.callerOf(scope?.accessKeyId);
    const world = this.worlds.region(scope?.region ?? this.settings.defaultRegion, caller.accountId);
    const context = this.#context(world, caller);
    const latencyMs = this.faults.latencyFor(action, caller.accountId);
    const answer = (error: AwsError, outcome: 'error' | 'throttled' | 'fault'): Dispatch => {
      this.requests.record(action, outcome, caller.accountId);
      return { kind: 'response', response: service.binding.renderError(error, context), latencyMs };
    };

    const fault = this.faults.decide(action, caller.accountId);
    if (fault.kind === 'drop') {
      this.requests.record(action, 'fault', caller.accountId);
      return { kind: 'drop', latencyMs };
    }
    if (fault.kind === 'throttle') return answer(this.#throttlingError(service), 'throttled');
    if (fault.kind === 'error') return answer(new AwsError(fault.code, fault.message, fault.status), 'fault');
    if (caller.expiresAt !== undefined && context.now() >= caller.expiresAt) {
      return answer(expiredTokenError(request), 'error');
    }
    const group = service.throttleGroup(operation);
    if (!this.throttle.admit(caller.accountId, world.region, service.name, group, context.now())) {
      return answer(this.#throttlingError(service), 'throttled');
    }

    this.tickRegion(world);
    try {
      const response = service.binding.handle(operation, request, context);
      this.requests.record(action, 'ok', caller.accountId);
      return { kind: 'response', response, latencyMs };
    } catch (error) {
      if (isAwsError(error)) return answer(error, 'error');
      const message = error instanceof Error ? error.message : String(error);
      return answer(new AwsError('InternalFailure', `Emulator error: ${message}`, 500), 'fault');
    }
  }

  /** Runs every service's simulated life up to the clock's present. */
  tickRegion(world: RegionWorld): void {
    const now = this.clock.now();
    for (const service of this.services) service.tick?.({ world, now, behaviours: this.behaviours });
  }

  tickAll(): void {
    for (const world of this.worlds.all()) this.tickRegion(world);
  }

  advance(ms: number): number {
    const now = this.clock.advance(ms);
    this.tickAll();
    return now;
  }

  setImageBehaviour(image: string, behaviour: ImageBehaviour): void {
    this.behaviours.set(image, behaviour);
  }

  reset(): void {
    this.worlds.reset();
    this.behaviours.reset();
    this.faults.clear();
    this.requests.reset();
    this.throttle.reset();
    this.accounts.reset();
  }

  /** A context as for a request of the account's root user (the default account unless given). */
  context(region: string, accountId = this.settings.accountId): RequestContext {
    return this.#context(this.worlds.region(region, accountId), rootOf(accountId));
  }

  #context(world: RegionWorld, caller: Caller): RequestContext {
    return {
      region: world.region,
      accountId: world.accountId,
      requestId: requestId(),
      now: () => this.clock.now(),
      world,
      behaviours: this.behaviours,
      caller,
      accounts: this.accounts,
    };
  }

  #route(request: IncomingRequest): { service: EmulatedService; operation: string } | undefined {
    for (const service of this.services) {
      const operation = service.binding.match(request);
      if (operation !== undefined) return { service, operation };
    }
    return undefined;
  }

  #throttlingError(service: EmulatedService): AwsError {
    return new AwsError(service.throttling.code, 'Rate exceeded', service.throttling.status);
  }
}
