import { ApplicationAutoScalingClient } from '@aws-sdk/client-application-auto-scaling';
import { ECSClient } from '@aws-sdk/client-ecs';
import { EFSClient } from '@aws-sdk/client-efs';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { ServiceDiscoveryClient } from '@aws-sdk/client-servicediscovery';
import type { AwsCredentialIdentity } from '@smithy/types';
import { type CallOutcome, CallStats, isThrottlingError } from './call-stats.ts';

/** Waits for permission before a call and hears how it went: the reconcile loop's rate limiters plug in here. */
export interface CallGate {
  before(service: AwsService, operation: string, signal?: AbortSignal): Promise<void>;
  after(service: AwsService, operation: string, outcome: CallOutcome): void;
}

export type AwsService = 'ecs' | 'elbv2' | 'efs' | 'servicediscovery' | 'autoscaling';

export interface AwsSettings {
  readonly region: string;
  /** A custom endpoint for every service (the emulator, LocalStack); else AWS_ENDPOINT_URL or AWS's own. */
  readonly endpoint?: string;
  readonly credentials?: AwsCredentialIdentity;
  /** SDK attempts per call; the loop's own backoff does the rest. */
  readonly maxAttempts?: number;
}

export interface AwsClients {
  readonly ecs: ECSClient;
  readonly elbv2: ElasticLoadBalancingV2Client;
  readonly efs: EFSClient;
  readonly servicediscovery: ServiceDiscoveryClient;
  readonly autoscaling: ApplicationAutoScalingClient;
  readonly stats: CallStats;
  destroy(): void;
}

interface Instrumentable {
  middlewareStack: {
    add(
      middleware: (
        next: (args: unknown) => Promise<unknown>,
        context: { commandName?: string },
      ) => (args: unknown) => Promise<unknown>,
      options: { step: 'initialize'; name: string },
    ): void;
  };
}

/** Counts every call by operation and outcome and passes it through the gate. */
function instrument(
  client: Instrumentable,
  service: AwsService,
  stats: CallStats,
  gate: CallGate | undefined,
): void {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const operation = (context.commandName ?? 'Unknown').replace(/Command$/, '');
      await gate?.before(service, operation);
      try {
        const result = await next(args);
        stats.record(service, operation, 'ok');
        gate?.after(service, operation, 'ok');
        return result;
      } catch (error) {
        const outcome: CallOutcome = isThrottlingError(error) ? 'throttled' : 'error';
        stats.record(service, operation, outcome);
        gate?.after(service, operation, outcome);
        throw error;
      }
    },
    { step: 'initialize', name: 'shipshapeCallStats' },
  );
}

/** The SDK clients Shipshape uses, all counted; the only way providers reach AWS. */
export function createAwsClients(settings: AwsSettings, gate?: CallGate): AwsClients {
  const endpoint = settings.endpoint ?? process.env.AWS_ENDPOINT_URL;
  const config = {
    region: settings.region,
    maxAttempts: settings.maxAttempts ?? 3,
    ...(endpoint === undefined || endpoint === '' ? {} : { endpoint }),
    ...(settings.credentials === undefined ? {} : { credentials: settings.credentials }),
  };
  const stats = new CallStats();
  const clients = {
    ecs: new ECSClient(config),
    elbv2: new ElasticLoadBalancingV2Client(config),
    efs: new EFSClient(config),
    servicediscovery: new ServiceDiscoveryClient(config),
    autoscaling: new ApplicationAutoScalingClient(config),
  };
  for (const [service, client] of Object.entries(clients)) {
    instrument(client as unknown as Instrumentable, service as AwsService, stats, gate);
  }
  return {
    ...clients,
    stats,
    destroy() {
      for (const client of Object.values(clients)) client.destroy();
    },
  };
}
