import { createHash } from 'node:crypto';
import { type JsonValue, stableStringify } from '../diff/index.ts';
import type { LoadedManifest, Revision } from '../manifest/index.ts';
import { KINDS, type Kind } from '../manifest/kinds.ts';
import type { ProviderRegistry } from '../providers/registry.ts';
import type { ObservedResource, ProviderContext, ResourceIds } from '../providers/types.ts';
import {
  Controller,
  done,
  every,
  type Result,
  realScheduler,
  requeueAfter,
  type Scheduler,
  type Ticker,
  type TimerHandle,
  WorkQueue,
} from '../reconcile/index.ts';
import { isFencedOut, type ResourceStatus, type StateEvent, type StateStore } from '../state/index.ts';
import { execute } from './apply.ts';
import { controlsOf } from './controls.ts';
import { classifyError, errorCode, errorMessage } from './error-class.ts';
import { PassResolver, type ProviderContextBase } from './observe.ts';
import { inCreateOrder } from './ordered.ts';
import { plan } from './plan.ts';
import { countByAction, type Plan, type PlannedChange } from './plan-types.ts';
import { pruneHoldReason } from './prune-guard.ts';
import { DEFAULT_SETTINGS, type OperatorSettings } from './settings.ts';
import { type StatusFacts, statusOf } from './status-of.ts';

/** The revision in force, as the source tracker hands it over. */
export interface RevisionFeed {
  current(): { readonly revision: Revision; readonly empty: boolean; readonly source: string } | undefined;
}

/** Only the leader writes; every write carries its fencing token. */
export interface LeaderGate {
  isLeader(): boolean;
  fencingToken(): number | undefined;
}

export interface OperatorLog {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
}

export interface OperatorDeps {
  readonly providers: ProviderRegistry;
  readonly base: ProviderContextBase;
  readonly store: StateStore;
  readonly leader: LeaderGate;
  readonly revisions: RevisionFeed;
  readonly settings?: Partial<OperatorSettings>;
  readonly scheduler?: Scheduler;
  /** Wall-clock milliseconds: status and event times, and the crash-loop window AWS timestamps are compared with. Default Date.now. */
  readonly now?: () => number;
  readonly log?: OperatorLog;
  /** After each reconcile, for metrics. */
  readonly onReconcile?: (identity: string, durationMs: number, outcome: string) => void;
  /** After each pass that ran (for metrics and the revision history). */
  readonly onPass?: (summary: PassSummary) => void | Promise<void>;
}

export interface PassSummary {
  readonly kind: 'full' | 'scan';
  readonly revision?: string;
  readonly counts: Record<PlannedChange['action'], number>;
  readonly held?: string;
  readonly skipped?: string;
}

type MutableFacts = { -readonly [K in keyof StatusFacts]: StatusFacts[K] };

interface RolloutMemory {
  lastHealthy?: string;
  failed?: string;
  failedSpec?: string;
}

const SCANNED_KINDS: ReadonlySet<Kind> = new Set<Kind>(['Service']);
const ROLLBACK_CONDITION = 'RolledBack';

function specDigest(manifest: LoadedManifest): string {
  const canonical = stableStringify({
    metadata: manifest.metadata,
    spec: manifest.spec,
  } as unknown as JsonValue);
  return `sha256:${createHash('sha256').update(canonical).digest('hex')}`;
}

/**
 * The reconciler: level-triggered passes (a full resync and a batched drift
 * scan) compare the revision in force with what is live, write status, and
 * hand each resource that needs a change to the work queue, where workers
 * carry it out in dependency order. Only the leader writes.
 */
export class Operator {
  readonly #deps: OperatorDeps;
  readonly #settings: OperatorSettings;
  readonly #scheduler: Scheduler;
  readonly #queue: WorkQueue<string>;
  readonly #controller: Controller<string>;
  readonly #pending = new Map<string, PlannedChange>();
  readonly #written = new Map<string, string>();
  readonly #statuses = new Map<string, ResourceStatus>();
  readonly #applied = new Map<string, string>();
  readonly #rollouts = new Map<string, RolloutMemory>();
  readonly #created = new Map<string, ResourceIds>();
  #snapshot = new Map<string, ObservedResource>();
  #passes: Promise<unknown> = Promise.resolve();
  /** A pass of each kind that is waiting its turn: a later request joins it instead of queueing another. */
  readonly #waiting = new Map<'full' | 'scan', Promise<PassSummary>>();
  readonly #verifyTimers = new Set<TimerHandle>();
  #stopped = false;
  #tickers: Ticker[] = [];
  #pruneOverride = false;
  #firstPassDone = false;
  #lastPlan: Plan = { changes: [] };
  #stopping = false;
  /** Passes started so far, and the latest pass during which a worker wrote each resource. */
  #passSeq = 0;
  readonly #writtenInPass = new Map<string, number>();

  constructor(deps: OperatorDeps) {
    this.#deps = deps;
    this.#settings = { ...DEFAULT_SETTINGS, ...deps.settings };
    this.#scheduler = deps.scheduler ?? realScheduler;
    this.#queue = new WorkQueue<string>({ scheduler: this.#scheduler });
    this.#controller = new Controller<string>({
      queue: this.#queue,
      workers: this.#settings.workers,
      scheduler: this.#scheduler,
      reconcile: (identity) => this.#reconcile(identity),
      classify: classifyError,
      ...(deps.onReconcile === undefined
        ? {}
        : { onReconcile: (key, ms, outcome) => deps.onReconcile?.(key, ms, String(outcome)) }),
    });
  }

  #now(): number {
    return (this.#deps.now ?? Date.now)();
  }

  get settings(): OperatorSettings {
    return this.#settings;
  }

  get ready(): boolean {
    return this.#firstPassDone;
  }

  get queueDepth(): number {
    return this.#queue.length;
  }

  /** Nothing queued, delayed, being worked on or waiting to be carried out. */
  get idle(): boolean {
    return (
      this.#queue.length === 0 &&
      this.#queue.processing === 0 &&
      this.#queue.delayed === 0 &&
      this.#pending.size === 0
    );
  }

  /** Changes planned and not yet carried out, by identity. */
  pendingChanges(): string[] {
    return [...this.#pending.keys()].sort();
  }

  /** Starts the workers and the periodic resync and drift scan; the first pass runs at once. */
  start(): void {
    this.startWorkers();
    this.#tickers = [
      every(this.#settings.resyncMs, () => this.runPass('full'), {
        scheduler: this.#scheduler,
        immediate: true,
      }),
      every(this.#settings.driftScanMs, () => this.runPass('scan'), { scheduler: this.#scheduler }),
    ];
  }

  /** Only the workers, for callers that run passes themselves. */
  startWorkers(): void {
    this.#controller.start();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    for (const timer of this.#verifyTimers) timer.cancel();
    this.#verifyTimers.clear();
    for (const ticker of this.#tickers) ticker.stop();
    await this.#controller.stop({ abortInFlight: false });
    await this.#passes.catch(() => undefined);
  }

  /** "Look now": a full pass soon, or one resource. */
  lookNow(identity?: string): 'queued' | 'unknown' {
    if (identity === undefined) {
      void this.runPass('full');
      return 'queued';
    }
    const known =
      this.#deps.revisions.current()?.revision.documents.some((m) => m.identity === identity) === true;
    if (!known && !this.#pending.has(identity)) return 'unknown';
    void this.runPass('full');
    return 'queued';
  }

  /** Lets the held-back deletions of the current revision go ahead. */
  async allowPrune(): Promise<void> {
    this.#pruneOverride = true;
    await this.#writeOperator({ pruneGuard: { held: false, pendingDeletions: 0, override: true } });
    await this.runPass('full');
  }

  /** The statuses as last computed by this replica. */
  statuses(): ResourceStatus[] {
    return [...this.#statuses.values()];
  }

  /** What the last pass planned. */
  lastPlan(): Plan {
    return this.#lastPlan;
  }

  /** Passes never overlap: each waits for the one before. A pass that fails is reported and the next one tries again. */
  runPass(kind: 'full' | 'scan'): Promise<PassSummary> {
    // Level-triggered: a pass that has not started yet will see everything a second one would.
    const waiting = this.#waiting.get(kind);
    if (waiting !== undefined) return waiting;
    const next = this.#passes.then(() => {
      this.#waiting.delete(kind);
      if (this.#stopped) return this.#skipped(kind, 'the operator is stopping');
      return this.#guardedPass(kind);
    });
    this.#waiting.set(kind, next);
    this.#passes = next.catch(() => undefined);
    return next;
  }

  #skipped(kind: 'full' | 'scan', skipped: string): PassSummary {
    return { kind, counts: { create: 0, update: 0, replace: 0, delete: 0, noop: 0, conflict: 0 }, skipped };
  }

  async #guardedPass(kind: 'full' | 'scan'): Promise<PassSummary> {
    try {
      return await this.#pass(kind);
    } catch (error) {
      const message = `${errorCode(error)}: ${errorMessage(error)}`;
      this.#deps.log?.warn({ pass: kind, error: message }, 'pass failed; the next one tries again');
      const at = new Date(this.#now()).toISOString();
      await this.#writeOperator({ lastPass: { at, outcome: 'failed', message } }).catch(() => undefined);
      const counts = { create: 0, update: 0, replace: 0, delete: 0, noop: 0, conflict: 0 };
      return { kind, counts, skipped: `failed: ${message}` };
    }
  }

  async #pass(kind: 'full' | 'scan'): Promise<PassSummary> {
    const current = this.#deps.revisions.current();
    const empty = { create: 0, update: 0, replace: 0, delete: 0, noop: 0, conflict: 0 };
    if (this.#stopping) return { kind, counts: empty, skipped: 'stopping' };
    if (current === undefined) return { kind, counts: empty, skipped: 'no valid revision yet' };
    if (kind === 'scan' && !this.#firstPassDone)
      return { kind, counts: empty, skipped: 'waiting for the first full pass' };
    const { revision } = current;
    const manifests = inCreateOrder(revision);
    this.#passSeq += 1;
    const passSeq = this.#passSeq;
    if (kind === 'full') await this.#loadMemory();
    const planned = await plan(manifests, this.#deps.providers, this.#deps.base, {
      prune: kind === 'full',
      respectSelfHeal: (manifest) =>
        !controlsOf(manifest).selfHeal && this.#applied.get(manifest.identity) === specDigest(manifest),
      ...(kind === 'scan' ? { partial: { kinds: SCANNED_KINDS, reuse: this.#snapshot } } : {}),
    });
    this.#snapshot = new Map(planned.observed);
    for (const identity of this.#snapshot.keys()) this.#created.delete(identity);

    const deletions = planned.plan.changes.filter((change) => change.action === 'delete').length;
    const owned = [...planned.observed.values()].filter((resource) => resource.owned).length + deletions;
    const held =
      kind === 'full'
        ? pruneHoldReason({
            deletions,
            owned,
            emptySource: current.empty,
            share: this.#settings.pruneShare,
            override: this.#pruneOverride,
          })
        : undefined;

    const changes =
      kind === 'full' ? planned.plan.changes : planned.plan.changes.filter((c) => SCANNED_KINDS.has(c.kind));
    const now = new Date(this.#now()).toISOString();
    for (const change of changes) {
      if (this.#stopping) return { kind, revision: revision.id, counts: empty, skipped: 'stopping' };
      // A worker wrote this resource while the pass was observing: what the pass saw is stale.
      if ((this.#writtenInPass.get(change.identity) ?? -1) >= passSeq) continue;
      await this.#settle(change, revision.id, now, held);
    }
    if (kind === 'full') {
      this.#lastPlan = planned.plan;
      await this.#forgetGone(planned.plan);
      await this.#writeOperator({
        currentRevision: revision.id,
        leader: this.#deps.leader.isLeader() ? 'this replica' : undefined,
        lastPass: { at: now, outcome: 'succeeded', message: `${changes.length} resources looked at` },
        pruneGuard: {
          held: held !== undefined,
          ...(held === undefined ? {} : { reason: held }),
          pendingDeletions: held === undefined ? 0 : deletions,
          override: this.#pruneOverride,
        },
      });
      if (deletions === 0) this.#pruneOverride = false;
      this.#firstPassDone = true;
    }
    const counts = countByAction({ changes });
    this.#deps.log?.info({ pass: kind, revision: revision.id, counts, held }, 'pass done');
    const summary: PassSummary = {
      kind,
      revision: revision.id,
      counts,
      ...(held === undefined ? {} : { held }),
    };
    await this.#deps.onPass?.(summary);
    return summary;
  }

  /** Decides one resource's fate in a pass: status written, and queued if something must change. */
  async #settle(
    change: PlannedChange,
    revisionId: string,
    now: string,
    pruneHeld: string | undefined,
  ): Promise<void> {
    const manifest = 'manifest' in change ? change.manifest : undefined;
    const suspended = this.#settings.suspend || (manifest !== undefined && controlsOf(manifest).suspend);
    const previous = this.#statuses.get(change.identity);
    const facts: MutableFacts = {
      revisionId,
      now,
      suspended,
      ...(previous === undefined ? {} : { previous }),
    };
    let effective = change;
    if (change.action === 'delete' && pruneHeld !== undefined)
      facts.held = { type: 'PruneHeld', reason: pruneHeld };
    if (change.kind === 'Service' && 'observed' in change && change.action !== 'delete') {
      effective = await this.#watchRollout(change, facts);
    }
    if (manifest !== undefined && effective.action === 'noop' && effective.drift.length === 0) {
      this.#applied.set(change.identity, specDigest(manifest));
    }
    const memory = this.#rollouts.get(change.identity);
    const extraIds: Record<string, string> = {};
    if (manifest !== undefined && this.#applied.has(change.identity))
      extraIds.specDigest = this.#applied.get(change.identity) ?? '';
    if (memory?.lastHealthy !== undefined) extraIds.lastHealthyTaskDefinition = memory.lastHealthy;
    if (memory?.failed !== undefined) extraIds.failedTaskDefinition = memory.failed;
    facts.extraIds = extraIds;
    await this.#writeStatus(statusOf(effective, facts));

    const actionable = effective.action !== 'noop' && effective.action !== 'conflict';
    if (actionable && !suspended && facts.held === undefined) {
      this.#pending.set(change.identity, effective);
      this.#queue.add(change.identity);
    } else {
      this.#pending.delete(change.identity);
    }
  }

  /**
   * Services: counts stopped tasks when the service is not healthy (a crash
   * loop makes it Degraded), remembers the last healthy task definition, and
   * rolls a failed rollout back to it, holding the failed revision until its
   * manifest changes.
   */
  async #watchRollout(
    change: PlannedChange & { observed: ObservedResource },
    facts: MutableFacts,
  ): Promise<PlannedChange> {
    const provider = this.#deps.providers.get('Service');
    const memory = this.#rollouts.get(change.identity) ?? {};
    this.#rollouts.set(change.identity, memory);
    const live = change.observed;
    const version = (live.detail as { taskDefinition?: string } | undefined)?.taskDefinition;
    if (live.health.health === 'Healthy') {
      if (version !== undefined && version !== memory.failed) memory.lastHealthy = version;
    } else if (provider.inspect !== undefined) {
      const since = this.#now() - this.#settings.crashLoopWindowMs;
      const inspection = await provider.inspect(live, this.#context(), since);
      const crashLoop = inspection.stoppedTasks >= this.#settings.crashLoopCount;
      if (crashLoop || inspection.rolloutFailed) {
        facts.degraded = inspection.rolloutFailed
          ? `deployment failed; ${inspection.stoppedTasks} task(s) stopped in the last ${this.#settings.crashLoopWindowMs / 60_000} min: ${inspection.stoppedReasons.join('; ')}`
          : `${inspection.stoppedTasks} task(s) stopped in the last ${this.#settings.crashLoopWindowMs / 60_000} min: ${inspection.stoppedReasons.join('; ')}`;
        const canRollBack =
          memory.lastHealthy !== undefined &&
          inspection.version !== undefined &&
          inspection.version !== memory.lastHealthy;
        if (
          canRollBack &&
          this.#deps.leader.isLeader() &&
          !facts.suspended &&
          provider.rollback !== undefined
        ) {
          await provider.rollback(live, memory.lastHealthy ?? '', this.#context());
          memory.failed = inspection.version;
          if ('manifest' in change) memory.failedSpec = specDigest(change.manifest);
          await this.#event(
            change.identity,
            'Warning',
            ROLLBACK_CONDITION,
            `rolled back from ${inspection.version} to ${memory.lastHealthy}: ${facts.degraded}`,
          );
        }
      }
    }
    if (memory.failed !== undefined && (change.action === 'update' || change.action === 'noop')) {
      const source = change.action === 'update' ? change.desired : change.observed.state;
      const wanted = typeof source.taskDefinition === 'string' ? source.taskDefinition : undefined;
      if (wanted !== undefined && !memory.failed.endsWith(wanted)) {
        // The manifest moved on from the failed revision: it may roll out.
        delete memory.failed;
        delete memory.failedSpec;
      } else if (
        change.action === 'update' &&
        change.drift.some((entry) => entry.path === 'taskDefinition')
      ) {
        facts.held = {
          type: ROLLBACK_CONDITION,
          reason: `held at ${memory.lastHealthy ?? 'the last healthy revision'}: ${memory.failed} failed and is not retried until the manifest changes`,
        };
        return {
          action: 'noop',
          identity: change.identity,
          kind: change.kind,
          manifest: change.manifest,
          observed: change.observed,
          drift: change.drift,
        };
      }
    }
    return change;
  }

  #context(): ProviderContext {
    const resolver = new PassResolver(new Map(this.#snapshot));
    for (const [identity, ids] of this.#created) resolver.recordCreated(identity, ids);
    return { ...this.#deps.base, resolver };
  }

  async #reconcile(identity: string): Promise<Result> {
    if (!this.#deps.leader.isLeader()) return done;
    const change = this.#pending.get(identity);
    if (change === undefined) return done;
    if (change.action === 'delete') {
      const blocking = [...this.#pending.values()].some(
        (other) =>
          other.action === 'delete' &&
          other.identity !== identity &&
          KINDS.indexOf(other.kind) > KINDS.indexOf(change.kind),
      );
      if (blocking) return requeueAfter(1_000);
    }
    const context = this.#context();
    const resolver = context.resolver as PassResolver;
    try {
      await execute(change, this.#deps.providers, context, resolver);
    } catch (error) {
      const decision = classifyError(error);
      if (typeof decision === 'object') return requeueAfter(decision.retryAfterMs);
      await this.#recordFailure(change, error, decision === 'terminal');
      if (decision === 'terminal') {
        this.#pending.delete(identity);
        return done;
      }
      throw error;
    }
    this.#pending.delete(identity);
    this.#writtenInPass.set(identity, this.#passSeq);
    const ids = resolver.idsOf(identity);
    if (change.action !== 'delete' && ids !== undefined) this.#created.set(identity, ids);
    if ('manifest' in change) this.#applied.set(identity, specDigest(change.manifest));
    const fields =
      'drift' in change && change.drift.length > 0
        ? `: ${change.drift.map((entry) => entry.path).join(', ')}`
        : '';
    const verb = {
      create: 'Created',
      update: 'Updated',
      replace: 'Replaced',
      delete: 'Deleted',
      noop: 'Synced',
      conflict: 'Conflict',
    }[change.action];
    await this.#event(identity, 'Normal', verb, `${verb.toLowerCase()}${fields}`);
    this.#deps.log?.info({ resource: identity, action: change.action }, `${verb.toLowerCase()}${fields}`);
    if (!this.#stopped) {
      const timer = this.#scheduler.setTimeout(() => {
        this.#verifyTimers.delete(timer);
        void this.runPass('full');
      }, this.#settings.verifyAfterMs);
      this.#verifyTimers.add(timer);
    }
    return done;
  }

  async #recordFailure(change: PlannedChange, error: unknown, terminal: boolean): Promise<void> {
    const now = new Date(this.#now()).toISOString();
    const previous = this.#statuses.get(change.identity);
    const lastError = { code: errorCode(error), message: errorMessage(error), at: now };
    if (previous !== undefined) await this.#writeStatus({ ...previous, lastError });
    await this.#event(
      change.identity,
      'Warning',
      terminal ? 'Failed' : 'Retrying',
      `${change.action} failed: ${lastError.code}: ${lastError.message}`,
    );
    this.#deps.log?.warn(
      { resource: change.identity, action: change.action, code: lastError.code, terminal },
      lastError.message,
    );
  }

  /** Reloads what must survive a restart: applied spec digests and rollout memory, from the statuses. */
  async #loadMemory(): Promise<void> {
    if (this.#statuses.size > 0) return;
    for (const status of await this.#deps.store.listStatuses()) {
      this.#statuses.set(status.identity, status);
      const { specDigest: digest, lastHealthyTaskDefinition, failedTaskDefinition } = status.awsIds;
      if (digest !== undefined) this.#applied.set(status.identity, digest);
      if (lastHealthyTaskDefinition !== undefined || failedTaskDefinition !== undefined) {
        this.#rollouts.set(status.identity, {
          ...(lastHealthyTaskDefinition === undefined ? {} : { lastHealthy: lastHealthyTaskDefinition }),
          ...(failedTaskDefinition === undefined ? {} : { failed: failedTaskDefinition }),
        });
      }
    }
  }

  /** Statuses of resources that are neither in the revision nor live any more are removed. */
  async #forgetGone(planned: Plan): Promise<void> {
    const present = new Set(planned.changes.map((change) => change.identity));
    for (const identity of [...this.#statuses.keys()]) {
      if (present.has(identity)) continue;
      this.#statuses.delete(identity);
      this.#written.delete(identity);
      await this.#fenced((token) => this.#deps.store.deleteStatus(identity, token));
    }
  }

  async #writeStatus(status: ResourceStatus): Promise<void> {
    const previous = this.#statuses.get(status.identity);
    this.#statuses.set(status.identity, status);
    await this.#transitionEvents(previous, status);
    const { observedAt: _at, conditions, ...rest } = status;
    const fingerprint = JSON.stringify({
      ...rest,
      conditions: conditions.map(({ lastTransitionTime: _t, ...c }) => c),
    });
    if (this.#written.get(status.identity) === fingerprint) return;
    if (await this.#fenced((token) => this.#deps.store.putStatus(status, token)))
      this.#written.set(status.identity, fingerprint);
  }

  /** Health and drift are reported as events when they change, not only in the status. */
  async #transitionEvents(previous: ResourceStatus | undefined, status: ResourceStatus): Promise<void> {
    const wasDegraded = previous?.health === 'Degraded';
    if (status.health === 'Degraded' && !wasDegraded) {
      const why = status.conditions.find((c) => c.type === 'Healthy')?.message ?? 'degraded';
      await this.#event(status.identity, 'Warning', 'Degraded', why);
    } else if (wasDegraded && status.health === 'Healthy') {
      await this.#event(status.identity, 'Normal', 'Recovered', 'healthy again');
    }
    const paths = status.drift.map((entry) => entry.path).join(', ');
    if (paths !== '' && paths !== (previous?.drift.map((entry) => entry.path).join(', ') ?? '')) {
      await this.#event(status.identity, 'Warning', 'DriftDetected', `differs from the manifest: ${paths}`);
    }
  }

  async #event(identity: string, type: StateEvent['type'], reason: string, message: string): Promise<void> {
    const at = new Date(this.#now()).toISOString();
    await this.#fenced((token) =>
      this.#deps.store.recordEvent({ identity, at, type, reason, message }, token),
    );
  }

  async #writeOperator(patch: Parameters<StateStore['updateOperator']>[0]): Promise<void> {
    await this.#fenced((token) => this.#deps.store.updateOperator(patch, token));
  }

  /** Runs a state write with the lease's fencing token; a replica that is not leader writes nothing. */
  async #fenced(write: (token: number) => Promise<void>): Promise<boolean> {
    const token = this.#deps.leader.fencingToken();
    if (!this.#deps.leader.isLeader() || token === undefined) return false;
    try {
      await write(token);
      return true;
    } catch (error) {
      if (isFencedOut(error)) {
        this.#deps.log?.warn({ token }, 'fenced out: another replica leads; this one stops writing');
        return false;
      }
      throw error;
    }
  }
}
