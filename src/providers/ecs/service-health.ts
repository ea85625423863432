import {
  DescribeTasksCommand,
  ListTasksCommand,
  type Service,
  UpdateServiceCommand,
} from '@aws-sdk/client-ecs';
import { chunks, paged } from '../batch.ts';
import type { HealthHook, HealthNote, ObservedResource, ProviderContext } from '../types.ts';

/** DescribeTasks takes up to 100 tasks a call. */
const DESCRIBE_TASKS_BATCH = 100;
const LAST_HEALTHY = 'lastHealthyTaskDefinition';
const FAILED = 'failedTaskDefinition';
export const ROLLED_BACK = 'RolledBack';

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
  memoryKeys: [LAST_HEALTHY, FAILED],

  async assess({ live, drift, memory, mayWrite, nowMs, settings }, context) {
    const kept: Record<string, string> = { ...memory };
    const notes: HealthNote[] = [];
    let degraded: string | undefined;
    const version = (live.detail as Service | undefined)?.taskDefinition;
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
        if (
          mayWrite &&
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
    if (failed !== undefined) {
      const moving = drift.find((entry) => entry.path === 'taskDefinition');
      const wanted = moving?.desired ?? live.state.taskDefinition;
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
    return {
      memory: kept,
      ...(degraded === undefined ? {} : { degraded }),
      ...(notes.length === 0 ? {} : { notes, wrote: true }),
      ...(hold === undefined ? {} : { hold }),
    };
  },
};
