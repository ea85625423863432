import type { HealthNote } from '../../providers/types.ts';
import type { DeploymentInProgress } from './paused-hook.ts';

/** The status memory key of the stage a gated Service's deployment was last seen at: `<arn> <stage> <epoch ms>`. */
export const ROLLOUT_STAGE = 'rolloutStage';

/**
 * A gated deployment seen at a new lifecycle stage: the memory to keep and a `RolloutStage` event
 * naming the stage before and how long it was seen there. Seen at each look while it rolls, so a
 * stage ECS passes between two looks is not recorded.
 */
export function stageSeen(
  kept: string | undefined,
  at: DeploymentInProgress,
  nowMs: number,
): { readonly memory: string; readonly note?: HealthNote } {
  const stage = at.stage ?? 'PENDING';
  const [arn, previous, since] = (kept ?? '').split(' ');
  if (arn === at.arn && previous === stage && since !== undefined) return { memory: kept ?? '' };
  const after =
    arn === at.arn && previous !== undefined && since !== undefined
      ? ` after ${previous} (${Math.round((nowMs - Number(since)) / 1000)} s)`
      : '';
  return {
    memory: `${at.arn} ${stage} ${nowMs}`,
    note: {
      type: 'Normal',
      reason: 'RolloutStage',
      message: `${at.strategy ?? 'deployment'} ${at.arn} at ${stage}${after}`,
    },
  };
}
