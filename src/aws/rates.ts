/**
 * AWS's request rates per throttling group (`service:group`), shared by the
 * emulator (which enforces them) and the reconcile loop (which keeps below a
 * share of them). Request rates per throttling group: bucket size (burst) and refill
 * (sustained, per second). `source` says where a figure comes from; figures
 * marked `assumed` are conservative placeholders until confirmed, and
 * docs/AWS-LIMITS.md lists them.
 */
export interface Rate {
  readonly burst: number;
  readonly sustained: number;
  readonly source: string;
}

const ECS_DOC = 'AmazonECS/latest/APIReference/request-throttling.html';
/** "Rate of DescribeAlarms requests: 9 per second" per account and region. */
const CLOUDWATCH_DOC = 'AmazonCloudWatch/latest/monitoring/cloudwatch_limits.html';
const ASSUMED = 'assumed';

export const RATES: Readonly<Record<string, Rate>> = {
  'ecs:cluster-read': { burst: 50, sustained: 20, source: ECS_DOC },
  'ecs:cluster-modify': { burst: 10, sustained: 1, source: ASSUMED },
  'ecs:service-read': { burst: 50, sustained: 20, source: `${ECS_DOC} (sustained); burst ${ASSUMED}` },
  'ecs:service-modify': { burst: 10, sustained: 5, source: ASSUMED },
  'ecs:cluster-resource-read': {
    burst: 50,
    sustained: 20,
    source: `${ECS_DOC} (sustained); burst ${ASSUMED}`,
  },
  'ecs:task-modify': { burst: 20, sustained: 10, source: ASSUMED },
  'ecs:task-definition-read': { burst: 50, sustained: 20, source: ASSUMED },
  'ecs:task-definition-modify': { burst: 20, sustained: 1, source: ASSUMED },
  'ecs:tagging': { burst: 50, sustained: 20, source: ASSUMED },
  'elbv2:read': { burst: 40, sustained: 10, source: ASSUMED },
  'elbv2:modify': { burst: 20, sustained: 5, source: ASSUMED },
  'efs:read': { burst: 35, sustained: 10, source: ASSUMED },
  'efs:modify': { burst: 15, sustained: 5, source: ASSUMED },
  'servicediscovery:read': { burst: 50, sustained: 20, source: ASSUMED },
  'servicediscovery:modify': { burst: 20, sustained: 5, source: ASSUMED },
  'autoscaling:read': { burst: 40, sustained: 10, source: ASSUMED },
  'autoscaling:modify': { burst: 20, sustained: 5, source: ASSUMED },
  // One bucket for all STS calls, per account and Region; about 600 a second is the usual figure.
  'sts:requests': { burst: 600, sustained: 600, source: ASSUMED },
  'cloudwatch:DescribeAlarms': {
    burst: 9,
    sustained: 9,
    source: `${CLOUDWATCH_DOC} (sustained); burst ${ASSUMED}`,
  },
};

const FALLBACK: Rate = { burst: 20, sustained: 5, source: ASSUMED };

/** ECS throttles by groups of actions (AmazonECS/latest/APIReference/request-throttling.html). */
const ECS_GROUPS: Readonly<Record<string, string>> = {
  DescribeClusters: 'cluster-read',
  ListClusters: 'cluster-read',
  CreateCluster: 'cluster-modify',
  DeleteCluster: 'cluster-modify',
  UpdateClusterSettings: 'cluster-modify',
  PutClusterCapacityProviders: 'cluster-modify',
  DescribeServices: 'service-read',
  ListServices: 'service-read',
  CreateService: 'service-modify',
  UpdateService: 'service-modify',
  DeleteService: 'service-modify',
  DescribeTasks: 'cluster-resource-read',
  ListTasks: 'cluster-resource-read',
  StopTask: 'task-modify',
  DescribeTaskDefinition: 'task-definition-read',
  ListTaskDefinitions: 'task-definition-read',
  ListTaskDefinitionFamilies: 'task-definition-read',
  RegisterTaskDefinition: 'task-definition-modify',
  DeregisterTaskDefinition: 'task-definition-modify',
  TagResource: 'tagging',
  UntagResource: 'tagging',
  ListTagsForResource: 'tagging',
};

const READ_PREFIXES = ['Describe', 'List', 'Get'];

/** The throttling group of an operation: ECS's own groups, CloudWatch's actions, else read or modify. */
export function apiGroupOf(service: string, operation: string): string {
  if (service === 'ecs') return ECS_GROUPS[operation] ?? 'cluster-read';
  // CloudWatch's quotas are per action (cloudwatch_limits.html).
  if (service === 'cloudwatch') return operation;
  if (service === 'sts') return 'requests';
  return READ_PREFIXES.some((prefix) => operation.startsWith(prefix)) ? 'read' : 'modify';
}

export function rateOf(service: string, group: string): Rate {
  return RATES[`${service}:${group}`] ?? FALLBACK;
}
