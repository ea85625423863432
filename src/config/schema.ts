import { DEFAULT_READ_LIMITS } from '../manifest/limits.ts';
import { NOTIFICATIONS_SCHEMA } from './notifications-schema.ts';

/**
 * The operator's configuration as a JSON Schema, validated once at start (load-config.ts).
 * `default` is the value when neither the environment nor a flag sets it; settings without one
 * are required, except `endpoint`, `apiToken` and `sourceQueueUrl`, which are optional. The TypeScript type is
 * derived from this object (config-type.ts), so the two cannot drift apart.
 */
export const CONFIG_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: [
    'source',
    'stateTable',
    'region',
    'instance',
    'replicaId',
    'apiHost',
    'apiPort',
    'apiProtectReads',
    'pollSeconds',
    'maxFileBytes',
    'maxRevisionBytes',
    'maxDocuments',
    'resyncSeconds',
    'driftScanSeconds',
    'tagResyncSeconds',
    'workers',
    'rateShare',
    'pruneShare',
    'pruneOverrideSeconds',
    'crashLoopCount',
    'crashLoopWindowSeconds',
    'suspend',
    'logLevel',
    'leaseDurationSeconds',
    'leaseRenewDeadlineSeconds',
    'leaseRetrySeconds',
    'notifications',
  ],
  properties: {
    source: {
      type: 'string',
      minLength: 1,
      description: 'where manifests come from: s3://bucket/prefix, dynamodb://table, file://dir or a path',
    },
    sourceQueueUrl: {
      type: 'string',
      pattern: '^https?://',
      description:
        "S3 sources only: the URL of an SQS queue receiving the bucket's event notifications, to look at once on a change",
    },
    stateTable: {
      type: 'string',
      pattern: '^[A-Za-z0-9_.-]{3,255}$',
      description: 'the DynamoDB table holding status, events, revisions and the leader lease',
    },
    region: {
      type: 'string',
      pattern: '^[a-z]{2}(-[a-z]+)+-[0-9]+$',
      description: 'the AWS region of every client',
    },
    endpoint: {
      type: 'string',
      pattern: '^https?://',
      description: 'a custom endpoint for every AWS client (the emulator, LocalStack); unset for AWS itself',
    },
    instance: {
      type: 'string',
      pattern: '^[a-z0-9-]{1,40}$',
      default: 'default',
      description: 'the Shipshape instance: its ownership tags, so two instances never touch each other',
    },
    replicaId: {
      type: 'string',
      pattern: '^[A-Za-z0-9_.:/-]{1,200}$',
      description: 'this replica in the leader lease; default: the host name plus a random suffix',
    },
    apiHost: {
      type: 'string',
      minLength: 1,
      default: '0.0.0.0',
      description: 'the address the API listens on',
    },
    apiPort: {
      type: 'integer',
      minimum: 0,
      maximum: 65535,
      default: 8080,
      description: 'the port the API listens on (0: any free port)',
    },
    apiToken: {
      type: 'string',
      minLength: 16,
      description: 'the bearer token of the POST routes; unset: every POST route is refused',
    },
    apiProtectReads: {
      type: 'boolean',
      default: false,
      description:
        'the GET routes need the bearer token too (all but /healthz, /readyz, the dashboard page and /docs); needs apiToken',
    },
    pollSeconds: {
      type: 'number',
      exclusiveMinimum: 0,
      default: 10,
      description: 'how often the source is asked for a new revision',
    },
    maxFileBytes: {
      type: 'integer',
      minimum: 1,
      default: DEFAULT_READ_LIMITS.fileBytes,
      description:
        'the largest manifest file, S3 object or table item read, in bytes; a larger one rejects the revision unread',
    },
    maxRevisionBytes: {
      type: 'integer',
      minimum: 1,
      default: DEFAULT_READ_LIMITS.revisionBytes,
      description:
        'the most bytes all the files of a revision may add up to; over it, the revision is rejected and nothing read',
    },
    maxDocuments: {
      type: 'integer',
      minimum: 1,
      default: DEFAULT_READ_LIMITS.documents,
      description: 'the most YAML documents a revision may hold (empty ones included); more rejects it',
    },
    resyncSeconds: {
      type: 'number',
      exclusiveMinimum: 0,
      default: 60,
      description: 'full resync: every kind listed, every resource reconciled, spread over the interval',
    },
    driftScanSeconds: {
      type: 'number',
      exclusiveMinimum: 0,
      default: 15,
      description:
        'batched re-read of services and clusters between resyncs; a change found is reconciled at once',
    },
    tagResyncSeconds: {
      type: 'number',
      exclusiveMinimum: 0,
      default: 600,
      description:
        'tags that describes do not carry (ELBv2, Cloud Map, Auto Scaling) are read when a resource first appears and again after about this long',
    },
    workers: {
      type: 'integer',
      minimum: 1,
      maximum: 64,
      default: 4,
      description: 'resources reconciled at once',
    },
    rateShare: {
      type: 'number',
      exclusiveMinimum: 0,
      maximum: 1,
      default: 0.5,
      description: "the share of AWS's published API rates Shipshape allows itself",
    },
    pruneShare: {
      type: 'number',
      minimum: 0,
      maximum: 1,
      default: 0.25,
      description: 'a revision deleting more than this share of the owned resources is held back',
    },
    pruneOverrideSeconds: {
      type: 'number',
      exclusiveMinimum: 0,
      default: 3600,
      description:
        'how long a prune-guard override (POST /prune/allow) lasts; it also ends when another revision comes into force',
    },
    crashLoopCount: {
      type: 'integer',
      minimum: 1,
      default: 3,
      description: 'tasks stopping this many times within the window make a service Degraded',
    },
    crashLoopWindowSeconds: {
      type: 'number',
      exclusiveMinimum: 0,
      default: 600,
      description: 'the window of the crash loop count',
    },
    suspend: {
      type: 'boolean',
      default: false,
      description: 'observe and report only: nothing is written to AWS',
    },
    logLevel: {
      type: 'string',
      enum: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'],
      default: 'info',
      description: 'the lowest level written to the log',
    },
    leaseDurationSeconds: {
      type: 'number',
      exclusiveMinimum: 0,
      default: 15,
      description: 'how long a lease not renewed stays valid for other replicas',
    },
    leaseRenewDeadlineSeconds: {
      type: 'number',
      exclusiveMinimum: 0,
      default: 10,
      description: 'the leader stops leading when it has not renewed for this long',
    },
    leaseRetrySeconds: {
      type: 'number',
      exclusiveMinimum: 0,
      default: 2,
      description: 'time between attempts to acquire or renew the lease',
    },
    probeProxy: {
      type: 'string',
      pattern: '^http://[^/]+/?$',
      description:
        "a plain HTTP proxy (http://host:port) the rollout gate's http checks go through, e.g. to reach internal load balancers; the emulator is one",
    },
    notifications: NOTIFICATIONS_SCHEMA,
  },
} as const;
