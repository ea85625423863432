import type { Service } from '@aws-sdk/client-ecs';
import type { LoadedManifest } from '../../manifest/manifest.ts';
import type { ProviderRegistry } from '../../providers/registry.ts';
import type { HealthMemory, ProviderContext } from '../../providers/types.ts';
import type { CheckVerdict } from './check-types.ts';
import type { GateLookups, ManualDecision } from './gate.ts';
import { evaluateRemote } from './remote-checks.ts';

/** What the operator gives the gate: the manual decisions taken through the API. */
export interface RolloutGateDeps {
  manual(identity: string, deployment: string, hookId: string): ManualDecision | undefined;
  /** A plain HTTP proxy the http checks go through (to reach internal load balancers; the emulator is one). */
  readonly probeProxy?: string;
}

interface Sources {
  readonly providers: ProviderRegistry;
  readonly context: ProviderContext;
  /** The live Service: an http check by `path` goes through its test listener. */
  readonly service: Service | undefined;
  manifest(identity: string): LoadedManifest | undefined;
  memory(identity: string): HealthMemory;
  persist(raw: string): Promise<void>;
}

/** A Job check: passes once the Job's current run exited 0, fails when it failed, else waits. */
export function jobVerdict(service: LoadedManifest, name: string, sources: Sources): CheckVerdict {
  const identity = `Job/${service.metadata.namespace}/${name}`;
  const job = sources.manifest(identity);
  if (job === undefined) return { state: 'pending', message: `no Job ${name} in this namespace` };
  const holds = sources.providers
    .get('Job')
    .holdsDependents?.(job, sources.memory(identity), sources.context);
  if (holds === undefined) return { state: 'pass', message: `${identity} exited 0` };
  if (holds.startsWith('it failed')) return { state: 'fail', message: `${identity}: ${holds}` };
  return { state: 'pending', message: `${identity}: ${holds}` };
}

export function gateLookups(
  service: LoadedManifest,
  deps: RolloutGateDeps | undefined,
  sources: Sources,
): GateLookups {
  return {
    job: (name) => jobVerdict(service, name, sources),
    manual: (deployment, hookId) => deps?.manual(service.identity, deployment, hookId),
    remote: (check, memory, nowMs) =>
      evaluateRemote(check, memory, nowMs, sources.context, {
        service: sources.service,
        ...(deps?.probeProxy === undefined ? {} : { probeProxy: deps.probeProxy }),
      }),
    persist: sources.persist,
  };
}
