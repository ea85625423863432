import {
  DescribeServiceDeploymentsCommand,
  type ECSClient,
  ListServiceDeploymentsCommand,
} from '@aws-sdk/client-ecs';

/** The service's deployment in progress, and its hook paused at a stage (if any). */
export interface DeploymentInProgress {
  readonly arn: string;
  readonly strategy?: string;
  readonly stage?: string;
  /** A PAUSE hook AWAITING_ACTION, at `stage`. */
  readonly pausedHook?: string;
}

export async function deploymentInProgress(
  ecs: ECSClient,
  cluster: string,
  service: string,
): Promise<DeploymentInProgress | undefined> {
  const list = await ecs.send(
    new ListServiceDeploymentsCommand({ cluster, service, status: ['IN_PROGRESS'] }),
  );
  const arn = list.serviceDeployments?.[0]?.serviceDeploymentArn;
  if (arn === undefined) return undefined;
  const described = await ecs.send(new DescribeServiceDeploymentsCommand({ serviceDeploymentArns: [arn] }));
  const deployment = described.serviceDeployments?.[0];
  if (deployment === undefined || deployment.status !== 'IN_PROGRESS') return undefined;
  const hook = deployment.lifecycleHookDetails?.find(
    (detail) => detail.targetType === 'PAUSE' && detail.status === 'AWAITING_ACTION',
  );
  const strategy = deployment.deploymentConfiguration?.strategy;
  return {
    arn,
    ...(strategy === undefined ? {} : { strategy }),
    ...(deployment.lifecycleStage === undefined ? {} : { stage: deployment.lifecycleStage }),
    ...(hook?.hookId === undefined ? {} : { pausedHook: hook.hookId }),
  };
}
