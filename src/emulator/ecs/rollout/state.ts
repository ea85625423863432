import type { JsonObject } from '../../core/json.ts';
import type { Deployment } from '../state.ts';

export type ServiceDeploymentStatus =
  | 'PENDING'
  | 'IN_PROGRESS'
  | 'SUCCESSFUL'
  | 'STOPPED'
  | 'STOP_REQUESTED'
  | 'ROLLBACK_REQUESTED'
  | 'ROLLBACK_IN_PROGRESS'
  | 'ROLLBACK_SUCCESSFUL'
  | 'ROLLBACK_FAILED';

export type LifecycleStage =
  | 'RECONCILE_SERVICE'
  | 'PRE_SCALE_UP'
  | 'SCALE_UP'
  | 'POST_SCALE_UP'
  | 'TEST_TRAFFIC_SHIFT'
  | 'POST_TEST_TRAFFIC_SHIFT'
  | 'PRE_PRODUCTION_TRAFFIC_SHIFT'
  | 'PRODUCTION_TRAFFIC_SHIFT'
  | 'POST_PRODUCTION_TRAFFIC_SHIFT'
  | 'BAKE_TIME'
  | 'CLEAN_UP';

export type HookAction = 'CONTINUE' | 'ROLLBACK';

export interface HookDetail {
  readonly hookId: string;
  readonly targetType: 'PAUSE' | 'AWS_LAMBDA';
  readonly targetArn: string | undefined;
  readonly stage: LifecycleStage;
  status: 'AWAITING_ACTION' | 'IN_PROGRESS' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT';
  readonly expiresAt: number;
  readonly timeoutAction: HookAction;
}

/** One load balancer's two target groups and listener rules, as advancedConfiguration names them. */
export interface TrafficRoute {
  /** The load balancer's targetGroupArn as the service names it. */
  readonly configuredTargetGroupArn: string;
  readonly blueTargetGroupArn: string;
  readonly greenTargetGroupArn: string;
  readonly productionListenerRule: string | undefined;
  readonly testListenerRule: string | undefined;
}

/** A service revision: the service's configuration a deployment rolls out. */
export interface ServiceRevisionRecord {
  readonly arn: string;
  readonly serviceArn: string;
  readonly clusterArn: string;
  readonly taskDefinitionArn: string;
  readonly config: JsonObject;
  readonly createdAt: number;
}

export interface ServiceDeploymentRecord {
  readonly arn: string;
  readonly serviceArn: string;
  readonly clusterArn: string;
  readonly strategy: string;
  readonly createdAt: number;
  startedAt: number | undefined;
  finishedAt: number | undefined;
  stoppedAt: number | undefined;
  updatedAt: number;
  /** The ECS deployment (ecs-svc/...) that rolls the target revision out. */
  readonly target: Deployment;
  readonly targetRevisionArn: string;
  /** The deployments that ran when this one started, with their revisions. */
  readonly sources: ReadonlyArray<{ readonly deployment: Deployment; readonly revisionArn: string }>;
  status: ServiceDeploymentStatus;
  statusReason: string;
  lifecycleStage: LifecycleStage | undefined;
  /** When the current stage (or linear/canary step) began. */
  stageAt: number;
  hooks: HookDetail[];
  readonly deploymentConfiguration: JsonObject;
  rollback: { reason: string; startedAt: number; serviceRevisionArn: string } | undefined;
  /** The deployment that rolls back to the source revision (rolling mode), once started. */
  rollbackDeployment: Deployment | undefined;
  circuitBreakerTriggered: boolean;
  triggeredAlarmNames: string[];
  /** Percent of production and test traffic on the green target groups. */
  productionWeight: number;
  testWeight: number;
  /** Blue/green, linear and canary: traffic moves between these (empty without load balancers). */
  readonly routes: TrafficRoute[];
  /** Traffic-shifting strategy run with blue tasks to shift from; false runs as a rolling update. */
  readonly shifting: boolean;
}

/** Service deployments, revisions and traffic routing of one service (EcsService.rollout). */
export interface ServiceRollout {
  /** Newest first. */
  readonly deployments: ServiceDeploymentRecord[];
  readonly revisions: Map<string, ServiceRevisionRecord>;
  /** Revision ARN of each ECS deployment id. */
  readonly revisionOfDeployment: Map<string, string>;
  /** For each configured target group: the one of the pair that serves production now. */
  readonly productionTargetGroup: Map<string, string>;
  /** Set while a rolling rollback's deployment is being started for this record. */
  rollingBackFor: ServiceDeploymentRecord | undefined;
}

export const ACTIVE_STATUSES: readonly ServiceDeploymentStatus[] = [
  'PENDING',
  'IN_PROGRESS',
  'STOP_REQUESTED',
  'ROLLBACK_REQUESTED',
  'ROLLBACK_IN_PROGRESS',
];

export function isActive(record: ServiceDeploymentRecord): boolean {
  return ACTIVE_STATUSES.includes(record.status);
}
