import { StateStore } from '../../src/state/state-store.ts';
import type { ResourceStatus } from '../../src/state/types.ts';
import { createTable, leadingToken, startDynamo, type TestDynamo } from '../state/dynamo.ts';
import { REVISION_IN_FORCE, testStatus as status } from '../support/status-fixture.ts';

export const SECRET_TOKEN = 'tok-3f9a1c77e2b54d0b9a8e6c21f4d7b0aa';

export { REVISION_IN_FORCE };
export const LAST_GOOD_REVISION = 'sha256:1a2b3c4d5e6f77889900aabbccddeeff';

/** The OutOfSync resource every API test looks for: scaled by hand from 2 to 5 tasks. */
export const DRIFTING = status('Service/shop/web', {
  sync: 'OutOfSync',
  health: 'Degraded',
  drift: [
    { path: 'desiredCount', desired: 2, actual: 5 },
    { path: 'deploymentConfiguration.maximumPercent', desired: 200, actual: 150 },
  ],
  conditions: [
    {
      type: 'Synced',
      status: 'False',
      reason: 'Drift',
      message: '2 fields differ',
      lastTransitionTime: '2026-11-28T11:59:00.000Z',
    },
  ],
  lastError: { code: 'SS900', message: 'service not stable', at: '2026-11-28T11:58:00.000Z' },
  awsIds: { arn: 'arn:aws:ecs:us-east-1:123456789012:service/shop/web' },
});

export const SEEDED_STATUSES: readonly ResourceStatus[] = [
  DRIFTING,
  status('TargetGroup/shop/web'),
  status('Service/shop/worker', { health: 'Progressing' }),
  status('Cluster/ops/main', { sync: 'Unknown', health: 'Missing' }),
];

export interface SeededStore {
  readonly store: StateStore;
  readonly dynamo: TestDynamo;
  /** The fencing token to write more with. */
  readonly token: number;
  close(): Promise<void>;
}

/** A real StateStore on dynalite, written through the lease like the operator does, with status, events and revisions. */
export async function startSeededStore(): Promise<SeededStore> {
  const dynamo = await startDynamo();
  const table = await createTable(dynamo, 'api');
  const store = new StateStore({ client: dynamo.client, table, fenceMode: 'check-then-write' });
  const { token } = await leadingToken(dynamo.client, table);
  for (const seeded of SEEDED_STATUSES) await store.putStatus(seeded, token);
  await store.recordEvent(
    {
      identity: 'Service/shop/web',
      at: '2026-11-28T11:58:00.000Z',
      type: 'Warning',
      reason: 'DriftDetected',
      message: 'desiredCount is 5, the manifest says 2',
    },
    token,
  );
  await store.recordEvent(
    {
      identity: 'operator',
      at: '2026-11-28T11:59:00.000Z',
      type: 'Normal',
      reason: 'RevisionApplied',
      message: `revision ${REVISION_IN_FORCE} applied`,
    },
    token,
  );
  await store.recordRevision(
    {
      id: LAST_GOOD_REVISION,
      at: '2026-11-28T11:00:00.000Z',
      source: 's3://manifests/prod',
      result: 'applied',
      errorCount: 0,
    },
    token,
  );
  await store.recordRevision(
    {
      id: REVISION_IN_FORCE,
      at: '2026-11-28T11:30:00.000Z',
      source: 's3://manifests/prod',
      result: 'applied',
      errorCount: 0,
    },
    token,
  );
  await store.recordRevision(
    {
      id: 'sha256:bad',
      at: '2026-11-28T11:45:00.000Z',
      source: 's3://manifests/prod',
      result: 'rejected',
      errorCount: 1,
    },
    token,
  );
  await store.updateOperator(
    {
      currentRevision: REVISION_IN_FORCE,
      lastGoodRevision: LAST_GOOD_REVISION,
      leader: 'replica-a',
      lastPass: { at: '2026-11-28T12:00:00.000Z', outcome: 'partial', message: '1 resource failed' },
      sourceErrors: [
        {
          code: 'SS112',
          file: 'shop/web.yaml',
          line: 12,
          column: 7,
          path: 'spec.desiredCount',
          message: 'must be >= 0, not -1',
        },
      ],
      pruneGuard: {
        held: true,
        reason: '6 of 10 owned resources would be deleted',
        pendingDeletions: 6,
        override: false,
      },
    },
    token,
  );
  return { store, dynamo, token, close: () => dynamo.close() };
}
