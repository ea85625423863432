import { createHash } from 'node:crypto';
import type { Service } from '@aws-sdk/client-ecs';
import type { CachedResource, LiveCache } from '../cache/live-cache.ts';
import { type DriftEntry, formatPath, type JsonValue, member, stableStringify } from '../diff/index.ts';
import { controlsOf } from '../manifest/controls.ts';
import type { Revision } from '../manifest/index.ts';
import type { Kind } from '../manifest/kinds.ts';
import type { LoadedManifest } from '../manifest/manifest.ts';
import { OWNERSHIP_TAG_KEYS } from '../providers/ownership.ts';
import type { ProviderRegistry } from '../providers/registry.ts';
import {
  type HealthMemory,
  NotReadyError,
  type ObservedResource,
  type Provider,
  type ProviderContext,
} from '../providers/types.ts';
import { done, type Result, requeueAfter } from '../reconcile/index.ts';
import type { ResourceStatus, RollbackPin, StatusRecorder } from '../state/index.ts';
import { decide } from './decide.ts';
import { heldByDependency } from './dependency-gate.ts';
import { classifyError, errorCode, errorMessage } from './error-class.ts';
import { inCreateOrder } from './ordered.ts';
import type { Plan, PlannedChange } from './plan-types.ts';
import { REVISION_TASK_DEFINITIONS, recordRan } from './revision-task-definitions.ts';
import { heldByRollback, wantedTaskDefinition } from './rollback-pin.ts';
import { assessGate, type GateOutcome, ROLLOUT_CONDITION } from './rollout/gate.ts';
import { gateLookups, type RolloutGateDeps } from './rollout/gate-lookups.ts';
import { ROLLOUT_GATE } from './rollout/gate-state.ts';
import { ROLLOUT_STAGE, stageSeen } from './rollout/stage-record.ts';
import type { OperatorSettings } from './settings.ts';
import { type Decision, type StatusFacts, statusOf } from './status-of.ts';

/** What the reconciler reads of the desired side: the revision in force and what the prune guard says. */
export interface DesiredView {
  readonly revisionId: string;
  manifest(identity: string): LoadedManifest | undefined;
  /** Why deletions are held back now, if they are. */
  readonly pruneHeld: string | undefined;
  /** Suspended through the API: observed, never written. */
  suspended(identity: string): boolean;
  /** Rolled back through the API: self-heal leaves it at that task definition until the manifest changes. */
  rollback(identity: string): RollbackPin | undefined;
  /** The manifest moved on from a rollback: its pin goes. */
  releaseRollback(identity: string): Promise<void>;
  /** Paths left out of its diff besides its ignoreDifferences (a listener rule's weights ECS shifts). */
  implicitIgnores(identity: string): readonly string[];
}

export type WriteKind = 'created' | 'updated' | 'replaced' | 'deleted' | 'released';

export interface ReconcilerLog {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
}

export interface ReconcilerDeps {
  readonly providers: ProviderRegistry;
  readonly cache: LiveCache;
  readonly recorder: StatusRecorder;
  readonly settings: OperatorSettings;
  /** Wall-clock milliseconds: status times and the clock AWS's timestamps are compared with. */
  readonly now: () => number;
  readonly desired: () => DesiredView | undefined;
  /** Pending deletions that depend on `identity`: its delete waits for them. */
  readonly deleteBlockers: (identity: string) => string[];
  /** Resources of the revision in force, of `identity`'s kind, still to be created: its delete waits for them. */
  readonly creationsPending: (identity: string) => string[];
  /** After a write: the operator looks at what it affects (`gone`: what a delete or release took away). */
  readonly wrote: (identity: string, kind: WriteKind, gone?: CachedResource) => void;
  readonly log?: ReconcilerLog;
  /** The rollout gate's manual decisions (a Service's `rollout` control). */
  readonly gate?: RolloutGateDeps;
}

/** The memory kept in a status's ids: the spec last applied, and what a health hook keeps. */
const SPEC_DIGEST = 'specDigest';

const VERBS: Record<'create' | 'update' | 'replace', { reason: string; kind: WriteKind }> = {
  create: { reason: 'Created', kind: 'created' },
  update: { reason: 'Updated', kind: 'updated' },
  replace: { reason: 'Replaced', kind: 'replaced' },
};

export function kindOfIdentity(identity: string): Kind {
  return identity.slice(0, identity.indexOf('/')) as Kind;
}

export function specDigest(manifest: LoadedManifest): string {
  const canonical = stableStringify({
    metadata: manifest.metadata,
    spec: manifest.spec,
  } as unknown as JsonValue);
  return `sha256:${createHash('sha256').update(canonical).digest('hex')}`;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * `reconcile(identity)`, controller-runtime style: the desired spec from the revision, live state
 * from the cache (read again when too old or just written), the whole of one against the whole
 * of the other, a write through the provider, the status recorded, and a Result. Errors are
 * recorded and thrown: the Controller alone decides what happens next.
 */
export class Reconciler {
  readonly #deps: ReconcilerDeps;
  /** The last decision per identity (what GET /plan shows). */
  readonly #decisions = new Map<string, PlannedChange>();
  /** Spec digests applied since the statuses were last written (they reach the status at the next look). */
  readonly #applied = new Map<string, string>();

  constructor(deps: ReconcilerDeps) {
    this.#deps = deps;
  }

  /** The latest decision about each resource. */
  decisions(): PlannedChange[] {
    return [...this.#decisions.values()];
  }

  /** The latest decisions as a plan: the revision's resources in create order, then deletions. */
  plan(revision: Revision | undefined): Plan {
    const decisions = new Map(this.#decisions);
    const changes: PlannedChange[] = [];
    for (const manifest of revision === undefined ? [] : inCreateOrder(revision)) {
      const change = decisions.get(manifest.identity);
      if (change !== undefined) changes.push(change);
      decisions.delete(manifest.identity);
    }
    changes.push(...[...decisions.values()].filter((change) => change.action === 'delete'));
    return { changes };
  }

  forgetDecision(identity: string): void {
    this.#decisions.delete(identity);
  }

  async reconcile(identity: string): Promise<Result> {
    const { cache, recorder } = this.#deps;
    const view = this.#deps.desired();
    if (view === undefined || !cache.synced || !recorder.leading) return done;
    try {
      const manifest = view.manifest(identity);
      return manifest === undefined
        ? await this.#prune(identity, view)
        : await this.#converge(manifest, view);
    } catch (error) {
      await this.#recordFailure(identity, error);
      throw error;
    }
  }

  async #converge(manifest: LoadedManifest, view: DesiredView): Promise<Result> {
    const { cache, recorder, providers, settings } = this.#deps;
    const { identity } = manifest;
    const provider = providers.get(manifest.kind);
    const read = cache.needsRead(identity) ? await cache.read(manifest) : cache.get(identity)?.resource;
    const context = cache.context();
    const controls = controlsOf(manifest);
    const suspended = settings.suspend || controls.suspend || view.suspended(identity);
    const previous = recorder.get(identity);
    const memory: Record<string, string> = { ...memoryOf(previous, provider) };
    const applied = this.#applied.get(identity);
    if (applied !== undefined) memory[SPEC_DIGEST] = applied;
    // What AWS no longer shows but the status remembers (a Job's finished task) still counts as live.
    const live = read ?? provider.remembered?.(manifest, memory);
    const digest = specDigest(manifest);
    const reportOnly = !controls.selfHeal && memory[SPEC_DIGEST] === digest;
    const intended = recorder.intended(identity);
    let change: Decision = decide(
      manifest,
      live,
      provider,
      context,
      reportOnly,
      intended,
      view.implicitIgnores(identity),
    );
    if (change.action === 'create' || change.action === 'update' || change.action === 'replace') {
      const lookups = {
        providers,
        manifest: (target: string) => view.manifest(target),
        memory: (target: string) => recorder.get(target)?.awsIds ?? {},
      };
      const held = heldByDependency(manifest, lookups, context);
      if (held !== undefined) change = { action: 'wait', identity, manifest, waitingFor: held };
    }
    const facts: Mutable<StatusFacts> = {
      revisionId: view.revisionId,
      now: new Date(this.#deps.now()).toISOString(),
      suspended,
      ...(previous === undefined ? {} : { previous }),
    };
    if (change.action === 'wait') {
      await recorder.record(
        statusOf({ ...change, ...(live === undefined ? {} : { observed: live }) }, facts),
      );
      // The creation of what it waits for queues it again; the look after a while is a safety net.
      return suspended ? done : requeueAfter(settings.verifyAfterMs);
    }
    if (
      provider.health !== undefined &&
      (change.action === 'update' || change.action === 'noop' || change.action === 'replace')
    ) {
      const verdict = await provider.health.assess(
        {
          manifest,
          live: change.observed,
          drift: change.drift,
          memory,
          mayWrite: !suspended,
          nowMs: this.#deps.now(),
          settings,
        },
        context,
      );
      for (const key of provider.health.memoryKeys) delete memory[key];
      Object.assign(memory, verdict.memory);
      if (verdict.wrote === true) cache.written(identity);
      for (const note of verdict.notes ?? [])
        await recorder.event(identity, note.type, note.reason, note.message);
      if (verdict.degraded !== undefined) facts.degraded = verdict.degraded;
      if (verdict.hold !== undefined && change.action !== 'noop') {
        facts.held = verdict.hold;
        change = {
          action: 'noop',
          identity,
          kind: manifest.kind,
          manifest,
          observed: change.observed,
          drift: change.drift,
        };
      }
    }
    let gate: GateOutcome | undefined;
    if (
      manifest.kind === 'Service' &&
      (change.action === 'update' || change.action === 'noop' || change.action === 'replace')
    ) {
      gate = await this.#gate(manifest, change.observed, memory, suspended, view, context);
      if (gate.wrote) cache.written(identity);
    }
    const pin = view.rollback(identity);
    if (
      pin !== undefined &&
      (change.action === 'update' || change.action === 'replace' || change.action === 'noop')
    ) {
      const held = heldByRollback(pin, digest, wantedTaskDefinition(change));
      if (held === undefined) await view.releaseRollback(identity);
      else if (change.drift.length > 0) {
        facts.held = held;
        const { observed, drift } = change;
        change = { action: 'noop', identity, kind: manifest.kind, manifest, observed, drift };
      }
    }
    if (change.action === 'noop' && change.drift.length === 0) {
      memory[SPEC_DIGEST] = digest;
      const running = change.observed.state.taskDefinition;
      if (typeof running === 'string')
        memory[REVISION_TASK_DEFINITIONS] = recordRan(
          memory[REVISION_TASK_DEFINITIONS],
          view.revisionId,
          running,
        );
    }
    facts.extraIds = memory;
    await recorder.record(withGateCondition(statusOf(change, facts), gate, facts));
    this.#decisions.set(identity, change);

    if (change.action === 'create' || change.action === 'update' || change.action === 'replace') {
      if (suspended) return done;
      const inSteps = provider.createsInSteps === true && change.action !== 'update';
      if (inSteps && !(await recorder.intend(identity))) return done;
      await this.#write(change, provider, context);
      if (inSteps || intended) await recorder.fulfilled(identity);
      this.#applied.set(identity, digest);
      return requeueAfter(settings.verifyAfterMs);
    }
    // A deployment paused at a gate: its checks are looked at again soon.
    if (gate?.active === true && !suspended) return requeueAfter(settings.verifyAfterMs);
    const progressing = live?.health.health === 'Progressing';
    if (progressing && provider.scanned !== true) {
      // Nothing cheaper will notice it settle: look again, afresh.
      cache.written(identity);
      return requeueAfter(settings.verifyAfterMs);
    }
    return done;
  }

  /** The rollout gate of a Service (its `rollout` control): kept in `memory`, its notes as events. */
  async #gate(
    manifest: LoadedManifest,
    live: ObservedResource,
    memory: Record<string, string>,
    suspended: boolean,
    view: DesiredView,
    context: ProviderContext,
  ): Promise<GateOutcome> {
    const { recorder, providers } = this.#deps;
    const lookups = gateLookups(manifest, this.#deps.gate, {
      providers,
      context,
      service: live.detail as Service | undefined,
      manifest: (target) => view.manifest(target),
      memory: (target) => recorder.get(target)?.awsIds ?? {},
      persist: async (raw) => {
        const previous = recorder.get(manifest.identity);
        if (previous !== undefined)
          await recorder.record({ ...previous, awsIds: { ...previous.awsIds, [ROLLOUT_GATE]: raw } });
      },
    });
    const outcome = await assessGate(
      {
        manifest,
        live,
        raw: memory[ROLLOUT_GATE],
        nowMs: this.#deps.now(),
        mayWrite: !suspended,
        ecs: context.aws.ecs,
      },
      lookups,
    );
    if (outcome.raw === undefined) delete memory[ROLLOUT_GATE];
    else memory[ROLLOUT_GATE] = outcome.raw;
    const notes = [...outcome.notes];
    if (outcome.seen !== undefined) {
      const stage = stageSeen(memory[ROLLOUT_STAGE], outcome.seen, this.#deps.now());
      memory[ROLLOUT_STAGE] = stage.memory;
      if (stage.note !== undefined) notes.unshift(stage.note);
    }
    for (const note of notes) await recorder.event(manifest.identity, note.type, note.reason, note.message);
    return outcome;
  }

  async #write(
    change: PlannedChange & { action: 'create' | 'update' | 'replace' },
    provider: Provider,
    context: ProviderContext,
  ): Promise<void> {
    const { cache, recorder } = this.#deps;
    const { identity } = change;
    if (change.action === 'update') {
      // Adopting: Shipshape's marks go on first, so that a role limited to what carries them may make the rest.
      const claim = change.observed.owned ? [] : change.drift.filter(isOwnershipEntry);
      const rest = change.drift.filter((entry) => !claim.includes(entry));
      if (claim.length > 0)
        await provider.update(change.manifest, change.desired, change.observed, claim, context);
      if (rest.length > 0 || claim.length === 0)
        await provider.update(change.manifest, change.desired, change.observed, rest, context);
      cache.written(identity);
    } else {
      if (change.action === 'replace') {
        if ((await provider.delete(change.observed, context)) === 'pending') {
          cache.written(identity);
          throw new NotReadyError(`${identity}: replacement waits for the old resource to go`);
        }
        cache.removed(identity);
      }
      cache.created(identity, await provider.create(change.manifest, change.desired, context));
    }
    const verb = VERBS[change.action];
    const fields =
      'drift' in change && change.drift.length > 0
        ? `: ${change.drift.map((entry) => entry.path).join(', ')}`
        : '';
    await recorder.event(identity, 'Normal', verb.reason, `${verb.reason.toLowerCase()}${fields}`);
    this.#deps.log?.info(
      { resource: identity, action: change.action },
      `${verb.reason.toLowerCase()}${fields}`,
    );
    this.#deps.wrote(identity, verb.kind);
  }

  /** A resource whose manifest is gone: deleted, or released when its policy is Retain; never one not owned. */
  async #prune(identity: string, view: DesiredView): Promise<Result> {
    const { cache, recorder, providers, settings } = this.#deps;
    const entry = cache.get(identity);
    const live = entry?.resource;
    this.#decisions.delete(identity);
    // A rolled-back resource whose manifest went: the pin goes with it.
    if (view.rollback(identity) !== undefined) await view.releaseRollback(identity);
    if (entry === undefined || live === undefined || !live.owned) {
      await recorder.forget(identity);
      return done;
    }
    const provider = providers.get(kindOfIdentity(identity));
    const context = cache.context();
    const change: PlannedChange = { action: 'delete', identity, kind: provider.kind, observed: live };
    const previous = recorder.get(identity);
    const suspended = settings.suspend || view.suspended(identity);
    const facts: Mutable<StatusFacts> = {
      revisionId: view.revisionId,
      now: new Date(this.#deps.now()).toISOString(),
      suspended,
      ...(previous === undefined ? {} : { previous }),
    };
    if (live.retained === true) {
      if (suspended) return done;
      await provider.release(live, context);
      cache.removed(identity);
      await recorder.event(
        identity,
        'Normal',
        'Released',
        'its manifest was removed and its deletionPolicy is Retain: left in place, no longer managed',
      );
      await recorder.released(view.revisionId, identity);
      await recorder.forget(identity);
      this.#deps.log?.info({ resource: identity, action: 'release' }, 'released');
      this.#deps.wrote(identity, 'released', entry);
      return done;
    }
    if (view.pruneHeld !== undefined) facts.held = { type: 'PruneHeld', reason: view.pruneHeld };
    const blockers = facts.held === undefined ? this.#deps.deleteBlockers(identity) : [];
    if (blockers.length > 0) {
      facts.held = {
        type: 'WaitingForDeletes',
        reason: `deleted after what depends on it: ${listed(blockers)}`,
      };
    }
    // Prune last: a manifest renamed in one commit, the old resource goes once the new one exists.
    const creating = facts.held === undefined ? this.#deps.creationsPending(identity) : [];
    if (creating.length > 0) {
      facts.held = { type: 'WaitingForCreates', reason: `deleted once these exist: ${listed(creating)}` };
    }
    await recorder.record(statusOf(change, facts));
    this.#decisions.set(identity, change);
    // A creation that fails does not queue it again: the look after a while does.
    if (creating.length > 0 && !suspended) return requeueAfter(settings.verifyAfterMs);
    if (facts.held !== undefined || suspended) return done;
    if ((await provider.delete(live, context)) === 'pending') {
      cache.written(identity);
      throw new NotReadyError(`${identity}: deletion in progress`);
    }
    cache.removed(identity);
    this.#decisions.delete(identity);
    this.#applied.delete(identity);
    await recorder.event(identity, 'Normal', 'Deleted', 'deleted');
    await recorder.forget(identity);
    this.#deps.log?.info({ resource: identity, action: 'delete' }, 'deleted');
    this.#deps.wrote(identity, 'deleted', entry);
    return done;
  }

  /** The error goes into the status and the event log; waiting for AWS (NotReady) is not a failure. */
  async #recordFailure(identity: string, error: unknown): Promise<void> {
    if (error instanceof NotReadyError) return;
    const { recorder } = this.#deps;
    const terminal = classifyError(error) === 'terminal';
    const at = new Date(this.#deps.now()).toISOString();
    const lastError = { code: errorCode(error), message: errorMessage(error), at };
    const previous = recorder.get(identity);
    if (previous !== undefined) await recorder.record({ ...previous, lastError });
    await recorder.event(
      identity,
      'Warning',
      terminal ? 'Failed' : 'Retrying',
      `${lastError.code}: ${lastError.message}`,
    );
    this.#deps.log?.warn({ resource: identity, code: lastError.code, terminal }, lastError.message);
  }
}

const OWNERSHIP_PATHS = new Set(OWNERSHIP_TAG_KEYS.map((key) => formatPath([member('tags'), member(key)])));

/** A drift entry of Shipshape's own marks: the ownership and deletion-policy tags, or a kind's ownership mark. */
function isOwnershipEntry(entry: DriftEntry): boolean {
  return entry.path === 'ownership' || OWNERSHIP_PATHS.has(entry.path);
}

/** The memory a status carries among its ids: the applied spec digest and the health hook's keys. */
function memoryOf(
  status: { readonly awsIds: Readonly<Record<string, string>> } | undefined,
  provider: Provider,
): HealthMemory {
  const memory: Record<string, string> = {};
  if (status === undefined) return memory;
  const keys = [
    SPEC_DIGEST,
    REVISION_TASK_DEFINITIONS,
    ROLLOUT_GATE,
    ROLLOUT_STAGE,
    ...(provider.health?.memoryKeys ?? []),
  ];
  for (const key of keys) {
    const value = status.awsIds[key];
    if (value !== undefined) memory[key] = value;
  }
  return memory;
}

export type { ObservedResource };

/** The rollout gate's condition beside the others, its transition time kept while its status holds. */
function withGateCondition(
  status: ResourceStatus,
  gate: GateOutcome | undefined,
  facts: StatusFacts,
): ResourceStatus {
  const condition = gate?.condition;
  if (condition === undefined) return status;
  const value = condition.status ? 'True' : 'False';
  const before = facts.previous?.conditions.find((c) => c.type === ROLLOUT_CONDITION);
  return {
    ...status,
    conditions: [
      ...status.conditions,
      {
        type: ROLLOUT_CONDITION,
        status: value,
        reason: condition.reason,
        message: condition.message,
        lastTransitionTime:
          before !== undefined && before.status === value && before.reason === condition.reason
            ? before.lastTransitionTime
            : facts.now,
      },
    ],
  };
}

function listed(identities: readonly string[]): string {
  return (
    identities.slice(0, 5).join(', ') + (identities.length > 5 ? `, and ${identities.length - 5} more` : '')
  );
}
