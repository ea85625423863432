import type { ImageBehaviours } from '../core/behaviours.ts';
import type { JsonObject } from '../core/json.ts';
import type { StateKey } from '../core/world.ts';
import { CRASH_AFTER_MS } from './timing.ts';

/** How long a one-off (RunTask) container runs before it exits, unless its image says otherwise. */
export const STANDALONE_RUN_MS = 5_000;

/** How a one-off task's container started from an image ends: its exit code after a run. */
export interface ImageExit {
  readonly exitCode: number;
  readonly runMs: number;
}

/** What RunTask keeps about a task beyond the fields tasks share with services' tasks. */
export interface StandaloneTask {
  readonly overrides: JsonObject;
  readonly capacityProviderName: string | undefined;
}

export interface RunTaskState {
  /** Exit codes per image, set through POST /_emulator/ecs/image-behaviour. */
  readonly exits: Map<string, ImageExit>;
  /** Tasks started by RunTask, by id, while ECS still describes them. */
  readonly tasks: Map<string, StandaloneTask>;
  /** Ids of RunTask tasks not yet STOPPED: the tick moves their lives forward. */
  readonly live: Set<string>;
}

export const RUN_TASK_STATE: StateKey<RunTaskState> = {
  name: 'ecs-run-task',
  create: () => ({ exits: new Map(), tasks: new Map(), live: new Set() }),
};

/**
 * How a container of `image` ends when run as a one-off task: the exit code set for it, else
 * exit 1 soon for a `crash` image, else exit 0 after a short run.
 */
export function exitOf(state: RunTaskState, behaviours: ImageBehaviours, image: string): ImageExit {
  const set = state.exits.get(image);
  if (set !== undefined) return set;
  if (behaviours.of(image) === 'crash') return { exitCode: 1, runMs: CRASH_AFTER_MS };
  return { exitCode: 0, runMs: STANDALONE_RUN_MS };
}
