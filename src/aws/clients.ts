import { AsyncLocalStorage } from 'node:async_hooks';
import { ApplicationAutoScalingClient } from '@aws-sdk/client-application-auto-scaling';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { ECSClient } from '@aws-sdk/client-ecs';
import { EFSClient } from '@aws-sdk/client-efs';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { ServiceDiscoveryClient } from '@aws-sdk/client-servicediscovery';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import { currentCallSignal } from './call-scope.ts';
import { type CallOutcome, CallStats, isThrottlingError } from './call-stats.ts';
import { retryOnExpiredToken } from './expired-token-retry.ts';
import type { MiddlewareStack } from './middleware-stack.ts';

/** Waits for permission before each HTTP attempt and hears how it went: the loop's rate limiters plug in here. */
export interface CallGate {
  before(service: AwsService, operation: string, signal?: AbortSignal): Promise<void>;
  after(service: AwsService, operation: string, outcome: CallOutcome): void;
}

export type AwsService = 'ecs' | 'elbv2' | 'efs' | 'servicediscovery' | 'autoscaling' | 'cloudwatch';

export interface AwsSettings {
  readonly region: string;
  /** A custom endpoint for every service (the emulator, LocalStack); else AWS_ENDPOINT_URL or AWS's own. */
  readonly endpoint?: string;
  readonly credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  /** SDK attempts per call; the loop's own backoff does the rest. Default 3. */
  readonly maxAttempts?: number;
  /** One call, every attempt and the waits between them included. Default 60 s. */
  readonly callTimeoutMs?: number;
  /** One HTTP attempt. Default 20 s. */
  readonly attemptTimeoutMs?: number;
  /** Aborts every call in flight and every call made after it fires (shutdown). */
  readonly signal?: AbortSignal;
  /**
   * Hears the access key id AWS answered ExpiredToken(Exception) to (e.g. an assumed role's
   * `invalidate`); the call is then made once more with the credentials asked for again.
   */
  readonly onExpiredToken?: (rejectedAccessKeyId: string | undefined) => void;
}

export interface AwsClients {
  readonly ecs: ECSClient;
  readonly elbv2: ElasticLoadBalancingV2Client;
  readonly efs: EFSClient;
  readonly servicediscovery: ServiceDiscoveryClient;
  readonly autoscaling: ApplicationAutoScalingClient;
  /** Alarm states for rollout gates. */
  readonly cloudwatch: CloudWatchClient;
  /** Calls, one per command (the SDK's retries are one call). */
  readonly stats: CallStats;
  /** HTTP attempts, retries included: what the rate gate counts. */
  readonly attempts: CallStats;
  destroy(): void;
}

export const DEFAULT_CALL_TIMEOUT_MS = 60_000;
export const DEFAULT_ATTEMPT_TIMEOUT_MS = 20_000;

interface Instrumentable {
  middlewareStack: MiddlewareStack<{ commandName?: string }>;
  send(command: unknown, options?: { abortSignal?: AbortSignal }): Promise<unknown>;
}

/** The signal an attempt's gate wait is bound to: the call's own, set by `send` below. */
const attemptSignal = new AsyncLocalStorage<AbortSignal>();

function operationOf(context: { commandName?: string }): string {
  return (context.commandName ?? 'Unknown').replace(/Command$/, '');
}

function outcomeOf(error: unknown): CallOutcome {
  return isThrottlingError(error) ? 'throttled' : 'error';
}

/**
 * Counts every call by operation and outcome; inside the SDK's retry loop, each HTTP attempt
 * waits at the gate and reports back, so one token covers one attempt.
 */
function instrument(
  client: Instrumentable,
  service: AwsService,
  counters: { stats: CallStats; attempts: CallStats },
  gate: CallGate | undefined,
): void {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const operation = operationOf(context);
      try {
        const result = await next(args);
        counters.stats.record(service, operation, 'ok');
        return result;
      } catch (error) {
        counters.stats.record(service, operation, outcomeOf(error));
        throw error;
      }
    },
    { step: 'initialize', name: 'shipshapeCallStats' },
  );
  client.middlewareStack.addRelativeTo(
    (next, context) => async (args) => {
      const operation = operationOf(context);
      await gate?.before(service, operation, attemptSignal.getStore());
      try {
        const result = await next(args);
        counters.attempts.record(service, operation, 'ok');
        gate?.after(service, operation, 'ok');
        return result;
      } catch (error) {
        const outcome = outcomeOf(error);
        counters.attempts.record(service, operation, outcome);
        gate?.after(service, operation, outcome);
        throw error;
      }
    },
    { relation: 'after', toMiddleware: 'retryMiddleware', name: 'shipshapeRateGate' },
  );
}

/** Every call gets a timeout, the shutdown signal and the signal of the work it is part of. */
function bindSignals(client: Instrumentable, settings: AwsSettings): void {
  const send = client.send.bind(client);
  const timeoutMs = settings.callTimeoutMs ?? DEFAULT_CALL_TIMEOUT_MS;
  client.send = (command, options) => {
    const signals = [AbortSignal.timeout(timeoutMs)];
    if (settings.signal !== undefined) signals.push(settings.signal);
    const scoped = currentCallSignal();
    if (scoped !== undefined) signals.push(scoped);
    if (options?.abortSignal !== undefined) signals.push(options.abortSignal);
    const abortSignal = AbortSignal.any(signals);
    return attemptSignal.run(abortSignal, () => send(command, { ...options, abortSignal }));
  };
}

/** The SDK clients Shipshape uses, all counted and gated; the only way providers reach AWS. */
export function createAwsClients(settings: AwsSettings, gate?: CallGate): AwsClients {
  const endpoint = settings.endpoint ?? process.env.AWS_ENDPOINT_URL;
  const config = {
    region: settings.region,
    maxAttempts: settings.maxAttempts ?? 3,
    requestHandler: { requestTimeout: settings.attemptTimeoutMs ?? DEFAULT_ATTEMPT_TIMEOUT_MS },
    ...(endpoint === undefined || endpoint === '' ? {} : { endpoint }),
    ...(settings.credentials === undefined ? {} : { credentials: settings.credentials }),
  };
  const counters = { stats: new CallStats(), attempts: new CallStats() };
  const clients = {
    ecs: new ECSClient(config),
    elbv2: new ElasticLoadBalancingV2Client(config),
    efs: new EFSClient(config),
    servicediscovery: new ServiceDiscoveryClient(config),
    autoscaling: new ApplicationAutoScalingClient(config),
    cloudwatch: new CloudWatchClient(config),
  };
  for (const [service, client] of Object.entries(clients)) {
    const instrumentable = client as unknown as Instrumentable;
    instrument(instrumentable, service as AwsService, counters, gate);
    if (settings.onExpiredToken !== undefined) retryOnExpiredToken(instrumentable, settings.onExpiredToken);
    bindSignals(instrumentable, settings);
  }
  return {
    ...clients,
    ...counters,
    destroy() {
      for (const client of Object.values(clients)) client.destroy();
    },
  };
}
