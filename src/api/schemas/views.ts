/** Schemas of what the routes answer, built from the state schemas. */
import { HEALTH_STATUSES, SYNC_STATUSES } from '../../state/types.ts';
import { driftEntrySchema, operatorStateSchema, resourceStatusSchema } from './state.ts';

function countsOf(keys: readonly string[]) {
  return {
    type: 'object',
    required: [...keys],
    properties: Object.fromEntries(keys.map((key) => [key, { type: 'integer' }])),
  } as const;
}

export const summarySchema = {
  type: 'object',
  required: ['total', 'bySync', 'byHealth', 'driftFields'],
  properties: {
    total: { type: 'integer' },
    bySync: countsOf(SYNC_STATUSES),
    byHealth: countsOf(HEALTH_STATUSES),
    driftFields: { type: 'integer' },
  },
} as const;

export const statusListSchema = {
  type: 'object',
  required: ['summary', 'operator', 'resources'],
  properties: {
    summary: {
      ...summarySchema,
      description: 'Counts of every resource the filters match, on every page alike.',
    },
    operator: operatorStateSchema,
    resources: {
      type: 'array',
      items: resourceStatusSchema,
      description: 'One page of the matching resources, in namespace, kind, name order.',
    },
    continue: {
      type: 'string',
      description: 'There when more resources follow: pass it as `continue` for the next page.',
    },
  },
} as const;

export const driftReportSchema = {
  type: 'object',
  required: ['driftFields', 'resources'],
  properties: {
    driftFields: { type: 'integer' },
    resources: {
      type: 'array',
      items: {
        type: 'object',
        required: ['identity', 'kind', 'namespace', 'name', 'sync', 'health', 'drift'],
        properties: {
          identity: { type: 'string' },
          kind: { type: 'string' },
          namespace: { type: 'string' },
          name: { type: 'string' },
          sync: resourceStatusSchema.properties.sync,
          health: resourceStatusSchema.properties.health,
          drift: { type: 'array', items: driftEntrySchema },
          driftCount: { type: 'integer' },
          driftTruncated: { type: 'boolean' },
          observedAt: { type: 'string' },
        },
      },
    },
  },
} as const;

const PLAN_ACTIONS = ['create', 'update', 'replace', 'delete', 'release', 'noop', 'conflict'] as const;

export const planSchema = {
  type: 'object',
  required: ['changes', 'summary'],
  properties: {
    changes: {
      type: 'array',
      items: {
        type: 'object',
        required: ['identity', 'kind', 'action'],
        properties: {
          identity: { type: 'string' },
          kind: { type: 'string' },
          action: { type: 'string', enum: [...PLAN_ACTIONS] },
          drift: { type: 'array', items: driftEntrySchema },
          message: { type: 'string' },
        },
      },
    },
    summary: countsOf(PLAN_ACTIONS),
  },
} as const;
