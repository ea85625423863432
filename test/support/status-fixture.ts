import type { ResourceStatus } from '../../src/state/types.ts';

/** The revision the seeded stores and dashboard fleets have in force. */
export const REVISION_IN_FORCE = 'sha256:2b7e151628aed2a6abf7158809cf4f3c';

/** A Synced, Healthy status of `identity`, applied from REVISION_IN_FORCE, with `overrides`. */
export function testStatus(identity: string, overrides: Partial<ResourceStatus> = {}): ResourceStatus {
  return {
    identity,
    sync: 'Synced',
    health: 'Healthy',
    conditions: [],
    drift: [],
    observedAt: '2026-11-28T12:00:00.000Z',
    awsIds: {},
    appliedRevision: REVISION_IN_FORCE,
    ...overrides,
  };
}
