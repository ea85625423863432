import type { AwsError } from './aws-error.ts';
import type { ImageBehaviours } from './behaviours.ts';
import type { RequestContext } from './context.ts';
import type { IncomingRequest, OutgoingResponse } from './http.ts';
import type { JsonObject, JsonValue } from './json.ts';
import type { RegionWorld } from './world.ts';

/** Speaks one wire protocol for one service. */
export interface ProtocolBinding {
  /** The operation name when this binding owns the request, else undefined. */
  match(request: IncomingRequest): string | undefined;
  /** Answers the operation; throws AwsError for an AWS error answer. */
  handle(operation: string, request: IncomingRequest, context: RequestContext): OutgoingResponse;
  renderError(error: AwsError, context: RequestContext): OutgoingResponse;
}

/** A control action under /_emulator/<service>/<action>, for tests and dev mode. */
export type ControlAction = (input: JsonObject, world: RegionWorld, now: number) => JsonValue;

export interface TickContext {
  readonly world: RegionWorld;
  readonly now: number;
  readonly behaviours: ImageBehaviours;
}

export interface EmulatedService {
  /** Short name used in request counts, faults and control paths: ecs, elbv2, efs, servicediscovery, autoscaling. */
  readonly name: string;
  /** The SigV4 signing name clients use for this service. */
  readonly signingName: string;
  readonly binding: ProtocolBinding;
  /** The error code and HTTP status this service answers when throttling. */
  readonly throttling: { readonly code: string; readonly status: number };
  /** Throttling group of an operation (see rates.ts). */
  throttleGroup(operation: string): string;
  /** Moves simulated life forward to `now` (tasks starting, targets turning healthy, ...). */
  tick?(context: TickContext): void;
  readonly control?: Readonly<Record<string, ControlAction>>;
}
