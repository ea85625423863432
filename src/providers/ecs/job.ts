import { RunTaskCommand, StopTaskCommand, type Task } from '@aws-sdk/client-ecs';
import type { JsonObject } from '../../diff/index.ts';
import type { LoadedManifest } from '../../manifest/manifest.ts';
import { substituteReferences } from '../references.ts';
import { fromLowerTagList } from '../tags.ts';
import {
  type HealthMemory,
  type HealthReport,
  NotReadyError,
  type ObservedResource,
  type Provider,
  type ProviderContext,
} from '../types.ts';
import { jobRunOf } from './job-run.ts';
import { isJobTaskDetail, jobTasks, observedJob } from './job-task.ts';
import { clusterArns, lastSegment } from './listing.ts';

/** What a Job's status remembers of its latest run (kept among its ids). */
const RUN = 'jobRun';
const TASK = 'jobTask';
const OUTCOME = 'jobOutcome';
const MESSAGE = 'jobMessage';
const MEMORY_KEYS = [RUN, TASK, OUTCOME, MESSAGE];
type Outcome = 'Running' | 'Succeeded' | 'Failed';

const OUTCOME_OF: Record<'Healthy' | 'Progressing' | 'Degraded', Outcome> = {
  Healthy: 'Succeeded',
  Progressing: 'Running',
  Degraded: 'Failed',
};

/** The cluster a Job manifest names, once a referenced cluster exists. */
function clusterOf(manifest: LoadedManifest, context: ProviderContext): string | undefined {
  const { clusterRef, cluster } = manifest.spec;
  if (typeof clusterRef === 'string') {
    const resolved = substituteReferences({ clusterRef }, manifest, context.resolver);
    return resolved.ok ? String(resolved.value.cluster) : undefined;
  }
  return typeof cluster === 'string' ? lastSegment(cluster) : 'default';
}

function isClusterNotFound(error: unknown): boolean {
  return error instanceof Error && error.name === 'ClusterNotFoundException';
}

function startedAt(task: Task): number {
  return task.createdAt?.getTime() ?? 0;
}

/** Each Job's latest task: in the manifests' clusters, finished ones too; elsewhere (pruning) running ones. */
async function latestTasks(
  manifests: readonly LoadedManifest[],
  everyOwned: boolean,
  context: ProviderContext,
): Promise<Map<string, Task>> {
  const wanted = new Set(manifests.map((manifest) => manifest.identity));
  const named = new Set<string>();
  for (const manifest of manifests) {
    const cluster = clusterOf(manifest, context);
    if (cluster !== undefined) named.add(cluster);
  }
  const every = everyOwned ? (await clusterArns(context)).map(lastSegment) : [];
  const latest = new Map<string, Task>();
  for (const cluster of new Set([...named, ...every])) {
    let tasks: Task[];
    try {
      tasks = await jobTasks(cluster, named.has(cluster), context);
    } catch (error) {
      if (isClusterNotFound(error)) continue;
      throw error;
    }
    for (const task of tasks) {
      const identity = context.ownership.identityOf(fromLowerTagList(task.tags));
      if (identity === undefined || !identity.startsWith('Job/')) continue;
      // A Job whose manifest is gone leaves nothing to manage but a task still running.
      if (!wanted.has(identity) && (!everyOwned || task.desiredStatus === 'STOPPED')) continue;
      const before = latest.get(identity);
      if (before === undefined || startedAt(task) > startedAt(before)) latest.set(identity, task);
    }
  }
  return latest;
}

async function stop(live: ObservedResource, reason: string, context: ProviderContext): Promise<void> {
  const detail = live.detail;
  if (!isJobTaskDetail(detail) || !detail.running) return;
  await context.aws.ecs.send(new StopTaskCommand({ cluster: detail.cluster, task: detail.taskArn, reason }));
}

async function runOnce(manifest: LoadedManifest, context: ProviderContext): Promise<Record<string, string>> {
  const wanted = jobRunOf(manifest, context.resolver, context.ownership);
  if (!wanted.ok) throw new NotReadyError(`${manifest.identity}: waiting for ${wanted.waitingFor}`);
  const answer = await context.aws.ecs.send(new RunTaskCommand(wanted.run.input));
  const task = answer.tasks?.[0];
  if (task?.taskArn === undefined) {
    const reasons = (answer.failures ?? []).map((failure) => failure.reason ?? 'unknown').join('; ');
    throw new Error(`RunTask started no task: ${reasons || 'no reason given'}`);
  }
  return { taskArn: task.taskArn, cluster: wanted.run.cluster };
}

function remembered(manifest: LoadedManifest, memory: HealthMemory): ObservedResource | undefined {
  const run = memory[RUN];
  if (run === undefined) return undefined;
  const outcome = memory[OUTCOME];
  const message = memory[MESSAGE] ?? '';
  const health: HealthReport =
    outcome === 'Succeeded'
      ? { health: 'Healthy', message }
      : outcome === 'Failed'
        ? { health: 'Degraded', message }
        : { health: 'Degraded', message: 'its task is no longer known to ECS and was never seen to finish' };
  return {
    identity: manifest.identity,
    ids: { taskArn: memory[TASK] ?? '' },
    owned: true,
    state: { run },
    health,
  };
}

/**
 * A one-off task run by RunTask (a database migration). Its live side is its latest task, found
 * by startedBy and ownership tags; the run it belongs to (a digest of its spec with the task
 * definition ARN resolved) is a tag on the task, so a new spec or task definition is drift and
 * runs it again, and nothing else does. What it remembers of that run outlives the task in ECS.
 */
export const jobProvider: Provider = {
  kind: 'Job',
  compare: {},
  replaceOn: [],

  async read(scope, context) {
    const found = new Map<string, ObservedResource>();
    const latest = await latestTasks(scope.manifests, scope.everyOwned, context);
    for (const [identity, task] of latest) found.set(identity, await observedJob(task, identity, context));
    scope.onBatch?.(found);
    return found;
  },

  desired(manifest, context) {
    const wanted = jobRunOf(manifest, context.resolver, context.ownership);
    if (!wanted.ok) return wanted;
    const state: JsonObject = { run: wanted.run.key };
    return { ok: true, state };
  },

  create(manifest, _desired, context) {
    return runOnce(manifest, context);
  },

  async update(manifest, _desired, live, _delta, context) {
    await stop(live, `superseded by a new run of ${manifest.identity}`, context);
    await runOnce(manifest, context);
  },

  async delete(live, context) {
    await stop(live, `its Job manifest ${live.identity} was removed`, context);
    return 'deleted';
  },

  // A task's tags cannot outlive it and a Job owns nothing else: there is nothing to release.
  async release() {},

  health: {
    memoryKeys: MEMORY_KEYS,
    async assess(input) {
      const kept = Object.fromEntries(
        MEMORY_KEYS.flatMap((key) => {
          const value = input.memory[key];
          return value === undefined ? [] : [[key, value]];
        }),
      );
      // A new run is about to start: what is remembered stays that of the last one until it is seen.
      if (input.drift.length > 0) return { memory: kept };
      const { health, message } = input.live.health;
      if (health !== 'Healthy' && health !== 'Progressing' && health !== 'Degraded') return { memory: kept };
      return {
        memory: {
          [RUN]: String(input.live.state.run ?? ''),
          [TASK]: input.live.ids.taskArn ?? '',
          [OUTCOME]: OUTCOME_OF[health],
          [MESSAGE]: message ?? '',
        },
      };
    },
  },

  holdsDependents(manifest, memory, context) {
    const wanted = jobRunOf(manifest, context.resolver, context.ownership);
    if (!wanted.ok) return `it waits for ${wanted.waitingFor}`;
    if (memory[RUN] !== wanted.run.key) return 'its current spec has not run yet';
    const outcome = memory[OUTCOME];
    if (outcome === 'Succeeded') return undefined;
    if (outcome === 'Failed') return `it failed: ${memory[MESSAGE] ?? ''}`;
    return 'its task is still running';
  },

  remembered,
};
