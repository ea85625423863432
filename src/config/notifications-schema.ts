import { KINDS } from '../manifest/kinds.ts';

/** What a receiver can ask to hear about (docs/NOTIFICATIONS.md maps each to its source). */
export const NOTIFICATION_REASONS = [
  'DriftDetected',
  'Healed',
  'Degraded',
  'Recovered',
  'RolledBack',
  'RevisionApplied',
  'RevisionRejected',
  'PruneHeld',
] as const;

const name = {
  type: 'string',
  pattern: '^[a-z0-9][a-z0-9-]{0,62}$',
  description: 'names the receiver in logs, the delivery log and the outbox',
} as const;

const filters = {
  namespaces: {
    type: 'array',
    minItems: 1,
    items: { type: 'string', minLength: 1 },
    description: 'only resources of these namespaces; unset: every namespace (and the operator itself)',
  },
  kinds: {
    type: 'array',
    minItems: 1,
    items: { type: 'string', enum: KINDS },
    description: 'only resources of these kinds; unset: every kind (and the operator itself)',
  },
  reasons: {
    type: 'array',
    minItems: 1,
    items: { type: 'string', enum: NOTIFICATION_REASONS },
    description: 'only these reasons; unset: all of them',
  },
  maxPerMinute: {
    type: 'integer',
    minimum: 1,
    maximum: 10_000,
    description:
      'messages a minute; what is over folds into one digest at the end of the minute (default 20)',
  },
  maxAttempts: {
    type: 'integer',
    minimum: 1,
    maximum: 20,
    description: 'tries of one message, with exponential backoff, before it is logged as failed (default 8)',
  },
} as const;

const url = { type: 'string', pattern: '^https?://[^\\s]+$' } as const;

/** One receiver of `notifications`; `type` picks the shape (ajv's discriminator). */
export const RECEIVER_SCHEMA = {
  type: 'object',
  discriminator: { propertyName: 'type' },
  oneOf: [
    {
      type: 'object',
      additionalProperties: false,
      required: ['type', 'name', 'url', 'secret'],
      properties: {
        type: { const: 'webhook' },
        name,
        url: { ...url, description: 'where the JSON is POSTed' },
        secret: {
          type: 'string',
          minLength: 16,
          description: 'the HMAC-SHA256 key of the X-Shipshape-Signature header',
        },
        ...filters,
      },
    },
    {
      type: 'object',
      additionalProperties: false,
      required: ['type', 'name', 'url'],
      properties: {
        type: { const: 'slack' },
        name,
        url: { ...url, description: 'the Slack incoming webhook URL (a secret: it is the credential)' },
        ...filters,
      },
    },
    {
      type: 'object',
      additionalProperties: false,
      required: ['type', 'name', 'topicArn'],
      properties: {
        type: { const: 'sns' },
        name,
        topicArn: {
          type: 'string',
          pattern: '^arn:aws[a-z-]*:sns:[a-z0-9-]+:[0-9]{12}:[A-Za-z0-9_-]{1,256}$',
        },
        endpoint: { ...url, description: 'a custom SNS endpoint (tests, LocalStack); unset for AWS' },
        ...filters,
      },
    },
  ],
} as const;

export const NOTIFICATIONS_SCHEMA = {
  type: 'array',
  items: RECEIVER_SCHEMA,
  default: [],
  description:
    'receivers of notifications (JSON: webhook, slack, sns), with filters and a rate limit; see docs/NOTIFICATIONS.md',
} as const;
