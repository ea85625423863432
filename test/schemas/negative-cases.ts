// Valid base documents, and a table of single edits that each break one constraint.
type Json = Record<string, unknown>;

const doc = (kind: string, spec: Json): Json => ({
  apiVersion: 'shipshape.dev/v1',
  kind,
  metadata: { name: 'example', namespace: 'demo' },
  spec,
});

export const bases: Record<string, () => Json> = {
  Cluster: () => doc('Cluster', {}),
  TaskDefinition: () =>
    doc('TaskDefinition', {
      networkMode: 'awsvpc',
      requiresCompatibilities: ['FARGATE'],
      cpu: '256',
      memory: '512',
      containerDefinitions: [
        {
          name: 'app',
          image: 'nginx:1.27',
          portMappings: [{ containerPort: 80, protocol: 'tcp' }],
          healthCheck: {
            command: ['CMD-SHELL', 'true'],
            interval: 30,
            timeout: 5,
            retries: 3,
            startPeriod: 0,
          },
          dependsOn: [{ containerName: 'init', condition: 'SUCCESS' }],
        },
      ],
      volumes: [{ name: 'data', efsVolumeConfiguration: { fileSystemRef: 'data' } }],
    }),
  Service: () =>
    doc('Service', {
      clusterRef: 'main',
      taskDefinitionRef: 'app',
      desiredCount: 1,
      launchType: 'FARGATE',
      networkConfiguration: {
        awsvpcConfiguration: { subnets: ['subnet-0a1b2c3d'], securityGroups: ['sg-0a1b2c3d'] },
      },
      loadBalancers: [{ targetGroupRef: 'app', containerName: 'app', containerPort: 80 }],
      tags: { Team: 'platform' },
    }),
  TargetGroup: () =>
    doc('TargetGroup', {
      protocol: 'HTTP',
      port: 80,
      vpcId: 'vpc-0a1b2c3d',
      targetType: 'ip',
      healthCheckIntervalSeconds: 30,
      healthCheckTimeoutSeconds: 5,
      healthyThresholdCount: 5,
      unhealthyThresholdCount: 2,
      matcher: { httpCode: '200-299' },
    }),
  LoadBalancer: () => doc('LoadBalancer', { subnets: ['subnet-0a1b2c3d', 'subnet-0a1b2c3e'] }),
  Listener: () =>
    doc('Listener', {
      loadBalancerRef: 'alb',
      protocol: 'HTTP',
      port: 80,
      defaultActions: [{ type: 'forward', targetGroupRef: 'app' }],
    }),
  ListenerRule: () =>
    doc('ListenerRule', {
      listenerRef: 'http',
      priority: 10,
      conditions: [{ field: 'path-pattern', values: ['/api/*'] }],
      actions: [{ type: 'forward', forwardConfig: { targetGroups: [{ targetGroupRef: 'api', weight: 1 }] } }],
    }),
  FileSystem: () => doc('FileSystem', { encrypted: true, mountTargets: [{ subnetId: 'subnet-0a1b2c3d' }] }),
  AccessPoint: () => doc('AccessPoint', { fileSystemRef: 'data', posixUser: { uid: 1000, gid: 1000 } }),
  DnsNamespace: () => doc('DnsNamespace', { type: 'DNS_PRIVATE', name: 'demo.local', vpc: 'vpc-0a1b2c3d' }),
  DiscoveryService: () =>
    doc('DiscoveryService', {
      namespaceRef: 'demo-local',
      dnsConfig: { routingPolicy: 'MULTIVALUE', dnsRecords: [{ type: 'A', tTL: 60 }] },
      healthCheckCustomConfig: { failureThreshold: 1 },
    }),
  ScalableTarget: () => doc('ScalableTarget', { serviceRef: 'app', minCapacity: 2, maxCapacity: 10 }),
  ScalingPolicy: () =>
    doc('ScalingPolicy', {
      scalableTargetRef: 'app',
      policyType: 'TargetTrackingScaling',
      targetTrackingScalingPolicyConfiguration: {
        targetValue: 70,
        predefinedMetricSpecification: { predefinedMetricType: 'ECSServiceAverageCPUUtilization' },
      },
    }),
};

/** Removes the field instead of setting it. */
export const REMOVE = Symbol('remove');
/** Shallow-merges into the object at the path instead of replacing it (REMOVE deletes a key). */
export class Merge {
  constructor(readonly fields: Json) {}
}

export interface Edit {
  kind: string;
  /** Dotted path from the document root; numbers index arrays. */
  path: string;
  value: unknown;
}
export interface NegativeCase extends Edit {
  keyword: string;
  instancePath: string;
}

const pointer = (path: string): string => (path === '' ? '' : `/${path.split('.').join('/')}`);
const parentOf = (path: string): string => path.split('.').slice(0, -1).join('.');
const reject = (
  kind: string,
  path: string,
  value: unknown,
  keyword: string,
  instancePath = pointer(path),
) => ({
  kind,
  path,
  value,
  keyword,
  instancePath,
});
/** The error is reported on the object holding the field (required, anyOf). */
const rejectAtParent = (kind: string, path: string, value: unknown, keyword: string) =>
  reject(kind, path, value, keyword, pointer(parentOf(path)));

/** Applies an edit to a document, in place. */
export function applyEdit(document: Json, { path, value }: Edit): void {
  const keys = path.split('.');
  const last = keys.pop() ?? '';
  let node: unknown = document;
  for (const key of keys) node = (node as Record<string, unknown>)[key];
  const parent = node as Record<string, unknown>;
  if (value === REMOVE) delete parent[last];
  else if (value instanceof Merge) {
    const target = parent[last] as Json;
    for (const [key, field] of Object.entries(value.fields)) {
      if (field === REMOVE) delete target[key];
      else target[key] = field;
    }
  } else parent[last] = value;
}

const manyTags = (n: number): Record<string, string> =>
  Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, 'v']));
const td = 'TaskDefinition';
const container = 'spec.containerDefinitions.0';
const containerHealth = `${container}.healthCheck`;
const tt = 'spec.targetTrackingScalingPolicyConfiguration';
const arn = {
  cluster: 'arn:aws:ecs:us-east-1:123456789012:cluster/main',
  targetGroup: 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/app/0123456789abcdef',
  loadBalancer: 'arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/alb/0123456789abcdef',
};

export const negativeCases: NegativeCase[] = [
  // names
  reject('TargetGroup', 'spec.name', 'a'.repeat(33), 'maxLength'),
  reject('TargetGroup', 'spec.name', 'app-', 'pattern'),
  reject('LoadBalancer', 'spec.name', 'b'.repeat(33), 'maxLength'),
  reject('LoadBalancer', 'spec.name', '-alb', 'pattern'),
  reject('LoadBalancer', 'spec.name', 'internal-alb', 'pattern'),
  reject(
    'DnsNamespace',
    'spec',
    new Merge({ type: 'DNS_PUBLIC', vpc: REMOVE, name: 'demo' }),
    'pattern',
    '/spec/name',
  ),
  reject('DnsNamespace', 'spec.name', `${'a'.repeat(250)}.local`, 'maxLength'),
  reject(td, 'spec.family', 'my app', 'pattern'),
  reject('Cluster', 'spec.clusterName', 'main.prod', 'pattern'),
  reject('Service', 'spec.serviceName', 's'.repeat(256), 'pattern'),
  reject('Cluster', 'metadata.name', 'Main', 'pattern'),
  reject('Cluster', 'metadata.name', 'm'.repeat(64), 'maxLength'),
  reject('Cluster', 'metadata.namespace', 'team_a', 'pattern'),
  // target group health check
  reject('TargetGroup', 'spec.healthCheckIntervalSeconds', 4, 'minimum'),
  reject('TargetGroup', 'spec.healthCheckIntervalSeconds', 301, 'maximum'),
  reject('TargetGroup', 'spec.healthCheckTimeoutSeconds', 1, 'minimum'),
  reject('TargetGroup', 'spec.healthCheckTimeoutSeconds', 121, 'maximum'),
  reject('TargetGroup', 'spec.healthyThresholdCount', 11, 'maximum'),
  reject('TargetGroup', 'spec.unhealthyThresholdCount', 1, 'minimum'),
  reject('TargetGroup', 'spec.matcher.httpCode', 'ok', 'pattern'),
  reject('TargetGroup', 'spec.healthCheckPort', 'http', 'pattern'),
  reject('TargetGroup', 'spec.targetType', 'pod', 'enum'),
  // ports
  reject('TargetGroup', 'spec.port', 0, 'minimum'),
  reject('TargetGroup', 'spec.port', 65536, 'maximum'),
  reject('Listener', 'spec.port', 0, 'minimum'),
  reject(td, `${container}.portMappings.0.containerPort`, 65536, 'maximum'),
  reject(td, `${container}.portMappings.0.containerPort`, -1, 'minimum'),
  reject('Service', 'spec.loadBalancers.0.containerPort', 65536, 'maximum'),
  // Fargate cpu/memory
  reject(td, 'spec.memory', '4096', 'enum'),
  reject(td, 'spec', new Merge({ cpu: '512', memory: '512' }), 'enum', '/spec/memory'),
  reject(td, 'spec', new Merge({ cpu: '8192', memory: '18432' }), 'enum', '/spec/memory'),
  reject(td, 'spec.cpu', '300', 'enum'),
  reject(td, 'spec.cpu', 256, 'type'),
  reject(td, 'spec.memory', '512 MB', 'pattern'),
  reject(td, 'spec.networkMode', 'bridge', 'const'),
  rejectAtParent(td, 'spec.networkMode', REMOVE, 'required'),
  rejectAtParent(td, 'spec.memory', REMOVE, 'required'),
  // container definitions
  reject(td, `${containerHealth}.interval`, 4, 'minimum'),
  reject(td, `${containerHealth}.interval`, 301, 'maximum'),
  reject(td, `${containerHealth}.timeout`, 121, 'maximum'),
  reject(td, `${containerHealth}.retries`, 11, 'maximum'),
  reject(td, `${containerHealth}.startPeriod`, 301, 'maximum'),
  reject(td, `${container}.dependsOn.0.condition`, 'READY', 'enum'),
  rejectAtParent(td, `${container}.image`, REMOVE, 'required'),
  reject(td, `${container}.imageTag`, 'x', 'additionalProperties', '/spec/containerDefinitions/0'),
  rejectAtParent(td, 'spec.containerDefinitions', REMOVE, 'required'),
  // service
  reject('Service', 'spec.desiredCount', -1, 'minimum'),
  reject('Service', 'spec.healthCheckGracePeriodSeconds', -1, 'minimum'),
  reject('Service', 'spec.healthCheckGracePeriodSeconds', 2147483648, 'maximum'),
  reject(
    'Service',
    'spec.deploymentConfiguration',
    { maximumPercent: -1 },
    'minimum',
    '/spec/deploymentConfiguration/maximumPercent',
  ),
  reject(
    'Service',
    'spec.capacityProviderStrategy',
    [{ capacityProvider: 'FARGATE_SPOT', weight: 1 }],
    'false schema',
  ),
  reject('Service', 'spec.launchType', 'LAMBDA', 'enum'),
  reject('Service', 'spec.networkConfiguration.awsvpcConfiguration.subnets.0', 'sg-0a1b2c3d', 'pattern'),
  // tags
  reject('Service', 'spec.tags', manyTags(51), 'maxProperties'),
  reject('Cluster', 'spec.tags', { ['k'.repeat(129)]: 'v' }, 'propertyNames'),
  reject('Cluster', 'spec.tags', { Team: 'v'.repeat(257) }, 'maxLength', '/spec/tags/Team'),
  reject('Cluster', 'spec.tags', [{ key: 'Team', value: 'x' }], 'type'),
  // unknown fields, at their own path
  reject('Service', 'spec.replicas', 2, 'additionalProperties', '/spec'),
  reject('Service', 'metadata.uid', 'x', 'additionalProperties', '/metadata'),
  reject('Service', 'status', {}, 'additionalProperties', ''),
  reject('TargetGroup', 'spec.HealthCheckPath', '/', 'additionalProperties', '/spec'),
  reject(
    'Service',
    'spec.networkConfiguration.awsvpcConfiguration.vpc',
    'x',
    'additionalProperties',
    '/spec/networkConfiguration/awsvpcConfiguration',
  ),
  // references and literals: never both; exactly one where AWS requires the field
  reject('Service', 'spec.cluster', arn.cluster, 'false schema'),
  reject('Service', 'spec.loadBalancers.0.targetGroupArn', arn.targetGroup, 'false schema'),
  reject(td, 'spec.volumes.0.efsVolumeConfiguration.fileSystemId', 'fs-0123456789abcdef0', 'false schema'),
  reject('Listener', 'spec.loadBalancerArn', arn.loadBalancer, 'false schema'),
  reject('Listener', 'spec.defaultActions.0.targetGroupArn', arn.targetGroup, 'false schema'),
  reject('DiscoveryService', 'spec.namespaceId', 'ns-0123456789abcdef', 'false schema'),
  reject('ScalableTarget', 'spec.resourceId', 'service/main/app', 'false schema'),
  rejectAtParent('Listener', 'spec.loadBalancerRef', REMOVE, 'anyOf'),
  rejectAtParent(td, 'spec.volumes.0.efsVolumeConfiguration.fileSystemRef', REMOVE, 'anyOf'),
  rejectAtParent(
    'ListenerRule',
    'spec.actions.0.forwardConfig.targetGroups.0.targetGroupRef',
    REMOVE,
    'anyOf',
  ),
  rejectAtParent('ListenerRule', 'spec.listenerRef', REMOVE, 'anyOf'),
  rejectAtParent('AccessPoint', 'spec.fileSystemRef', REMOVE, 'anyOf'),
  rejectAtParent('ScalingPolicy', 'spec.scalableTargetRef', REMOVE, 'required'),
  reject('Service', 'spec.clusterRef', 'Main', 'pattern'),
  reject('Service', 'spec.clusterRef', 'a/b/c', 'pattern'),
  // missing required
  rejectAtParent('Cluster', 'metadata', REMOVE, 'required'),
  rejectAtParent('Cluster', 'metadata.name', REMOVE, 'required'),
  rejectAtParent('Cluster', 'spec', REMOVE, 'required'),
  rejectAtParent('Listener', 'spec.defaultActions', REMOVE, 'required'),
  rejectAtParent('ListenerRule', 'spec.priority', REMOVE, 'required'),
  reject(
    'FileSystem',
    'spec.mountTargets',
    [{ securityGroups: ['sg-0a1b2c3d'] }],
    'required',
    '/spec/mountTargets/0',
  ),
  rejectAtParent('AccessPoint', 'spec.posixUser.gid', REMOVE, 'required'),
  reject('Cluster', 'apiVersion', 'v1', 'const'),
  reject('Cluster', 'kind', 'Service', 'const'),
  // ELBv2
  reject('ListenerRule', 'spec.priority', 50001, 'maximum'),
  reject('Listener', 'spec.defaultActions.0.type', 'proxy', 'enum'),
  reject('Listener', 'spec.protocol', 'HTTP2', 'enum'),
  reject('LoadBalancer', 'spec.scheme', 'public', 'enum'),
  reject('LoadBalancer', 'spec.subnetMappings', [{ subnetId: 'subnet-0a1b2c3d' }], 'false schema'),
  // EFS
  reject('FileSystem', 'spec.performanceMode', 'fast', 'enum'),
  reject('FileSystem', 'spec.throughputMode', 'turbo', 'enum'),
  reject('FileSystem', 'spec.provisionedThroughputInMibps', 128, 'required', '/spec'),
  reject('FileSystem', 'spec.backupPolicy', { status: 'ON' }, 'enum', '/spec/backupPolicy/status'),
  // Cloud Map
  reject('DiscoveryService', 'spec.dnsConfig.dnsRecords.0.type', 'MX', 'enum'),
  reject('DiscoveryService', 'spec.dnsConfig.dnsRecords.0.tTL', -1, 'minimum'),
  reject('DiscoveryService', 'spec.dnsConfig.dnsRecords.0.tTL', 2147483648, 'maximum'),
  reject('DiscoveryService', 'spec.dnsConfig.routingPolicy', 'RANDOM', 'enum'),
  reject('DiscoveryService', 'spec.healthCheckCustomConfig.failureThreshold', 11, 'maximum'),
  reject('DiscoveryService', 'spec.healthCheckCustomConfig.failureThreshold', 0, 'minimum'),
  rejectAtParent('DnsNamespace', 'spec.vpc', REMOVE, 'required'),
  reject('DnsNamespace', 'spec.type', 'HTTP', 'false schema', '/spec/vpc'),
  reject('DnsNamespace', 'spec.type', 'DNS', 'enum'),
  // Application Auto Scaling
  reject('ScalableTarget', 'spec.minCapacity', -1, 'minimum'),
  rejectAtParent('ScalableTarget', 'spec.maxCapacity', REMOVE, 'required'),
  reject('ScalableTarget', 'spec.scalableDimension', 'dynamodb:table:ReadCapacityUnits', 'const'),
  reject('ScalableTarget', 'spec.serviceNamespace', 'dynamodb', 'const'),
  reject(
    'ScalingPolicy',
    `${tt}.predefinedMetricSpecification.predefinedMetricType`,
    'DynamoDBReadCapacityUtilization',
    'enum',
  ),
  reject('ScalingPolicy', `${tt}.targetValue`, 0, 'exclusiveMinimum'),
  rejectAtParent('ScalingPolicy', tt, REMOVE, 'required'),
  reject(
    'ScalingPolicy',
    'spec.stepScalingPolicyConfiguration',
    { adjustmentType: 'ChangeInCapacity' },
    'false schema',
  ),
  reject('ScalingPolicy', 'spec.policyType', 'PredictiveScaling', 'enum'),
  // per-resource controls
  reject('Service', 'spec.selfHeal', 'yes', 'type'),
  reject('Service', 'spec.deletionPolicy', 'Keep', 'enum'),
  reject('Service', 'spec.suspend', 1, 'type'),
  reject('Service', 'spec.ignoreDifferences', 'desiredCount', 'type'),
  reject('Service', 'spec.ignoreDifferences', [''], 'minLength', '/spec/ignoreDifferences/0'),
];

/** Edits that AWS accepts and the schemas must accept too. */
export const positiveCases: Edit[] = [
  { kind: td, path: 'spec', value: new Merge({ cpu: '1 vCPU', memory: '2 GB' }) },
  { kind: td, path: 'spec', value: new Merge({ cpu: '16384', memory: '122880' }) },
  {
    kind: td,
    path: 'spec',
    value: new Merge({ requiresCompatibilities: ['EC2'], cpu: '300', memory: '700' }),
  },
  { kind: td, path: `${container}.portMappings.0.containerPort`, value: 0 },
  { kind: 'Service', path: 'spec', value: new Merge({ clusterRef: REMOVE, cluster: arn.cluster }) },
  { kind: 'Service', path: 'spec.clusterRef', value: 'shared/main' },
  { kind: 'Service', path: 'spec.tags', value: manyTags(50) },
  {
    kind: 'Service',
    path: 'spec',
    value: new Merge({
      ignoreDifferences: ['desiredCount', 'containerDefinitions[name=app].image', 'tags.Team'],
      selfHeal: false,
      deletionPolicy: 'Retain',
      suspend: true,
    }),
  },
  { kind: 'TargetGroup', path: 'spec.name', value: `a${'-'.repeat(30)}b` },
  { kind: 'DnsNamespace', path: 'spec', value: new Merge({ type: 'HTTP', vpc: REMOVE }) },
  {
    kind: 'DnsNamespace',
    path: 'spec',
    value: new Merge({ type: 'DNS_PUBLIC', vpc: REMOVE, name: 'demo.example.com' }),
  },
  { kind: 'LoadBalancer', path: 'spec.name', value: 'my-internal-alb' },
  {
    kind: 'ScalingPolicy',
    path: 'spec',
    value: new Merge({
      policyType: 'StepScaling',
      targetTrackingScalingPolicyConfiguration: REMOVE,
      stepScalingPolicyConfiguration: {
        adjustmentType: 'ChangeInCapacity',
        stepAdjustments: [{ scalingAdjustment: 1, metricIntervalLowerBound: 0 }],
      },
    }),
  },
];
