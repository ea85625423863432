import {
  DescribeServiceDeploymentsCommand,
  DescribeServiceRevisionsCommand,
  ListServiceDeploymentsCommand,
  type Service,
} from '@aws-sdk/client-ecs';
import type { ProviderContext } from '../types.ts';
import { type EcsRollback, sameTaskDefinition } from './ecs-rollback.ts';

const ROLLED_BACK_STATUSES = ['ROLLBACK_IN_PROGRESS', 'ROLLBACK_SUCCESSFUL', 'ROLLBACK_FAILED'] as const;

/**
 * ECS can roll a deployment back without DescribeServices saying why once it is done: an alarm, a
 * lifecycle hook's own timeout, StopServiceDeployment. Worth asking its deployment records only
 * when the service could have (a strategy with hooks or bake time, alarms with rollback).
 */
export function rollsBackOutOfSight(service: Service | undefined): boolean {
  const configuration = service?.deploymentConfiguration;
  const strategy = configuration?.strategy;
  return (
    configuration?.alarms?.rollback === true ||
    (configuration?.lifecycleHooks?.length ?? 0) > 0 ||
    (strategy !== undefined && strategy !== 'ROLLING')
  );
}

/**
 * The newest rolled-back service deployment whose target ran `wanted`, from ECS's records: one
 * ListServiceDeployments, and for a hit one DescribeServiceDeployments and one
 * DescribeServiceRevisions. Called only when the service runs another task definition than the
 * manifest wants and nothing else explains why, so a steady service costs nothing.
 */
export async function recordedRollbackOf(
  service: Service,
  wanted: string,
  context: ProviderContext,
): Promise<EcsRollback | undefined> {
  const listed = await context.aws.ecs.send(
    new ListServiceDeploymentsCommand({
      cluster: service.clusterArn,
      service: service.serviceArn,
      status: [...ROLLED_BACK_STATUSES],
      maxResults: 1,
    }),
  );
  const newest = listed.serviceDeployments?.[0]?.serviceDeploymentArn;
  if (newest === undefined) return undefined;
  const described = await context.aws.ecs.send(
    new DescribeServiceDeploymentsCommand({ serviceDeploymentArns: [newest] }),
  );
  const deployment = described.serviceDeployments?.[0];
  const target = deployment?.targetServiceRevision?.arn;
  if (deployment === undefined || target === undefined) return undefined;
  const revisions = await context.aws.ecs.send(
    new DescribeServiceRevisionsCommand({ serviceRevisionArns: [target] }),
  );
  const failed = revisions.serviceRevisions?.[0]?.taskDefinition;
  if (failed === undefined || !sameTaskDefinition(failed, wanted)) return undefined;
  const reason = deployment.rollback?.reason ?? deployment.statusReason;
  return {
    deploymentId: newest,
    failedTaskDefinition: failed,
    message: `ECS rolled back ${failed} to ${service.taskDefinition ?? 'the previous task definition'}${reason === undefined || reason === '' ? '' : `: ${reason}`}`,
  };
}
