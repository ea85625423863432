import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { AwsCredentialIdentity } from '@smithy/types';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { buildApi } from '../api/build-api.ts';
import {
  createMetrics,
  recordAwsCall,
  recordDriftDetected,
  recordRateGateWait,
  recordReconcile,
  setRevisionInForce,
} from '../api/metrics.ts';
import { toApiPlan } from '../api/plan-view.ts';
import { redactingStatusReader } from '../api/redacting-reader.ts';
import { cachedStatusReader } from '../api/status-cache.ts';
import { StatusSnapshots } from '../api/status-snapshots.ts';
import { type CallGate, createAwsClients } from '../aws/clients.ts';
import { writesWhileLeading } from '../aws/leader-gate.ts';
import { rateLimitedGate } from '../aws/rate-gate.ts';
import { type Config, leaseTimingsOf, operatorSettingsOf, readLimitsOf } from '../config/index.ts';
import { Operator } from '../converge/operator.ts';
import { Notifier, transportFor } from '../notify/index.ts';
import { listenNamingBusyPort } from '../port-in-use.ts';
import { defaultProviders } from '../providers/all.ts';
import { ownershipFor } from '../providers/ownership.ts';
import { redactText } from '../redact/index.ts';
import { openSource, RevisionTracker } from '../source/index.ts';
import {
  ensureTable,
  FencedState,
  type FenceMode,
  LeaseManager,
  ShardCoordinator,
  StateStore,
} from '../state/index.ts';
import { rollbackResult } from './rollback-result.ts';
import { stateHistory } from './state-history.ts';
import { StoreFanIn } from './targets/store-fan-in.ts';
import { TargetOperators } from './targets/target-operators.ts';
import { DEFAULT_TARGET, revisionViewOf } from './targets/target-revision.ts';
import { ownedBy, type TargetSpec, targetsOf } from './targets/target-spec.ts';

/** How long in-flight reconciles may take to finish on shutdown before their AWS calls are aborted. */
const SHUTDOWN_GRACE_MS = 20_000;

/** Where each dependency lives when it is not AWS itself (dev mode: the local servers). */
export interface Endpoints {
  readonly dynamodb?: string;
  readonly s3?: string;
  readonly credentials?: AwsCredentialIdentity;
  /** 'transaction' on AWS; 'check-then-write' on dynalite, which has no transactions. */
  readonly fenceMode?: FenceMode;
}

export interface RunningShipshape {
  readonly url: string;
  readonly operator: Operator;
  readonly tracker: RevisionTracker;
  readonly lease: LeaseManager;
  readonly api: FastifyInstance;
  /** Graceful: in-flight work finishes, the lease is released. */
  close(): Promise<void>;
}

/** The composition root: configuration in, a running operator with its API out. */
export async function startShipshape(
  config: Config,
  logger: Logger,
  endpoints: Endpoints = {},
): Promise<RunningShipshape> {
  const credentials = endpoints.credentials === undefined ? {} : { credentials: endpoints.credentials };
  const metrics = createMetrics();
  const { gate: rateGate } = rateLimitedGate({
    share: config.rateShare,
    onWait: (service, group, ms) => recordRateGateWait(metrics, service, group, ms),
  });
  // Fired when shutdown's grace is over: every AWS call still in flight is aborted.
  const shutdown = new AbortController();
  // The lease is made below, once the state table is there; only its leader changes AWS.
  let leadership: { isLeader(): boolean } = { isLeader: () => false };
  const gate: CallGate = writesWhileLeading(
    {
      before: (service, operation, signal) => rateGate.before(service, operation, signal),
      after: (service, operation, outcome) => {
        rateGate.after(service, operation, outcome);
        recordAwsCall(metrics, service, operation, outcome);
      },
    },
    { isLeader: () => leadership.isLeader() },
  );
  const aws = createAwsClients(
    {
      region: config.region,
      ...(config.endpoint === undefined ? {} : { endpoint: config.endpoint }),
      ...credentials,
      signal: shutdown.signal,
    },
    gate,
  );
  const dynamoEndpoint = endpoints.dynamodb ?? config.endpoint;
  const dynamo = new DynamoDBClient({
    region: config.region,
    ...(dynamoEndpoint === undefined ? {} : { endpoint: dynamoEndpoint }),
    ...credentials,
  });
  await ensureTable(dynamo, config.stateTable);
  const store = new StateStore({
    client: dynamo,
    table: config.stateTable,
    fenceMode: endpoints.fenceMode ?? 'transaction',
  });
  const lease = new LeaseManager({
    client: dynamo,
    table: config.stateTable,
    holderId: config.replicaId,
    durationMs: config.leaseDurationSeconds * 1000,
    renewDeadlineMs: config.leaseRenewDeadlineSeconds * 1000,
    retryPeriodMs: config.leaseRetrySeconds * 1000,
    onStartedLeading: (token) => {
      metrics.leader.set(1);
      logger.info({ replica: config.replicaId, token }, 'started leading');
      // A rejection found before this replica led (a bad source at start) was not written then.
      void tracker.recordStandingRejection();
      void notifier.startLeading();
    },
    onStoppedLeading: (reason) => {
      metrics.leader.set(0);
      logger.warn({ replica: config.replicaId, reason }, 'stopped leading');
      void notifier.stopLeading();
    },
    onError: (error) =>
      logger.warn({ error: error instanceof Error ? error.message : String(error) }, 'lease error'),
  });
  leadership = lease;

  const sourceEndpoint = endpoints.s3 ?? config.endpoint;
  const limits = readLimitsOf(config);
  const source = openSource(config.source, {
    region: config.region,
    pollIntervalMs: config.pollSeconds * 1000,
    limits,
    ...(config.source.startsWith('dynamodb://') && dynamoEndpoint !== undefined
      ? { endpoint: dynamoEndpoint }
      : {}),
    ...(config.source.startsWith('s3://') && sourceEndpoint !== undefined
      ? { endpoint: sourceEndpoint }
      : {}),
    ...(config.sourceQueueUrl === undefined ? {} : { queueUrl: config.sourceQueueUrl }),
    ...credentials,
    // Once: the source has no commit record, so a commit of several files is not read as one.
    onNotice: (message) => logger.warn({ source: redactText(config.source) }, message),
  });
  const fenced = new FencedState(lease, logger);
  // Notifications go to the outbox with their events; the leader sends them in the background.
  const notifier = new Notifier({
    receivers: config.notifications,
    transportFor: (receiver) => transportFor(receiver, { region: config.region, ...credentials }),
    store,
    fenced,
    log: logger,
    onSettled: (receiver, outcome, attempts) => {
      metrics.notifications.inc({ receiver, outcome });
      if (attempts > 1) metrics.notificationRetries.inc({ receiver }, attempts - 1);
    },
  });
  store.tapEvents(notifier.tap);
  const tracker = new RevisionTracker(source, {
    history: stateHistory(store, fenced),
    load: { maxDocuments: limits.documents },
  });

  // Each target's operator sees the manifests of its namespaces; the default one, all the others.
  let targets: TargetOperators | undefined;
  const noTargets: readonly TargetSpec[] = [];
  const revisionsFor = (target: string) => {
    const viewOf = revisionViewOf(target);
    return () => {
      const tracked = tracker.current();
      return tracked === undefined
        ? undefined
        : {
            revision: viewOf(tracked.revision, targets?.specs ?? noTargets),
            empty: tracked.empty,
            source: source.describe(),
          };
    };
  };
  const operator = new Operator({
    providers: defaultProviders(),
    base: { aws, ownership: ownershipFor(config.instance) },
    store,
    leader: lease,
    revisions: { current: revisionsFor(DEFAULT_TARGET) },
    owns: ownedBy(DEFAULT_TARGET, () => targets?.specs ?? noTargets),
    settings: operatorSettingsOf(config),
    log: logger,
    onReconcile: (identity, ms, outcome) => recordReconcile(metrics, identity, ms, outcome),
    onDriftDetected: (identity) => recordDriftDetected(metrics, identity),
    onLook: (kind) => metrics.looks.inc({ kind, target: DEFAULT_TARGET }),
    onRevisionDecided: async (revisionId, result) => {
      setRevisionInForce(metrics, revisionId);
      const tracked = tracker.current();
      if (tracked === undefined || tracked.revision.id !== revisionId) return;
      // The tracker records each transition once; a follower records none.
      if (fenced.leading) await tracker.report(tracked, result);
    },
  });
  metrics.readLoop(operator);
  // Each Target is a shard: its lease is shared out among the replicas, and only its holder works on it.
  const shards = new ShardCoordinator({
    client: dynamo,
    table: config.stateTable,
    replicaId: config.replicaId,
    shards: () => targets?.specs.map((spec) => spec.key) ?? [],
    ...leaseTimingsOf(config),
    onAcquired: (shard, token) => logger.info({ shard, token }, 'took a target shard'),
    onLost: (shard, reason) => logger.warn({ shard, reason }, 'gave up a target shard'),
    onError: (error) =>
      logger.warn({ error: error instanceof Error ? error.message : String(error) }, 'shard lease error'),
  });
  const stores = new StoreFanIn();
  stores.add(store, true);
  const targetOperators = new TargetOperators(
    operator,
    {
      config,
      logger,
      metrics,
      dynamo,
      fenceMode: endpoints.fenceMode ?? 'transaction',
      shards,
      ...credentials,
      signal: shutdown.signal,
      revisions: revisionsFor,
      owns: (target) => ownedBy(target, () => targets?.specs ?? noTargets),
    },
    {
      added: (added) => {
        stores.add(added, false);
        added.tapEvents(notifier.tap);
      },
      removed: (removed) => stores.remove(removed),
    },
  );
  targets = targetOperators;
  tracker.onRevision(async () => {
    // A good revision replaces a rejected one: its errors are history now.
    await fenced.write((token) => store.updateOperator({ sourceErrors: [] }, token));
    await targetOperators.sync(targetsOf(tracker.current()?.revision.documents ?? []));
    for (const each of targetOperators.all()) await each.onRevision();
  });

  const redacted = redactingStatusReader(store);
  const api = buildApi({
    // Many dashboards and scrapers share one read of the table a second.
    status: cachedStatusReader(redacted),
    // This replica's writes show at once; those of the replicas holding other shards within a second.
    snapshots: new StatusSnapshots({
      reader: redacted,
      changes: stores,
      onlyWriter: () =>
        lease.isLeader() && (targets?.specs ?? noTargets).every((spec) => shards.holds(spec.key)),
    }),
    // GET /watch: events this replica records, in every target (a follower records none, so streams statuses only).
    events: stores,
    metrics,
    ready: () => targetOperators.all().every((each) => each.ready),
    logger,
    ...(config.apiToken === undefined ? {} : { token: config.apiToken }),
    protectReads: config.apiProtectReads,
    actions: {
      sync: async () => {
        await tracker.sync();
      },
      reconcile: async (identity) => targetOperators.forIdentity(identity).lookNow(identity),
      // One override for every target: what it allows is named by the revision, which they share.
      allowPrune: async (request) => {
        const [first, ...others] = targetOperators.all();
        for (const each of others) await each.allowPrune(request);
        return (first ?? operator).allowPrune(request);
      },
      plan: async () => toApiPlan(operator.lastPlan()),
      suspend: async (identity, suspended) => {
        const outcome = await targetOperators.forIdentity(identity).suspend(identity, suspended);
        if (!outcome.done) return outcome.reason;
        return outcome.changed ? 'changed' : 'unchanged';
      },
      rollback: (identity, request) =>
        rollbackResult(targetOperators.forIdentity(identity).rollback(identity, request.to)),
      decideRollout: async (identity, decision) => {
        const outcome = await targetOperators.forIdentity(identity).decideRollout(identity, decision);
        return outcome.done ? { result: 'decided', ...outcome } : { result: outcome.reason };
      },
    },
  });
  const url = await listenNamingBusyPort(api.listen({ host: config.apiHost, port: config.apiPort }), {
    host: config.apiHost,
    port: config.apiPort,
    // The flag of apiPort in config/sources.ts.
    flag: '--port',
  });

  lease.start();
  shards.start();
  await tracker.start();
  operator.start();
  logger.info(
    { url, source: source.describe(), instance: config.instance, replica: config.replicaId },
    'Shipshape is running',
  );

  return {
    url,
    operator,
    tracker,
    lease,
    api,
    async close() {
      await tracker.stop();
      const grace = setTimeout(
        () => shutdown.abort(new Error('shutdown: grace period over')),
        SHUTDOWN_GRACE_MS,
      );
      await targetOperators.close();
      await shards.stop();
      await operator.stop();
      await notifier.close();
      clearTimeout(grace);
      shutdown.abort(new Error('shutdown'));
      await api.close();
      lease.stop();
      await lease.release().catch(() => undefined);
      aws.destroy();
      dynamo.destroy();
    },
  };
}
