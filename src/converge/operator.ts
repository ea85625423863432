import { withCallSignal } from '../aws/call-scope.ts';
import { type CachedResource, LiveCache } from '../cache/live-cache.ts';
import { controlsOf } from '../manifest/controls.ts';
import { implicitIgnores, rulesShiftedByEcs } from '../manifest/ecs-shifted-rules.ts';
import type { LoadedManifest, Revision } from '../manifest/index.ts';
import type { Kind } from '../manifest/kinds.ts';
import type { ProviderRegistry } from '../providers/registry.ts';
import { TagCache } from '../providers/tag-cache.ts';
import type { ProviderContextBase } from '../providers/types.ts';
import {
  Controller,
  every,
  realScheduler,
  type Scheduler,
  type Ticker,
  WorkQueue,
} from '../reconcile/index.ts';
import {
  FencedState,
  type LeaderGate,
  type ResourceStatus,
  type StateStore,
  StatusRecorder,
} from '../state/index.ts';
import { Activity } from './activity.ts';
import { DeleteOrder } from './delete-order.ts';
import { classifyError, errorCode, errorMessage } from './error-class.ts';
import type { Plan } from './plan-types.ts';
import { type AllowOutcome, PruneHold } from './prune-guard.ts';
import { type DesiredView, kindOfIdentity, Reconciler, specDigest, type WriteKind } from './reconciler.ts';
import { changedIdentities } from './revision-changes.ts';
import { REVISION_TASK_DEFINITIONS, ranTaskDefinitions } from './revision-task-definitions.ts';
import { wantedTaskDefinition } from './rollback-pin.ts';
import { rollbackTarget, rollServiceTo } from './rollback-target.ts';
import { Rollbacks } from './rollbacks.ts';
import type { ManualDecision } from './rollout/gate.ts';
import { ROLLOUT_GATE } from './rollout/gate-state.ts';
import { ManualDecisions, type RolloutDecisionOutcome } from './rollout/manual-decisions.ts';
import { DEFAULT_SETTINGS, type OperatorSettings } from './settings.ts';
import { ALL_RESOURCES, Suspensions } from './suspensions.ts';

export type { LeaderGate } from '../state/index.ts';
export type { RolloutDecisionOutcome } from './rollout/manual-decisions.ts';

export type RollbackOutcome =
  | { readonly done: true; readonly taskDefinitionArn: string; readonly from?: string }
  | { readonly done: false; readonly reason: 'not-leading' | 'unknown' | 'not-a-service' }
  | { readonly done: false; readonly reason: 'refused'; readonly message: string };

export type SuspendOutcome =
  | { readonly done: true; readonly changed: boolean }
  | { readonly done: false; readonly reason: 'not-leading' | 'unknown' };

/** The revision in force, as the source tracker hands it over. */
export interface RevisionFeed {
  current(): { readonly revision: Revision; readonly empty: boolean; readonly source: string } | undefined;
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
  /** A look found drift it had not reported yet (identity `Kind/namespace/name`), for metrics. */
  readonly onDriftDetected?: (identity: string) => void;
  /** The identities this operator manages, when it shares its state table with other targets' operators. */
  readonly owns?: (identity: string) => boolean;
  /** After each resync or drift scan, for metrics. */
  readonly onLook?: (kind: 'resync' | 'scan') => void;
  /** What the prune guard made of a revision in force: it is applied, or its deletions are held back. */
  readonly onRevisionDecided?: (revisionId: string, result: 'applied' | 'held-back') => void | Promise<void>;
}

/** Room left at the end of a resync interval, so the spread-out reconciles finish before the next listing. */
const SPREAD_SHARE = 0.9;
/** A reconcile still running after this long has its AWS calls aborted and is retried. */
const RECONCILE_TIMEOUT_MS = 5 * 60_000;
/** The first listing failed: try again this soon rather than a whole resync later. */
const FIRST_LIST_RETRY_MS = 5_000;

/**
 * The operator as controller-runtime composes one: a cache of live state, events that put
 * identities on a work queue (a new revision: what changed; the drift scan: what changed live;
 * the resync: everything, spread over its interval), and workers that reconcile one identity at
 * a time. Only the leader reads and writes AWS; followers keep the revision and do nothing else.
 */
export class Operator {
  readonly #deps: OperatorDeps;
  readonly #settings: OperatorSettings;
  readonly #scheduler: Scheduler;
  readonly #queue: WorkQueue<string>;
  readonly #controller: Controller<string>;
  readonly #cache: LiveCache;
  readonly #recorder: StatusRecorder;
  readonly #reconciler: Reconciler;
  readonly #order = new DeleteOrder();
  readonly #shutdown = new AbortController();
  readonly activity = new Activity();
  #tickers: Ticker[] = [];
  #leading = false;
  #leadership: Promise<void> = Promise.resolve();
  #listing: Promise<void> | undefined;
  #scanning: Promise<void> | undefined;
  #revision: Revision | undefined;
  #byIdentity = new Map<string, LoadedManifest>();
  /** Listener rules whose weights ECS shifts for a Service of the revision. */
  #shiftedRules: ReadonlySet<string> = new Set();
  readonly #prune: PruneHold;
  readonly #suspensions = new Suspensions();
  readonly #rollbacks = new Rollbacks();
  readonly #manual = new ManualDecisions();
  #guardWritten = '';
  #stopped = false;

  constructor(deps: OperatorDeps) {
    this.#deps = deps;
    this.#settings = { ...DEFAULT_SETTINGS, ...deps.settings };
    this.#scheduler = deps.scheduler ?? realScheduler;
    const now = deps.now ?? Date.now;
    const clock = () => this.#scheduler.now();
    this.#prune = new PruneHold({ now: clock, overrideMs: this.#settings.pruneOverrideMs });
    const fenced = new FencedState(deps.leader, deps.log);
    this.#recorder = new StatusRecorder({
      store: deps.store,
      ...(deps.owns === undefined ? {} : { owns: deps.owns }),
      fenced,
      now,
      onDriftDetected: (identity) => {
        this.#deps.onDriftDetected?.(identity);
        this.activity.bump('drifts');
      },
    });
    this.#cache = new LiveCache({
      providers: deps.providers,
      base: deps.base,
      tags: new TagCache({ maxAgeMs: this.#settings.tagResyncMs, now: clock }),
      now: clock,
      maxAgeMs: (kind) => this.#maxAgeMs(kind),
    });
    this.#reconciler = new Reconciler({
      providers: deps.providers,
      cache: this.#cache,
      recorder: this.#recorder,
      settings: this.#settings,
      now,
      desired: () => this.#desiredView(),
      deleteBlockers: (identity) => this.#deleteBlockers(identity),
      creationsPending: (identity) => this.#creationsPending(identity),
      wrote: (identity, kind, gone) => this.#wrote(identity, kind, gone),
      gate: {
        manual: (identity, deployment, hookId) => this.#manual.get(identity, deployment, hookId),
        ...(this.#settings.probeProxy === undefined ? {} : { probeProxy: this.#settings.probeProxy }),
      },
      ...(deps.log === undefined ? {} : { log: deps.log }),
    });
    this.#queue = new WorkQueue<string>({ scheduler: this.#scheduler });
    this.#controller = new Controller<string>({
      queue: this.#queue,
      workers: this.#settings.workers,
      scheduler: this.#scheduler,
      reconcile: (identity, signal) => withCallSignal(signal, () => this.#reconciler.reconcile(identity)),
      timeoutMs: RECONCILE_TIMEOUT_MS,
      classify: classifyError,
      onReconcile: (key, ms, outcome) => {
        this.activity.bump('reconciles');
        this.#deps.onReconcile?.(key, ms, String(outcome));
      },
    });
  }

  get settings(): OperatorSettings {
    return this.#settings;
  }

  /** Leading: the cache is filled and every resource was queued; following: a revision is loaded. */
  get ready(): boolean {
    return this.#leading ? this.#cache.synced : this.#deps.revisions.current() !== undefined;
  }

  get leading(): boolean {
    return this.#leading;
  }

  get queueDepth(): number {
    return this.#queue.length;
  }

  /** How long the longest-waiting queued identity has waited for a worker, in ms; 0 when none waits. */
  get oldestQueuedMs(): number {
    return this.#queue.oldestWaitMs();
  }

  /** Nothing queued, delayed or being worked on. */
  get idle(): boolean {
    return this.#queue.length === 0 && this.#queue.processing === 0 && this.#queue.delayed === 0;
  }

  /** Nothing queued or being worked on (keys waiting for a later look may remain). */
  get settled(): boolean {
    return this.#queue.length === 0 && this.#queue.processing === 0;
  }

  /** Starts the workers and the leadership watch; a replica that leads lists everything and queues it. */
  start(): void {
    this.#controller.start();
    const options = {
      scheduler: this.#scheduler,
      onError: (error: unknown) => this.#warn('tick failed', error),
    };
    this.#tickers = [
      every(this.#settings.leaderCheckMs, () => this.checkLeadership(), { ...options, immediate: true }),
      every(this.#settings.resyncMs, () => this.resync(), options),
      every(this.#settings.driftScanMs, () => this.scan(), options),
    ];
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    this.#shutdown.abort(new Error('the operator is stopping'));
    await Promise.all(this.#tickers.map((ticker) => ticker.stop()));
    await this.#controller.stop({ abortInFlight: false });
    await this.#listing?.catch(() => undefined);
    await this.#scanning?.catch(() => undefined);
  }

  /** Takes up or lays down leadership when the lease says so. */
  checkLeadership(): Promise<void> {
    this.#leadership = this.#leadership.then(async () => {
      const leading = this.#deps.leader.isLeader() && !this.#stopped;
      if (leading && !this.#leading) await this.#startLeading();
      else if (!leading && this.#leading) this.#stopLeading();
    });
    return this.#leadership;
  }

  async #startLeading(): Promise<void> {
    this.#leading = true;
    this.#cache.reset();
    this.#guardWritten = '';
    await this.#recorder.load();
    const kept = await this.#deps.store.getOperator();
    this.#suspensions.load(kept.suspended);
    this.#rollbacks.load(kept.rollbacks);
    this.#deps.log?.info({}, 'leading: listing every kind, then reconciling everything');
    await this.resync({ spread: false });
  }

  #stopLeading(): void {
    this.#leading = false;
    this.#queue.clear();
    this.#cache.reset();
    this.#recorder.clear();
    this.#deps.log?.warn({}, 'no longer leading: the queue and the cache are dropped');
  }

  /** A new revision is in force: its changed, new and removed identities are queued. */
  async onRevision(): Promise<void> {
    const current = this.#deps.revisions.current();
    if (current === undefined || current.revision === this.#revision) return;
    const previous = this.#revision;
    this.#setRevision(current.revision);
    if (!this.#leading) return;
    if (!this.#cache.synced) {
      // Leading since before the first revision: the first listing waited for one, not for the resync.
      void this.resync({ spread: false });
      return;
    }
    // The guard is judged before anything is queued (a removal it holds must not go ahead), and
    // written after: the writes a commit asks for need not wait for the state table.
    const guarded = this.#updateGuard();
    for (const identity of changedIdentities(previous, current.revision)) this.#queue.add(identity);
    await guarded;
  }

  /**
   * The full resync: every kind listed into the cache (what changed is queued at once), then every
   * identity queued, spread with jitter over the interval (at once the first time).
   */
  resync(options: { spread?: boolean } = {}): Promise<void> {
    if (!this.#leading || this.#stopped) return Promise.resolve();
    this.#listing ??= this.#list(options.spread ?? true).finally(() => {
      this.#listing = undefined;
    });
    return this.#listing;
  }

  async #list(spread: boolean): Promise<void> {
    const current = this.#deps.revisions.current();
    if (current === undefined) return;
    if (current.revision !== this.#revision) this.#setRevision(current.revision);
    const firstListing = !this.#cache.synced;
    let changed: string[];
    try {
      changed = await withCallSignal(this.#shutdown.signal, () =>
        this.#cache.list(current.revision.documents),
      );
    } catch (error) {
      this.#warn('listing failed; the next resync tries again', error);
      await this.#recorder.operator({
        lastPass: {
          at: this.#isoNow(),
          outcome: 'failed',
          message: `${errorCode(error)}: ${errorMessage(error)}`,
        },
      });
      if (firstListing && !this.#stopped)
        this.#scheduler.setTimeout(() => void this.resync(), FIRST_LIST_RETRY_MS);
      return;
    }
    if (!this.#leading) return;
    await this.#updateGuard();
    for (const identity of changed) this.#queue.add(identity);
    const everything = this.#everyIdentity();
    for (const identity of everything) {
      if (spread && !firstListing)
        this.#queue.addAfter(identity, Math.random() * this.#settings.resyncMs * SPREAD_SHARE);
      else this.#queue.add(identity);
    }
    await this.#recorder.operator({
      lastPass: {
        at: this.#isoNow(),
        outcome: 'succeeded',
        message: `${everything.length} resources listed`,
      },
    });
    this.activity.bump('resyncs');
    this.#deps.onLook?.('resync');
  }

  /** The drift scan: the scanned kinds read again in batches; what changed is queued. */
  scan(): Promise<void> {
    if (!this.#leading || this.#stopped || !this.#cache.synced || this.#revision === undefined)
      return Promise.resolve();
    this.#scanning ??= this.#scanOnce(this.#revision).finally(() => {
      this.#scanning = undefined;
    });
    return this.#scanning;
  }

  async #scanOnce(revision: Revision): Promise<void> {
    try {
      // Each batch's changes are queued as they are found, not when the whole scan ends.
      const queue = (identities: string[]) => {
        if (this.#leading) for (const identity of identities) this.#queue.add(identity);
      };
      await withCallSignal(this.#shutdown.signal, () => this.#cache.scan(revision.documents, queue));
    } catch (error) {
      this.#warn('drift scan failed; the next one tries again', error);
      return;
    }
    this.activity.bump('scans');
    this.#deps.onLook?.('scan');
  }

  /** "Look now": one resource, or every one. */
  lookNow(identity?: string): 'queued' | 'unknown' {
    if (identity === undefined) {
      for (const each of this.#everyIdentity()) this.#queue.add(each);
      return 'queued';
    }
    if (!this.#known(identity)) return 'unknown';
    this.#queue.add(identity);
    return 'queued';
  }

  #known(identity: string): boolean {
    return (
      this.#byIdentity.has(identity) ||
      this.#cache.get(identity) !== undefined ||
      this.#recorder.get(identity) !== undefined
    );
  }

  /**
   * Lets the deletions of the revision now in force go ahead though the prune guard holds them:
   * that revision only (`revision`, when given, must be it), for `pruneOverrideMs`, and an empty
   * source only with `emptySource`.
   */
  async allowPrune(
    request: { readonly revision?: string; readonly emptySource?: boolean } = {},
  ): Promise<AllowOutcome> {
    const current = this.#deps.revisions.current();
    if (current === undefined) return { allowed: false, reason: 'no revision is in force yet' };
    if (current.revision !== this.#revision) this.#setRevision(current.revision);
    const outcome = this.#prune.allow(
      { revisionId: current.revision.id, emptySource: current.empty },
      {
        ...(request.revision === undefined ? {} : { named: request.revision }),
        ...(request.emptySource === undefined ? {} : { emptySource: request.emptySource }),
      },
    );
    if (!outcome.allowed) return outcome;
    await this.#updateGuard();
    for (const identity of this.#pendingDeletions().map((entry) => entry.resource.identity))
      this.#queue.add(identity);
    return outcome;
  }

  /**
   * Suspends (or resumes) one resource, or every one (`*`): it is observed and reported, never
   * written, until resumed. Only the leader can: it keeps the list in the operator item.
   */
  async suspend(identity: string, suspended: boolean): Promise<SuspendOutcome> {
    if (!this.#leading) return { done: false, reason: 'not-leading' };
    if (identity !== ALL_RESOURCES && !this.#known(identity)) {
      return { done: false, reason: 'unknown' };
    }
    const next = this.#suspensions.changed(identity, suspended);
    if (next === undefined) return { done: true, changed: false };
    await this.#recorder.operator({ suspended: next });
    this.#suspensions.load(next);
    const what = identity === ALL_RESOURCES ? 'every resource' : identity;
    await this.#recorder.event(
      identity === ALL_RESOURCES ? 'operator' : identity,
      'Normal',
      suspended ? 'Suspended' : 'Resumed',
      suspended
        ? `${what} suspended through the API: observed, never written`
        : `${what} resumed through the API`,
    );
    this.lookNow(identity === ALL_RESOURCES ? undefined : identity);
    return { done: true, changed: true };
  }

  /**
   * Rolls a Service back to `to` (a revision digest or a task definition; by default the task
   * definition it ran before) and pins it there: self-heal leaves it until its manifest changes.
   * Only the leader can: it keeps the pins in the operator item.
   */
  async rollback(identity: string, to?: string): Promise<RollbackOutcome> {
    if (!this.#leading) return { done: false, reason: 'not-leading' };
    if (!identity.startsWith('Service/')) return { done: false, reason: 'not-a-service' };
    const manifest = this.#byIdentity.get(identity);
    const live = this.#cache.get(identity)?.resource;
    if (manifest === undefined || live === undefined) return { done: false, reason: 'unknown' };
    const context = this.#cache.context();
    const target = await rollbackTarget({
      ...(to === undefined ? {} : { to }),
      live,
      ran: ranTaskDefinitions(this.#recorder.get(identity)?.awsIds[REVISION_TASK_DEFINITIONS]),
      history: async () => (await this.#deps.store.listRevisions(100)).map((record) => record.id),
      ecs: context.aws.ecs,
    });
    if (!target.ok) return { done: false, reason: 'refused', message: target.reason };
    const desired = this.#deps.providers.get('Service').desired(manifest, context);
    const manifestTaskDefinition = desired.ok
      ? wantedTaskDefinition({ desired: desired.state, observed: live, drift: [] })
      : undefined;
    const before = this.#rollbacks.list();
    const pins = this.#rollbacks.with({
      identity,
      taskDefinitionArn: target.taskDefinitionArn,
      at: this.#isoNow(),
      specDigest: specDigest(manifest),
      ...(manifestTaskDefinition === undefined ? {} : { manifestTaskDefinition }),
    });
    // Pinned first: a look in between must not undo the rollback.
    await this.#recorder.operator({ rollbacks: pins });
    this.#rollbacks.load(pins);
    try {
      await rollServiceTo(live, target.taskDefinitionArn, context.aws.ecs);
    } catch (error) {
      // Not rolled back: the pins are as they were.
      await this.#recorder.operator({ rollbacks: before });
      this.#rollbacks.load(before);
      throw error;
    }
    this.#cache.written(identity);
    await this.#recorder.event(
      identity,
      'Normal',
      'RolledBack',
      `rolled back from ${target.from ?? 'its task definition'} to ${target.taskDefinitionArn} through the API; self-heal leaves it there until the manifest changes`,
    );
    this.lookNow(identity);
    return {
      done: true,
      taskDefinitionArn: target.taskDefinitionArn,
      ...(target.from === undefined ? {} : { from: target.from }),
    };
  }

  /**
   * Promotes or aborts a Service's deployment paused at a gate with a manual check: kept in its
   * status before the gate acts on it. Only the leader can.
   */
  async decideRollout(identity: string, decision: ManualDecision): Promise<RolloutDecisionOutcome> {
    if (!this.#leading) return { done: false, reason: 'not-leading' };
    const status = this.#recorder.get(identity);
    if (status === undefined || !identity.startsWith('Service/')) return { done: false, reason: 'unknown' };
    const state = this.#manual.take(identity, status.awsIds[ROLLOUT_GATE], decision);
    if (state === undefined) return { done: false, reason: 'not-paused' };
    await this.#recorder.record({
      ...status,
      awsIds: { ...status.awsIds, [ROLLOUT_GATE]: ManualDecisions.write(state) },
    });
    await this.#recorder.event(
      identity,
      'Normal',
      decision === 'promote' ? 'RolloutPromoted' : 'RolloutAborted',
      `${decision} through the API at ${state.stage} (${state.deployment}, hook ${state.hookId})`,
    );
    this.lookNow(identity);
    return { done: true, deployment: state.deployment, hookId: state.hookId, stage: state.stage };
  }

  /** The pins of rollbacks through the API, by Service. */
  rollbacks() {
    return this.#rollbacks.list();
  }

  async #releaseRollback(identity: string): Promise<void> {
    const pins = this.#rollbacks.without(identity);
    if (pins === undefined) return;
    const released = this.#rollbacks.get(identity);
    await this.#recorder.operator({ rollbacks: pins });
    this.#rollbacks.load(pins);
    await this.#recorder.event(
      identity,
      'Normal',
      'RollbackReleased',
      `its manifest changed: the rollback to ${released?.taskDefinitionArn ?? 'an earlier task definition'} no longer holds it`,
    );
  }

  /** The statuses as last computed by this replica (the leader's; empty on a follower). */
  statuses(): ResourceStatus[] {
    return this.#recorder.all();
  }

  /** The latest decision about each resource, in create order, deletions last. */
  lastPlan(): Plan {
    return this.#reconciler.plan(this.#revision);
  }

  #setRevision(revision: Revision): void {
    this.#revision = revision;
    this.#byIdentity = new Map(revision.documents.map((manifest) => [manifest.identity, manifest]));
    this.#shiftedRules = rulesShiftedByEcs(revision.documents);
    this.#order.remember(revision);
    for (const identity of this.#reconciler.decisions().map((change) => change.identity)) {
      if (!this.#byIdentity.has(identity) && this.#cache.get(identity) === undefined)
        this.#reconciler.forgetDecision(identity);
    }
  }

  #desiredView(): DesiredView | undefined {
    const revision = this.#revision;
    if (revision === undefined) return undefined;
    const byIdentity = this.#byIdentity;
    return {
      revisionId: revision.id,
      manifest: (identity) => byIdentity.get(identity),
      pruneHeld: this.#prune.reason,
      suspended: (identity) => this.#suspensions.has(identity),
      rollback: (identity) => this.#rollbacks.get(identity),
      releaseRollback: (identity) => this.#releaseRollback(identity),
      implicitIgnores: (identity) => implicitIgnores(identity, this.#shiftedRules),
    };
  }

  /** Every identity there is something to do about: the revision's, the owned live ones, the recorded ones. */
  #everyIdentity(): string[] {
    const all = new Set(this.#byIdentity.keys());
    for (const entry of this.#cache.entries()) if (entry.resource.owned) all.add(entry.resource.identity);
    for (const identity of this.#recorder.identities()) all.add(identity);
    return [...all];
  }

  /** Owned resources no manifest names and whose policy is not Retain. */
  #pendingDeletions() {
    return this.#cache
      .entries()
      .filter(
        (entry) =>
          entry.resource.owned &&
          entry.resource.retained !== true &&
          !this.#byIdentity.has(entry.resource.identity),
      );
  }

  #deleteBlockers(identity: string): string[] {
    return this.#order.blockers(identity, this.#pendingDeletions(), this.#cache.entries());
  }

  /**
   * Manifests of `identity`'s kind not yet created: not live, not failing (a creation that fails,
   * e.g. on a name the old resource still holds, must not hold the delete forever), not suspended.
   */
  #creationsPending(identity: string): string[] {
    const kind = kindOfIdentity(identity);
    const pending: string[] = [];
    for (const manifest of this.#byIdentity.values()) {
      if (manifest.kind !== kind || this.#cache.get(manifest.identity) !== undefined) continue;
      if (this.#recorder.get(manifest.identity)?.lastError !== undefined) continue;
      if (controlsOf(manifest).suspend || this.#suspensions.has(manifest.identity)) continue;
      pending.push(manifest.identity);
    }
    return pending;
  }

  /** After a write: dependents look again (a new ARN to point at); after a delete, what waited for it. */
  #wrote(identity: string, kind: WriteKind, gone?: CachedResource): void {
    if (kind === 'created' || kind === 'replaced') {
      for (const dependent of this.#revision?.graph.dependentsOf(identity) ?? []) this.#queue.add(dependent);
    }
    if (kind === 'created') {
      // Deletions of its kind may have waited for it (prune last).
      const created = kindOfIdentity(identity);
      for (const entry of this.#pendingDeletions()) {
        if (kindOfIdentity(entry.resource.identity) === created) this.#queue.add(entry.resource.identity);
      }
    }
    if (gone !== undefined) {
      const pending = new Set(this.#pendingDeletions().map((entry) => entry.resource.identity));
      for (const dependency of this.#order.dependenciesOf(gone, this.#cache.entries())) {
        if (pending.has(dependency)) this.#queue.add(dependency);
      }
      this.#order.forget(identity);
    }
  }

  /**
   * Judges the prune guard over the cache and the revision in force (deletions it releases are
   * queued at once), then writes it to the operator item when it changed.
   */
  async #updateGuard(): Promise<void> {
    const current = this.#deps.revisions.current();
    const revision = this.#revision;
    if (current === undefined || revision === undefined || !this.#cache.synced) return;
    const pending = this.#pendingDeletions();
    const { view, released } = this.#prune.judge({
      revisionId: revision.id,
      owned: this.#cache.entries().filter((entry) => entry.resource.owned).length,
      deletions: pending.length,
      emptySource: current.empty,
      share: this.#settings.pruneShare,
    });
    if (released) for (const entry of pending) this.#queue.add(entry.resource.identity);
    const written = JSON.stringify({ revision: revision.id, view });
    if (written === this.#guardWritten) return;
    this.#guardWritten = written;
    await this.#recorder.operator({ currentRevision: revision.id, leader: 'this replica', pruneGuard: view });
    await this.#deps.onRevisionDecided?.(revision.id, view.held ? 'held-back' : 'applied');
  }

  #maxAgeMs(kind: Kind): number {
    const scanned = this.#deps.providers.has(kind) && this.#deps.providers.get(kind).scanned === true;
    return scanned ? 2 * this.#settings.driftScanMs : 1.5 * this.#settings.resyncMs;
  }

  #isoNow(): string {
    return new Date((this.#deps.now ?? Date.now)()).toISOString();
  }

  #warn(message: string, error: unknown): void {
    this.#deps.log?.warn({ error: `${errorCode(error)}: ${errorMessage(error)}` }, message);
  }
}
