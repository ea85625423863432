import { formatDiagnostic, loadRevision, type Revision } from '../src/manifest/index.ts';

/** The shape of a generated fleet: services spread over clusters, each with its own target group and discovery service. */
export interface FleetShape {
  readonly services: number;
  readonly clusters: number;
  readonly namespaces: number;
  /** Give each service a target group and a discovery service. */
  readonly withNetworking: boolean;
}

export const CLUSTERS = 10;
export const NAMESPACES = 4;

const header = (kind: string, name: string, namespace: string) =>
  `apiVersion: shipshape.dev/v1\nkind: ${kind}\nmetadata: {name: ${name}, namespace: ${namespace}}\n`;

export function clusterOf(index: number, shape: FleetShape): number {
  return index % shape.clusters;
}

/** One manifest file per resource, named by identity. */
export function fleetFiles(shape: FleetShape, image = 'app:1'): Record<string, string> {
  const files: Record<string, string> = {};
  for (let c = 0; c < shape.clusters; c += 1) {
    const ns = `c${c}`;
    files[`${ns}/cluster.yaml`] = `${header('Cluster', `cluster-${c}`, ns)}spec: {}\n`;
    files[`${ns}/task.yaml`] = `${header('TaskDefinition', `app-c${c}`, ns)}spec:
  networkMode: awsvpc
  requiresCompatibilities: [FARGATE]
  cpu: "256"
  memory: "512"
  containerDefinitions: [{name: app, image: "${image}", portMappings: [{containerPort: 8080}]}]
`;
  }
  if (shape.withNetworking) {
    for (let n = 0; n < shape.namespaces; n += 1) {
      files[`dns/ns-${n}.yaml`] = `${header('DnsNamespace', `zone-${n}`, 'dns')}spec:
  type: DNS_PRIVATE
  name: zone-${n}.internal
  vpc: vpc-0a1b2c3d
`;
    }
  }
  for (let i = 0; i < shape.services; i += 1) {
    const ns = `c${clusterOf(i, shape)}`;
    const name = `svc-${i}`;
    let networking = '';
    if (shape.withNetworking) {
      files[`${ns}/${name}-tg.yaml`] = `${header('TargetGroup', name, ns)}spec:
  protocol: HTTP
  port: 8080
  targetType: ip
  vpcId: vpc-0a1b2c3d
`;
      files[`${ns}/${name}-ds.yaml`] = `${header('DiscoveryService', name, ns)}spec:
  namespaceRef: dns/zone-${i % shape.namespaces}
  dnsConfig: {routingPolicy: MULTIVALUE, dnsRecords: [{type: A, tTL: 60}]}
  healthCheckCustomConfig: {failureThreshold: 1}
`;
      networking = `  loadBalancers: [{targetGroupRef: ${name}, containerName: app, containerPort: 8080}]
  serviceRegistries: [{discoveryServiceRef: ${name}}]
`;
    }
    files[`${ns}/${name}.yaml`] = `${header('Service', name, ns)}spec:
  clusterRef: cluster-${clusterOf(i, shape)}
  taskDefinitionRef: app-c${clusterOf(i, shape)}
  desiredCount: 1
  launchType: FARGATE
  networkConfiguration: {awsvpcConfiguration: {subnets: [subnet-aaa], securityGroups: [sg-111]}}
${networking}`;
  }
  return files;
}

export function load(files: Record<string, string>): Revision {
  const result = loadRevision(Object.entries(files).map(([file, content]) => ({ file, content })));
  if (!result.ok) throw new Error(result.errors.map(formatDiagnostic).join('\n'));
  return result.revision;
}

export function fleet(shape: FleetShape): { files: Record<string, string>; revision: Revision } {
  const files = fleetFiles(shape);
  return { files, revision: load(files) };
}
