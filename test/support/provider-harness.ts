import { type AwsClients, createAwsClients } from '../../src/aws/clients.ts';
import { type ApplyResult, apply } from '../../src/converge/apply.ts';
import { inCreateOrder } from '../../src/converge/ordered.ts';
import { plan } from '../../src/converge/plan.ts';
import type { Plan } from '../../src/converge/plan-types.ts';
import { EmulatorControl } from '../../src/emulator/control-client.ts';
import { type RunningEmulator, startEmulator } from '../../src/emulator/server.ts';
import { formatDiagnostic, type LoadedManifest, loadRevision } from '../../src/manifest/index.ts';
import { defaultProviders } from '../../src/providers/all.ts';
import { IdMap } from '../../src/providers/id-map.ts';
import { ownershipFor } from '../../src/providers/ownership.ts';
import type { ProviderRegistry } from '../../src/providers/registry.ts';
import { runTagCache } from '../../src/providers/tag-cache.ts';
import type { ProviderContext, ProviderContextBase } from '../../src/providers/types.ts';

/** The emulator, counted SDK clients and the providers, wired as `plan` and `apply` use them. */
export interface ProviderHarness {
  readonly emulator: RunningEmulator;
  readonly control: EmulatorControl;
  readonly aws: AwsClients;
  readonly providers: ProviderRegistry;
  readonly base: ProviderContextBase;
  /** A provider context for calling a provider by hand; `known` seeds its resolver. */
  context(known?: ReadonlyMap<string, { readonly ids: Readonly<Record<string, string>> }>): ProviderContext;
  /** Loads manifests from YAML texts keyed by file name; throws with every error if invalid. */
  load(files: Record<string, string>): LoadedManifest[];
  plan(manifests: readonly LoadedManifest[], prune?: boolean): Promise<Plan>;
  /** Applies, moving the emulator's clock instead of sleeping. */
  apply(manifests: readonly LoadedManifest[], prune?: boolean): Promise<ApplyResult>;
  close(): Promise<void>;
}

export async function startProviderHarness(instance = 'test'): Promise<ProviderHarness> {
  const emulator = await startEmulator();
  const control = new EmulatorControl(emulator.endpoint);
  const aws = createAwsClients({
    region: 'us-east-1',
    endpoint: emulator.endpoint,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  });
  const providers = defaultProviders();
  const base: ProviderContextBase = { aws, ownership: ownershipFor(instance) };
  return {
    emulator,
    control,
    aws,
    providers,
    base,
    context(known) {
      const resolver = new IdMap();
      for (const [identity, resource] of known ?? []) resolver.record(identity, resource.ids);
      return { ...base, resolver, tags: runTagCache() };
    },
    load(files) {
      const result = loadRevision(Object.entries(files).map(([file, content]) => ({ file, content })));
      if (!result.ok) throw new Error(result.errors.map(formatDiagnostic).join('\n'));
      return inCreateOrder(result.revision);
    },
    async plan(manifests, prune = false) {
      return (await plan(manifests, providers, base, { prune })).plan;
    },
    apply(manifests, prune = false) {
      return apply(manifests, providers, base, {
        prune,
        sleep: async (ms) => {
          await control.advance(ms);
        },
      });
    },
    async close() {
      aws.destroy();
      await emulator.close();
    },
  };
}
