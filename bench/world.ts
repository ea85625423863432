import { setTimeout as sleep } from 'node:timers/promises';
import { type AwsClients, type CallGate, createAwsClients } from '../src/aws/clients.ts';
import { rateLimitedGate } from '../src/aws/rate-gate.ts';
import { apply } from '../src/converge/apply.ts';
import { inCreateOrder } from '../src/converge/ordered.ts';
import { EmulatorControl } from '../src/emulator/control-client.ts';
import { type RunningEmulator, startEmulator } from '../src/emulator/server.ts';
import type { Revision } from '../src/manifest/index.ts';
import { defaultProviders } from '../src/providers/all.ts';
import { ownershipFor } from '../src/providers/ownership.ts';
import type { ProviderRegistry } from '../src/providers/registry.ts';
import type { ProviderContextBase } from '../src/providers/types.ts';
import type { RateLimiters } from '../src/reconcile/index.ts';

export const INSTANCE = 'bench';
export const REGION = 'us-east-1';
export const CREDENTIALS = { accessKeyId: 'bench', secretAccessKey: 'bench' };

/** The emulator on real time, with counted SDK clients against it. */
export interface World {
  readonly emulator: RunningEmulator;
  readonly control: EmulatorControl;
  readonly aws: AwsClients;
  readonly providers: ProviderRegistry;
  readonly base: ProviderContextBase;
  readonly limiters?: RateLimiters;
  close(): Promise<void>;
}

export interface WorldOptions {
  readonly throttling: boolean;
  /** Put Shipshape's own token buckets (the production gate) in front of every call. */
  readonly rateLimited: boolean;
  readonly maxAttempts?: number;
  /** The share of AWS's rates the token buckets use (production default 0.5). */
  readonly share?: number;
}

export function clientsFor(endpoint: string, gate?: CallGate, maxAttempts = 3): AwsClients {
  return createAwsClients({ region: REGION, endpoint, credentials: CREDENTIALS, maxAttempts }, gate);
}

export async function startWorld(options: WorldOptions): Promise<World> {
  const emulator = await startEmulator({ clock: 'real', throttling: options.throttling });
  const rate = options.rateLimited
    ? rateLimitedGate(options.share === undefined ? {} : { share: options.share })
    : undefined;
  const aws = clientsFor(emulator.endpoint, rate?.gate, options.maxAttempts);
  const providers = defaultProviders();
  return {
    emulator,
    control: new EmulatorControl(emulator.endpoint),
    aws,
    providers,
    base: { aws, ownership: ownershipFor(INSTANCE) },
    ...(rate === undefined ? {} : { limiters: rate.limiters }),
    async close() {
      aws.destroy();
      await emulator.close();
    },
  };
}

/** Creates everything in the revision as fast as the emulator allows (throttling is switched off meanwhile). */
export async function seed(world: World, revision: Revision): Promise<void> {
  const throttled = world.emulator.emulator.throttle.enabled;
  await world.control.setThrottling(false);
  const fast = clientsFor(world.emulator.endpoint);
  try {
    const result = await apply(
      inCreateOrder(revision),
      world.providers,
      { aws: fast, ownership: ownershipFor(INSTANCE) },
      { prune: false, sleep: (ms) => sleep(Math.min(ms, 500)), maxPasses: 40 },
    );
    if (!result.converged) {
      const left = result.lastPlan.changes.filter((c) => c.action !== 'noop').slice(0, 5);
      throw new Error(
        `seeding did not converge: ${JSON.stringify(result.failures.slice(0, 5))} ${left.map((c) => `${c.identity}:${c.action}`).join(', ')}`,
      );
    }
  } finally {
    fast.destroy();
    await world.control.setThrottling(throttled);
  }
}
