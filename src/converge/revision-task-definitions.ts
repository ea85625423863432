import { sameTaskDefinition } from '../providers/ecs/ecs-rollback.ts';

/**
 * The task definitions a Service ran, by the revision that first ran each, kept in its status's
 * ids as `revision=arn` entries, newest first: what `shipshape rollback --to <revision>` rolls to.
 */
export const REVISION_TASK_DEFINITIONS = 'revisionTaskDefinitions';

/** Task definitions remembered per Service. */
const KEPT = 10;

export interface RanTaskDefinition {
  readonly revision: string;
  readonly taskDefinition: string;
}

export function ranTaskDefinitions(value: string | undefined): RanTaskDefinition[] {
  const entries: RanTaskDefinition[] = [];
  for (const entry of (value ?? '').split(',')) {
    const at = entry.indexOf('=');
    if (at > 0) entries.push({ revision: entry.slice(0, at), taskDefinition: entry.slice(at + 1) });
  }
  return entries;
}

/** The record with `taskDefinition` running at `revision`: a new entry when it is not the newest one's. */
export function recordRan(value: string | undefined, revision: string, taskDefinition: string): string {
  const entries = ranTaskDefinitions(value);
  if (entries[0]?.taskDefinition === taskDefinition) return value ?? '';
  return [{ revision, taskDefinition }, ...entries]
    .slice(0, KEPT)
    .map((entry) => `${entry.revision}=${entry.taskDefinition}`)
    .join(',');
}

/**
 * The task definition recorded for `revision` (its full digest or a prefix of it, `sha256:` optional);
 * else, walking `history` (revision ids newest first) from it to older ones, the one recorded for
 * the newest revision before it: what ran while it was in force.
 */
export function taskDefinitionAt(
  entries: readonly RanTaskDefinition[],
  revision: string,
  history: readonly string[],
): string | undefined {
  const named = (id: string) =>
    id === revision || id.startsWith(revision) || id.slice('sha256:'.length).startsWith(revision);
  const direct = entries.find((entry) => named(entry.revision));
  if (direct !== undefined) return direct.taskDefinition;
  const from = history.findIndex(named);
  if (from < 0) return undefined;
  for (const id of history.slice(from + 1)) {
    const older = entries.find((entry) => entry.revision === id);
    if (older !== undefined) return older.taskDefinition;
  }
  return undefined;
}

/** The revision a Service runs: the newest that ran its live task definition. */
export function revisionRunning(
  entries: readonly RanTaskDefinition[],
  taskDefinition: string,
): string | undefined {
  return entries.find((entry) => sameTaskDefinition(entry.taskDefinition, taskDefinition))?.revision;
}
