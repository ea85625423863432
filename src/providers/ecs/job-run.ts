import { createHash } from 'node:crypto';
import type { RunTaskCommandInput } from '@aws-sdk/client-ecs';
import { type JsonObject, type JsonValue, stableStringify } from '../../diff/index.ts';
import { awsSpecOf } from '../../manifest/controls.ts';
import type { LoadedManifest } from '../../manifest/manifest.ts';
import { substituteReferences } from '../references.ts';
import { desiredTags, tagMapOf, toLowerTagList } from '../tags.ts';
import type { IdResolver, Ownership } from '../types.ts';

/** What every Job task is started by, so that one ListTasks per cluster finds them. */
export const JOB_STARTED_BY = 'shipshape-job';
/** The run a task belongs to: the digest of its Job's spec with references resolved. */
export const JOB_RUN_TAG = 'shipshape.dev/job-run';

/** One run of a Job: the RunTask input and the key that names it. */
export interface JobRun {
  readonly cluster: string;
  /** Changes when the Job's spec or the task definition revision it names changes, and only then. */
  readonly key: string;
  readonly input: RunTaskCommandInput;
}

export type JobRunResult =
  | { readonly ok: true; readonly run: JobRun }
  | { readonly ok: false; readonly waitingFor: string };

/** The cluster name of a resolved `cluster` member (a name or an ARN; `default` when unset). */
function clusterName(value: JsonValue | undefined): string {
  return typeof value === 'string' ? (value.split('/').pop() ?? value) : 'default';
}

/** The run a Job manifest asks for now, once the cluster and task definition it names exist. */
export function jobRunOf(manifest: LoadedManifest, resolver: IdResolver, ownership: Ownership): JobRunResult {
  const resolved = substituteReferences(awsSpecOf(manifest) as JsonObject, manifest, resolver);
  if (!resolved.ok) return resolved;
  const spec = resolved.value;
  const cluster = clusterName(spec.cluster);
  const { taskDefinition, launchType, platformVersion, networkConfiguration, overrides } = spec;
  const asked: JsonObject = {
    cluster,
    taskDefinition: taskDefinition ?? null,
    launchType: launchType ?? null,
    platformVersion: platformVersion ?? null,
    networkConfiguration: networkConfiguration ?? null,
    overrides: overrides ?? null,
    tags: tagMapOf(spec.tags),
  };
  const key = createHash('sha256').update(stableStringify(asked)).digest('hex').slice(0, 32);
  const input = {
    cluster,
    taskDefinition: String(taskDefinition),
    count: 1,
    startedBy: JOB_STARTED_BY,
    tags: toLowerTagList({ ...desiredTags(manifest, ownership), [JOB_RUN_TAG]: key }),
    ...(typeof launchType === 'string' ? { launchType } : {}),
    ...(typeof platformVersion === 'string' ? { platformVersion } : {}),
    ...(networkConfiguration === undefined ? {} : { networkConfiguration }),
    ...(overrides === undefined ? {} : { overrides }),
  } as RunTaskCommandInput;
  return { ok: true, run: { cluster, key, input } };
}
