import {
  DescribeTasksCommand,
  ListTasksCommand,
  type Service,
  UpdateServiceCommand,
} from '@aws-sdk/client-ecs';
import { chunks, paged } from '../batch.ts';
import type { HealthHook, HealthNote, ObservedResource, ProviderContext } from '../types.ts';
import {
  type EcsRollback,
  ecsRollbackOf,
  ecsRollsBack,
  manifestDigest,
  ROLLED_BACK_BY_ECS,
  sameTaskDefinition,
} from './ecs-rollback.ts';
import { recordedRollbackOf, rollsBackOutOfSight } from './recorded-rollback.ts';

/** DescribeTasks takes up to 100 tasks a call. */
const DESCRIBE_TASKS_BATCH = 100;
const LAST_HEALTHY = 'lastHealthyTaskDefinition';
const FAILED = 'failedTaskDefinition';
export const ROLLED_BACK = 'RolledBack';
/** The task definition ECS rolled back from, what it said, and the manifest it was deployed for. */
const ECS_FAILED = 'ecsRolledBack';
const ECS_MESSAGE = 'ecsRollbackMessage';
const ECS_MANIFEST = 'ecsRollbackManifest';
/** The deployment ECS's last rollback started, kept after release: the same rollback is not seen twice. */
const ECS_DEPLOYMENT = 'ecsRollbackDeployment';
/** The rollout gate's state (src/converge/rollout/gate-state.ts), as JSON: its ROLLBACK is a rollback ECS made. */
export const ROLLOUT_GATE = 'rolloutGate';
/** The task definition the service runs, for /revisions and `shipshape rollback`. */
export const RUNNING = 'runningTaskDefinition';

interface Inspection {
  /** Tasks of the running revision stopped within the window, with their reasons. */
  readonly stoppedTasks: number;
  readonly stoppedReasons: readonly string[];
  /** The task definition the service runs now. */
  readonly version?: string;
  /** The primary deployment's rolloutState is FAILED (the circuit breaker tripped). */
  readonly rolloutFailed: boolean;
}

/** Counts the stops of the tasks of the revision the service runs now, since `sinceMs`. */
async function inspect(
  live: ObservedResource,
  context: ProviderContext,
  sinceMs: number,
): Promise<Inspection> {
  const service = live.detail as Service | undefined;
  const cluster = live.ids.cluster ?? '';
  const primary = service?.deployments?.find((deployment) => deployment.status === 'PRIMARY');
  const version = service?.taskDefinition;
  const stopped = await paged(async (nextToken) => {
    const page = await context.aws.ecs.send(
      new ListTasksCommand({
        cluster,
        serviceName: live.ids.name,
        desiredStatus: 'STOPPED',
        maxResults: 100,
        nextToken,
      }),
    );
    return { items: page.taskArns ?? [], next: page.nextToken };
  });
  const recent: Array<{ at: number; reason: string }> = [];
  for (const batch of chunks(stopped, DESCRIBE_TASKS_BATCH)) {
    const answer = await context.aws.ecs.send(new DescribeTasksCommand({ cluster, tasks: batch }));
    for (const task of answer.tasks ?? []) {
      const at = task.stoppedAt?.getTime() ?? task.stoppingAt?.getTime() ?? 0;
      const ofCurrentVersion = version === undefined || task.taskDefinitionArn === version;
      const byOperator = task.stopCode === 'UserInitiated' || task.stopCode === 'ServiceSchedulerInitiated';
      if (at >= sinceMs && ofCurrentVersion && !byOperator) {
        recent.push({ at, reason: task.stoppedReason ?? task.stopCode ?? 'stopped' });
      }
    }
  }
  recent.sort((a, b) => b.at - a.at);
  return {
    stoppedTasks: recent.length,
    stoppedReasons: [...new Set(recent.map((stop) => stop.reason))],
    ...(version === undefined ? {} : { version }),
    rolloutFailed: primary?.rolloutState === 'FAILED',
  };
}

/**
 * A service's health beyond its describe: stopped tasks are counted when it is not healthy (a
 * crash loop makes it Degraded), the last healthy task definition is remembered, and a failed
 * rollout is rolled back to it; the failed revision is then held until the manifest moves on.
 */
export const serviceHealth: HealthHook = {
  memoryKeys: [LAST_HEALTHY, FAILED, ECS_FAILED, ECS_MESSAGE, ECS_MANIFEST, ECS_DEPLOYMENT, RUNNING],

  async assess({ manifest, live, drift, memory, mayWrite, nowMs, settings }, context) {
    const kept: Record<string, string> = { ...memory };
    const notes: HealthNote[] = [];
    let degraded: string | undefined;
    const service = live.detail as Service | undefined;
    const version = service?.taskDefinition;
    if (version === undefined) delete kept[RUNNING];
    else kept[RUNNING] = version;
    const moving = drift.find((entry) => entry.path === 'taskDefinition');
    const wanted = moving?.desired ?? live.state.taskDefinition;
    const wantedName = typeof wanted === 'string' ? wanted : undefined;
    // The service runs another task definition than the manifest wants, and its describe does not say why.
    const recorded =
      moving !== undefined &&
      wantedName !== undefined &&
      service !== undefined &&
      kept[ECS_FAILED] === undefined &&
      rollsBackOutOfSight(service) &&
      ecsRollbackOf(service, wantedName) === undefined &&
      gateRollbackOf(kept[ROLLOUT_GATE]) === undefined
        ? await recordedRollbackOf(service, wantedName, context)
        : undefined;
    const byEcs = ecsRolledBack(kept, service, wantedName, manifestDigest(manifest), recorded);
    if (byEcs.note !== undefined) notes.push(byEcs.note);
    if (live.health.health === 'Healthy') {
      if (version !== undefined && version !== kept[FAILED]) kept[LAST_HEALTHY] = version;
    } else {
      const inspection = await inspect(live, context, nowMs - settings.crashLoopWindowMs);
      const crashLoop = inspection.stoppedTasks >= settings.crashLoopCount;
      if (crashLoop || inspection.rolloutFailed) {
        const minutes = settings.crashLoopWindowMs / 60_000;
        const stops = `${inspection.stoppedTasks} task(s) stopped in the last ${minutes} min: ${inspection.stoppedReasons.join('; ')}`;
        degraded = inspection.rolloutFailed ? `deployment failed; ${stops}` : stops;
        const healthy = kept[LAST_HEALTHY];
        // ECS rolls back itself when its circuit breaker or alarms say so: Shipshape does not too.
        if (
          mayWrite &&
          !ecsRollsBack(service) &&
          healthy !== undefined &&
          inspection.version !== undefined &&
          inspection.version !== healthy
        ) {
          await context.aws.ecs.send(
            new UpdateServiceCommand({
              cluster: live.ids.cluster,
              service: live.ids.arn,
              taskDefinition: healthy,
            }),
          );
          kept[FAILED] = inspection.version;
          notes.push({
            type: 'Warning',
            reason: ROLLED_BACK,
            message: `rolled back from ${inspection.version} to ${healthy}: ${degraded}`,
          });
        }
      }
    }
    const failed = kept[FAILED];
    let hold: { type: string; reason: string } | undefined;
    if (byEcs.held !== undefined) {
      degraded = byEcs.held.message;
      if (moving !== undefined) hold = { type: ROLLED_BACK_BY_ECS, reason: byEcs.held.reason };
    } else if (failed !== undefined) {
      if (typeof wanted === 'string' && !failed.endsWith(wanted)) {
        // The manifest moved on from the failed revision: it may roll out.
        delete kept[FAILED];
      } else if (moving !== undefined) {
        hold = {
          type: ROLLED_BACK,
          reason: `held at ${kept[LAST_HEALTHY] ?? 'the last healthy revision'}: ${failed} failed and is not retried until the manifest changes`,
        };
      }
    }
    const wrote = notes.some((note) => note.reason === ROLLED_BACK);
    return {
      memory: kept,
      ...(degraded === undefined ? {} : { degraded }),
      ...(notes.length === 0 ? {} : { notes }),
      ...(wrote ? { wrote } : {}),
      ...(hold === undefined ? {} : { hold }),
    };
  },
};

/**
 * What ECS rolled back, kept in `memory` until the manifest moves on: another task definition
 * wanted, or another manifest digest (a change of the Service's spec or its redeploy annotation).
 * The same failed spec is not deployed again by self-heal (Argo CD does not retry a failed sync of
 * the same revision either). The note is the event of a rollback first seen.
 */
function ecsRolledBack(
  memory: Record<string, string>,
  service: Service | undefined,
  wanted: string | undefined,
  digest: string,
  recorded: EcsRollback | undefined,
): { held?: { message: string; reason: string }; note?: HealthNote } {
  let note: HealthNote | undefined;
  const seen = ecsRollbackOf(service, wanted) ?? gateRollbackOf(memory[ROLLOUT_GATE]) ?? recorded;
  if (seen !== undefined && memory[ECS_DEPLOYMENT] !== seen.deploymentId) {
    memory[ECS_DEPLOYMENT] = seen.deploymentId;
    memory[ECS_FAILED] = seen.failedTaskDefinition;
    memory[ECS_MESSAGE] = seen.message;
    memory[ECS_MANIFEST] = digest;
    note = { type: 'Warning', reason: ROLLED_BACK_BY_ECS, message: seen.message };
  }
  const failed = memory[ECS_FAILED];
  const movedOn =
    memory[ECS_MANIFEST] !== digest ||
    (wanted !== undefined && failed !== undefined && !sameTaskDefinition(failed, wanted));
  if (failed === undefined || movedOn) {
    for (const key of [ECS_FAILED, ECS_MESSAGE, ECS_MANIFEST]) delete memory[key];
    return note === undefined ? {} : { note };
  }
  const message = memory[ECS_MESSAGE] ?? `ECS rolled back ${failed}`;
  return {
    held: {
      message: `${ROLLED_BACK_BY_ECS}: ${message}`,
      reason: `${message}; ${failed} is not deployed again until the manifest changes`,
    },
    ...(note === undefined ? {} : { note }),
  };
}

/**
 * A ROLLBACK the rollout gate sent at a PAUSE hook: ECS rolls that deployment back, which its
 * describe does not show as a circuit-breaker rollback, so the gate's state says it.
 */
function gateRollbackOf(raw: string | undefined): EcsRollback | undefined {
  if (raw === undefined) return undefined;
  let gate: unknown;
  try {
    gate = JSON.parse(raw);
  } catch {
    return undefined;
  }
  if (typeof gate !== 'object' || gate === null) return undefined;
  const { decision, sent, deployment, taskDefinition, stage } = gate as Record<string, unknown>;
  if (decision !== 'ROLLBACK' || sent !== true) return undefined;
  if (typeof deployment !== 'string' || typeof taskDefinition !== 'string') return undefined;
  return {
    deploymentId: deployment,
    failedTaskDefinition: taskDefinition,
    message: `ECS rolled back ${taskDefinition} at the rollout gate at ${String(stage)} (${deployment})`,
  };
}
