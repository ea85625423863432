import {
  DescribeTaskDefinitionCommand,
  type ECSClient,
  type Service,
  type TaskDefinition,
  UpdateServiceCommand,
} from '@aws-sdk/client-ecs';
import { sameTaskDefinition } from '../providers/ecs/ecs-rollback.ts';
import type { ObservedResource } from '../providers/types.ts';
import { type RanTaskDefinition, taskDefinitionAt } from './revision-task-definitions.ts';

export type RollbackTarget =
  | { readonly ok: true; readonly taskDefinitionArn: string; readonly from?: string }
  | { readonly ok: false; readonly reason: string };

export interface RollbackTargetInput {
  /** A revision digest (`sha256:...` or 7+ hex of it), a task definition (ARN or family:revision), or nothing: the one before. */
  readonly to?: string;
  readonly live: ObservedResource;
  /** The task definitions the Service ran, newest first (its status memory). */
  readonly ran: readonly RanTaskDefinition[];
  /** Revision ids, newest first: a revision that ran no new task definition ran an older one. */
  readonly history: () => Promise<string[]>;
  readonly ecs: ECSClient;
}

const REVISION = /^(sha256:[0-9a-f]{7,64}|[0-9a-f]{7,64})$/;

/** The task definition a rollback goes to, checked with ECS: it exists and is ACTIVE. */
export async function rollbackTarget(input: RollbackTargetInput): Promise<RollbackTarget> {
  const service = input.live.detail as Service | undefined;
  const current = service?.taskDefinition;
  let wanted: string | undefined;
  if (input.to === undefined) {
    wanted = previousOf(current, service, input.ran);
    if (wanted === undefined)
      return { ok: false, reason: `no task definition before ${current ?? 'the current one'} is known` };
  } else if (REVISION.test(input.to)) {
    wanted = taskDefinitionAt(input.ran, input.to, await input.history());
    if (wanted === undefined)
      return {
        ok: false,
        reason: `no task definition is recorded for revision ${input.to} (the last 10 are kept)`,
      };
  } else {
    wanted = input.to;
  }
  let found: TaskDefinition | undefined;
  try {
    found = (await input.ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: wanted })))
      .taskDefinition;
  } catch (error) {
    if (error instanceof Error && /ClientException|InvalidParameter/.test(error.name))
      return { ok: false, reason: `ECS does not know task definition ${wanted}` };
    throw error;
  }
  if (found?.taskDefinitionArn === undefined)
    return { ok: false, reason: `ECS does not know task definition ${wanted}` };
  if (found.status !== 'ACTIVE')
    return {
      ok: false,
      reason: `${found.taskDefinitionArn} is ${found.status ?? 'not ACTIVE'}: ECS updates no service to it`,
    };
  if (found.taskDefinitionArn === current)
    return { ok: false, reason: `the service already runs ${current}` };
  return {
    ok: true,
    taskDefinitionArn: found.taskDefinitionArn,
    ...(current === undefined ? {} : { from: current }),
  };
}

/**
 * The task definition the service ran before its current one: the one recorded before it, else
 * a deployment of another one still listed, else the family's previous revision.
 */
function previousOf(
  current: string | undefined,
  service: Service | undefined,
  ran: readonly RanTaskDefinition[],
): string | undefined {
  const runs = (entry: RanTaskDefinition) =>
    current !== undefined && sameTaskDefinition(entry.taskDefinition, current);
  const at = ran.findIndex(runs);
  const recorded = ran.slice(at + 1).find((entry) => !runs(entry));
  if (recorded !== undefined) return recorded.taskDefinition;
  const deployed = service?.deployments?.find(
    (deployment) => deployment.status !== 'PRIMARY' && deployment.taskDefinition !== current,
  );
  if (deployed?.taskDefinition !== undefined) return deployed.taskDefinition;
  const revision = /^(.*:)(\d+)$/.exec(current ?? '');
  const number = Number(revision?.[2]);
  return revision?.[1] !== undefined && number > 1 ? `${revision[1]}${number - 1}` : undefined;
}

/** Points the service at `taskDefinitionArn`: a new deployment. */
export async function rollServiceTo(
  live: ObservedResource,
  taskDefinitionArn: string,
  ecs: ECSClient,
): Promise<void> {
  await ecs.send(
    new UpdateServiceCommand({
      cluster: live.ids.cluster,
      service: live.ids.arn,
      taskDefinition: taskDefinitionArn,
    }),
  );
}
