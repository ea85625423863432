import * as autoscaling from '@aws-sdk/client-application-auto-scaling';
import * as ecs from '@aws-sdk/client-ecs';
import * as efs from '@aws-sdk/client-efs';
import * as elbv2 from '@aws-sdk/client-elastic-load-balancing-v2';
import * as servicediscovery from '@aws-sdk/client-servicediscovery';
import type { FidelityService } from './case.ts';

interface SendingClient {
  send(command: object): Promise<unknown>;
  destroy(): void;
}
type CommandClass = new (input: Record<string, unknown>) => object;

const MODULES: Record<FidelityService, Record<string, unknown>> = {
  ecs,
  elbv2,
  efs,
  servicediscovery,
  'application-autoscaling': autoscaling,
};

const CLIENT_CLASSES: Record<FidelityService, new (config: object) => SendingClient> = {
  ecs: ecs.ECSClient,
  elbv2: elbv2.ElasticLoadBalancingV2Client,
  efs: efs.EFSClient,
  servicediscovery: servicediscovery.ServiceDiscoveryClient,
  'application-autoscaling': autoscaling.ApplicationAutoScalingClient,
};

/** The SDK command class for an operation, e.g. ('ecs', 'CreateService') → CreateServiceCommand. */
export function commandClass(service: FidelityService, operation: string): CommandClass | undefined {
  const found = MODULES[service][`${operation}Command`];
  return typeof found === 'function' ? (found as CommandClass) : undefined;
}

/** One real SDK client per service, all pointed at the emulator. */
export class FidelityClients {
  readonly #clients = new Map<FidelityService, SendingClient>();
  readonly #endpoint: string;
  readonly #region: string;

  constructor(endpoint: string, region: string) {
    this.#endpoint = endpoint;
    this.#region = region;
  }

  async send(service: FidelityService, operation: string, input: Record<string, unknown>): Promise<unknown> {
    const Command = commandClass(service, operation);
    if (Command === undefined) throw new Error(`the ${service} SDK has no ${operation}Command`);
    let client = this.#clients.get(service);
    if (client === undefined) {
      client = new CLIENT_CLASSES[service]({
        endpoint: this.#endpoint,
        region: this.#region,
        credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
        maxAttempts: 1,
      });
      this.#clients.set(service, client);
    }
    return client.send(new Command(structuredClone(input)));
  }

  destroy(): void {
    for (const client of this.#clients.values()) client.destroy();
  }
}
