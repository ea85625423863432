import type { LoadedManifest } from '../manifest/manifest.ts';
import { IdMap } from '../providers/id-map.ts';
import type { ProviderRegistry } from '../providers/registry.ts';
import { runTagCache } from '../providers/tag-cache.ts';
import {
  NotReadyError,
  type ObservedResource,
  type ProviderContext,
  type ProviderContextBase,
} from '../providers/types.ts';
import { plan } from './plan.ts';
import { hasChanges, type Plan, type PlannedChange } from './plan-types.ts';

export interface ApplyEvent {
  readonly identity: string;
  readonly action: PlannedChange['action'];
  readonly phase: 'start' | 'done' | 'waiting' | 'failed';
  readonly message?: string;
}

export interface ApplyOptions {
  readonly prune: boolean;
  /** How to wait for AWS (real sleep; tests advance the emulator's clock instead). */
  readonly sleep: (ms: number) => Promise<void>;
  readonly maxPasses?: number;
  readonly onEvent?: (event: ApplyEvent) => void;
}

export interface ApplyResult {
  readonly converged: boolean;
  readonly passes: number;
  readonly failures: ReadonlyArray<{ identity: string; message: string }>;
  readonly lastPlan: Plan;
}

/**
 * Carries plans out until nothing is left to change: each pass plans afresh
 * (level-triggered), does what is ready in dependency order, and waits where
 * AWS needs time. Conflicts and failures are reported, never forced.
 */
export async function apply(
  manifests: readonly LoadedManifest[],
  providers: ProviderRegistry,
  base: ProviderContextBase,
  options: ApplyOptions,
): Promise<ApplyResult> {
  const maxPasses = options.maxPasses ?? 30;
  const failed = new Map<string, string>();
  let lastPlan: Plan = { changes: [] };
  for (let pass = 1; pass <= maxPasses; pass += 1) {
    const planned = await plan(manifests, providers, base, { prune: options.prune });
    lastPlan = planned.plan;
    const pending = lastPlan.changes.filter((change) => isActionable(change) && !failed.has(change.identity));
    if (pending.length === 0) {
      const failures = [...failed].map(([identity, message]) => ({ identity, message }));
      return { converged: !hasChanges(lastPlan) && failures.length === 0, passes: pass, failures, lastPlan };
    }
    const waitMs = await executePass(pending, planned.observed, providers, base, options, failed);
    if (waitMs > 0) await options.sleep(waitMs);
  }
  const failures = [...failed].map(([identity, message]) => ({ identity, message }));
  return { converged: false, passes: maxPasses, failures, lastPlan };
}

function isActionable(change: PlannedChange): boolean {
  return change.action !== 'noop' && change.action !== 'conflict';
}

/** Returns how long to wait before the next pass (0 when every step went through). */
async function executePass(
  changes: readonly PlannedChange[],
  observed: ReadonlyMap<string, ObservedResource>,
  providers: ProviderRegistry,
  base: ProviderContextBase,
  options: ApplyOptions,
  failed: Map<string, string>,
): Promise<number> {
  const resolver = new IdMap();
  for (const [identity, resource] of observed) resolver.record(identity, resource.ids);
  const context: ProviderContext = { ...base, resolver, tags: runTagCache() };
  let waitMs = 0;
  for (const change of changes) {
    const emit = (phase: ApplyEvent['phase'], message?: string) =>
      options.onEvent?.({
        identity: change.identity,
        action: change.action,
        phase,
        ...(message === undefined ? {} : { message }),
      });
    try {
      emit('start');
      await execute(change, providers, context, resolver);
      emit('done');
    } catch (error) {
      if (error instanceof NotReadyError) {
        emit('waiting', error.message);
        waitMs = Math.max(waitMs, error.afterMs);
        continue;
      }
      const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      failed.set(change.identity, message);
      emit('failed', message);
    }
  }
  return waitMs;
}

/** Carries out one planned change; throws NotReadyError when AWS needs time first. */
export async function execute(
  change: PlannedChange,
  providers: ProviderRegistry,
  context: ProviderContext,
  resolver: IdMap,
): Promise<void> {
  const provider = providers.get(change.kind);
  if (change.action === 'release') {
    await provider.release(change.observed, context);
    resolver.forget(change.identity);
    return;
  }
  if (change.action === 'delete') {
    if ((await provider.delete(change.observed, context)) === 'pending') {
      throw new NotReadyError(`${change.identity}: deletion in progress`);
    }
    resolver.forget(change.identity);
    return;
  }
  if (change.action === 'noop' || change.action === 'conflict') return;
  // Desired again, now that references created earlier in this pass have real ids.
  const desired = provider.desired(change.manifest, context);
  if (!desired.ok) throw new NotReadyError(`${change.identity}: waiting for ${desired.waitingFor}`);
  if (change.action === 'update') {
    await provider.update(change.manifest, desired.state, change.observed, change.drift, context);
    return;
  }
  if (change.action === 'replace') {
    if ((await provider.delete(change.observed, context)) === 'pending') {
      throw new NotReadyError(`${change.identity}: replacement waits for the old resource to go`);
    }
    resolver.forget(change.identity);
  }
  resolver.record(change.identity, await provider.create(change.manifest, desired.state, context));
}
