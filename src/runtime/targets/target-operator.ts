import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { AwsCredentialIdentity } from '@smithy/types';
import type { Logger } from 'pino';
import {
  type MetricsSource,
  recordAwsCall,
  recordDriftDetected,
  recordRateGateWait,
  recordReconcile,
} from '../../api/metrics.ts';
import { assumeRoleCredentials } from '../../aws/assume-role.ts';
import { type AwsClients, createAwsClients } from '../../aws/clients.ts';
import { writesWhileLeading } from '../../aws/leader-gate.ts';
import { rateLimitedGate } from '../../aws/rate-gate.ts';
import { type Config, operatorSettingsOf } from '../../config/index.ts';
import { Operator, type RevisionFeed } from '../../converge/operator.ts';
import { defaultProviders } from '../../providers/all.ts';
import { ownershipFor } from '../../providers/ownership.ts';
import {
  type FenceMode,
  type LeaderGate,
  type ShardCoordinator,
  StateStore,
  shardLeaseName,
} from '../../state/index.ts';
import { targetOperatorKey } from '../../state/keys.ts';
import type { TargetSpec } from './target-spec.ts';

/** What every target's operator shares with the process: configuration, the table, the lease. */
export interface TargetOperatorDeps {
  readonly config: Config;
  readonly logger: Logger;
  readonly metrics: MetricsSource;
  readonly dynamo: DynamoDBClient;
  readonly fenceMode: FenceMode;
  /** Whether this replica holds a target's shard now, and its fencing token: only then does it work on it. */
  readonly shards: ShardCoordinator;
  /** The operator's own credentials (dev mode's local ones); undefined: the SDK's chain. */
  readonly credentials?: AwsCredentialIdentity;
  readonly signal: AbortSignal;
  /** The part of the revision in force this target manages. */
  readonly revisions: (target: string) => RevisionFeed['current'];
  /** The identities a target manages, as the Targets in force bind namespaces. */
  readonly owns: (target: string) => (identity: string) => boolean;
}

/** One Target's operator: its own clients (its role, its region), rate buckets, operator item and prune guard. */
export interface TargetOperator {
  readonly spec: TargetSpec;
  readonly operator: Operator;
  readonly store: StateStore;
  readonly aws: AwsClients;
  close(): Promise<void>;
}

/**
 * The operator of a Target other than the default: it assumes the Target's role (if any) with
 * the operator's own credentials, in the Target's region, and tags what it creates with its own
 * instance value (`<instance>:<Target identity>`), so no other target's operator, in the same
 * account or not, ever takes its resources for its own or prunes them.
 */
export function startTargetOperator(spec: TargetSpec, deps: TargetOperatorDeps): TargetOperator {
  const { config, logger, metrics } = deps;
  // The target is a shard: its own lease and fencing token, held by one replica at a time.
  const lease: LeaderGate = {
    isLeader: () => deps.shards.holds(spec.key),
    fencingToken: () => deps.shards.fencingToken(spec.key),
  };
  const region = spec.region ?? config.region;
  const endpoint = config.endpoint === undefined ? {} : { endpoint: config.endpoint };
  const assumed =
    spec.roleArn === undefined
      ? undefined
      : assumeRoleCredentials({
          roleArn: spec.roleArn,
          ...(spec.externalId === undefined ? {} : { externalId: spec.externalId }),
          sessionName: `shipshape-${config.instance}`,
          region,
          ...endpoint,
          ...(deps.credentials === undefined ? {} : { credentials: deps.credentials }),
        });
  const credentials = assumed ?? deps.credentials;
  const { gate: rateGate } = rateLimitedGate({
    share: config.rateShare,
    onWait: (service, group, ms) => recordRateGateWait(metrics, service, group, ms),
  });
  const aws = createAwsClients(
    {
      region,
      ...endpoint,
      ...(credentials === undefined ? {} : { credentials }),
      ...(assumed === undefined ? {} : { onExpiredToken: (key) => assumed.invalidate(key) }),
      signal: deps.signal,
    },
    writesWhileLeading(
      {
        before: (service, operation, signal) => rateGate.before(service, operation, signal),
        after: (service, operation, outcome) => {
          rateGate.after(service, operation, outcome);
          recordAwsCall(metrics, service, operation, outcome, spec.key);
        },
      },
      lease,
    ),
  );
  const store = new StateStore({
    client: deps.dynamo,
    table: config.stateTable,
    fenceMode: deps.fenceMode,
    leaseName: shardLeaseName(spec.key),
    operatorKey: targetOperatorKey(spec.key),
  });
  const operator = new Operator({
    providers: defaultProviders(),
    base: { aws, ownership: ownershipFor(`${config.instance}:${spec.key}`) },
    store,
    leader: lease,
    revisions: { current: deps.revisions(spec.key) },
    owns: deps.owns(spec.key),
    settings: operatorSettingsOf(config),
    log: logger.child({ target: spec.key }),
    onReconcile: (identity, ms, outcome) => recordReconcile(metrics, identity, ms, outcome),
    onDriftDetected: (identity) => recordDriftDetected(metrics, identity),
    onLook: (kind) => metrics.looks.inc({ kind, target: spec.key }),
  });
  operator.start();
  return {
    spec,
    operator,
    store,
    aws,
    async close() {
      await operator.stop();
      aws.destroy();
      assumed?.destroy();
    },
  };
}
