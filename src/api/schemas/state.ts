/** JSON Schemas of the state vocabulary (src/state/types.ts), used as response schemas and in the OpenAPI. */
import { HEALTH_STATUSES, SYNC_STATUSES } from '../../state/types.ts';

const isoTime = { type: 'string', description: 'ISO 8601' } as const;

export const syncSchema = { type: 'string', enum: [...SYNC_STATUSES] } as const;
export const healthSchema = { type: 'string', enum: [...HEALTH_STATUSES] } as const;

export const driftEntrySchema = {
  type: 'object',
  required: ['path'],
  properties: {
    path: { type: 'string' },
    desired: { description: 'The value the manifest asks for (any JSON).' },
    actual: { description: 'The value AWS reports (any JSON).' },
    truncated: { type: 'boolean' },
  },
} as const;

const conditionSchema = {
  type: 'object',
  required: ['type', 'status', 'reason', 'message', 'lastTransitionTime'],
  properties: {
    type: { type: 'string' },
    status: { type: 'string', enum: ['True', 'False', 'Unknown'] },
    reason: { type: 'string' },
    message: { type: 'string' },
    lastTransitionTime: isoTime,
  },
} as const;

const lastErrorSchema = {
  type: 'object',
  required: ['code', 'message', 'at'],
  properties: { code: { type: 'string' }, message: { type: 'string' }, at: isoTime },
} as const;

export const resourceStatusSchema = {
  type: 'object',
  required: ['identity', 'kind', 'namespace', 'name', 'sync', 'health', 'conditions', 'drift', 'observedAt'],
  properties: {
    identity: { type: 'string', description: 'Kind/namespace/name' },
    kind: { type: 'string' },
    namespace: { type: 'string' },
    name: { type: 'string' },
    sync: syncSchema,
    health: healthSchema,
    conditions: { type: 'array', items: conditionSchema },
    appliedRevision: { type: 'string' },
    drift: { type: 'array', items: driftEntrySchema },
    driftTruncated: { type: 'boolean' },
    driftCount: { type: 'integer' },
    lastError: lastErrorSchema,
    observedAt: isoTime,
    awsIds: { type: 'object', additionalProperties: { type: 'string' } },
    refs: {
      type: 'array',
      items: { type: 'string' },
      description:
        'Kind/namespace/name of each resource its manifest references (the edges of the dashboard graph)',
    },
  },
} as const;

const sourceErrorSchema = {
  type: 'object',
  required: ['code', 'file', 'line', 'column', 'path', 'message'],
  properties: {
    code: { type: 'string' },
    file: { type: 'string' },
    line: { type: 'integer' },
    column: { type: 'integer' },
    path: { type: 'string' },
    message: { type: 'string' },
  },
} as const;

export const rollbackPinSchema = {
  type: 'object',
  required: ['identity', 'taskDefinitionArn', 'at', 'specDigest'],
  properties: {
    identity: { type: 'string' },
    taskDefinitionArn: { type: 'string' },
    at: isoTime,
    specDigest: {
      type: 'string',
      description: 'the manifest it was pinned against: another releases the pin',
    },
    manifestTaskDefinition: { type: 'string' },
  },
} as const;

export const operatorStateSchema = {
  type: 'object',
  required: ['sourceErrors', 'pruneGuard'],
  properties: {
    currentRevision: { type: 'string' },
    lastGoodRevision: { type: 'string' },
    sourceErrors: { type: 'array', items: sourceErrorSchema },
    leader: { type: 'string' },
    lastPass: {
      type: 'object',
      required: ['at', 'outcome'],
      properties: {
        at: isoTime,
        outcome: { type: 'string', enum: ['succeeded', 'failed', 'partial'] },
        message: { type: 'string' },
      },
    },
    pruneGuard: {
      type: 'object',
      required: ['held', 'pendingDeletions', 'override'],
      properties: {
        held: { type: 'boolean' },
        reason: { type: 'string' },
        pendingDeletions: { type: 'integer' },
        override: { type: 'boolean' },
      },
    },
    suspended: {
      type: 'array',
      items: { type: 'string' },
      description: 'suspended through the API (POST /suspend): Kind/namespace/name, or * for all',
    },
    rollbacks: {
      type: 'array',
      description:
        'Services rolled back through the API (POST /rollback), pinned until their manifest changes',
      items: rollbackPinSchema,
    },
  },
} as const;

export const stateEventSchema = {
  type: 'object',
  required: ['identity', 'at', 'type', 'reason', 'message'],
  properties: {
    identity: { type: 'string', description: 'Kind/namespace/name, or "operator"' },
    at: isoTime,
    type: { type: 'string', enum: ['Normal', 'Warning'] },
    reason: { type: 'string' },
    message: { type: 'string' },
  },
} as const;

/** What a Service runs, for GET /revisions. */
export const serviceRunsSchema = {
  type: 'object',
  properties: {
    taskDefinition: { type: 'string', description: 'the task definition it runs' },
    revision: {
      type: 'string',
      description: 'the revision that first ran that task definition, when recorded',
    },
    rolledBack: rollbackPinSchema,
  },
} as const;

export const revisionRecordSchema = {
  type: 'object',
  required: ['id', 'at', 'source', 'result', 'errorCount'],
  properties: {
    id: { type: 'string' },
    at: isoTime,
    source: { type: 'string' },
    result: { type: 'string', enum: ['applied', 'rejected', 'held-back'] },
    errorCount: { type: 'integer' },
    errors: {
      type: 'array',
      items: sourceErrorSchema,
      description: "a rejected revision's first errors; errorCount says how many there were",
    },
    released: {
      type: 'array',
      items: { type: 'string' },
      description:
        'resources whose manifests this revision removed and which were released, not deleted (deletionPolicy Retain)',
    },
    commit: {
      type: 'object',
      description:
        'the commit the revision was read at, where the source keeps commit records (shipshape push)',
      required: ['id', 'author', 'message', 'time'],
      properties: {
        id: {
          type: 'string',
          description: 'the Git SHA, or sha256: of the objects when pushed from outside Git',
        },
        parent: { type: 'string' },
        author: { type: 'string' },
        message: { type: 'string' },
        time: isoTime,
      },
    },
  },
} as const;
