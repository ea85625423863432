/** A small web workload behind a load balancer, plus services to break, in namespace `heal`. */

const header = (kind: string, name: string) =>
  `apiVersion: shipshape.dev/v1\nkind: ${kind}\nmetadata: {name: ${name}, namespace: heal}\n`;

const network = `  networkConfiguration:
    awsvpcConfiguration: {subnets: [subnet-0a1b2c3d4e5f60001, subnet-0a1b2c3d4e5f60002], securityGroups: [sg-0b1c2d3e4f5a60001]}
`;

export const taskDefinition = (
  name: string,
  image: string,
  port = 8080,
) => `${header('TaskDefinition', name)}spec:
  networkMode: awsvpc
  requiresCompatibilities: [FARGATE]
  cpu: "256"
  memory: "512"
  containerDefinitions:
    - {name: app, image: "${image}", essential: true, portMappings: [{containerPort: ${port}}]}
`;

export const service = (name: string, extra = '') => `${header('Service', name)}spec:
  clusterRef: heal
  taskDefinitionRef: ${name}
  desiredCount: 2
  launchType: FARGATE
${network}${extra}`;

export const webFiles: Record<string, string> = {
  'heal/cluster.yaml': `${header('Cluster', 'heal')}spec: {}\n`,
  'heal/load-balancer.yaml': `${header('LoadBalancer', 'heal-alb')}spec:
  subnets: [subnet-0a1b2c3d4e5f60001, subnet-0a1b2c3d4e5f60002]
  securityGroups: [sg-0b1c2d3e4f5a60001]
  type: application
`,
  'heal/target-group.yaml': `${header('TargetGroup', 'heal-web')}spec:
  protocol: HTTP
  port: 8080
  vpcId: vpc-0c1d2e3f4a5b60001
  targetType: ip
  healthCheckPath: /health
`,
  'heal/listener.yaml': `${header('Listener', 'heal-http')}spec:
  loadBalancerRef: heal-alb
  protocol: HTTP
  port: 80
  defaultActions: [{type: forward, targetGroupRef: heal-web}]
`,
  'heal/web-task.yaml': taskDefinition('web', 'web:1'),
  'heal/web.yaml': service(
    'web',
    '  loadBalancers: [{targetGroupRef: heal-web, containerName: app, containerPort: 8080}]\n',
  ),
};
