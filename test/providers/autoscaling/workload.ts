/** A cluster, task definition and ECS service for the scaling tests to scale, plus their manifests. */
export const ECS_WORKLOAD: Record<string, string> = {
  'cluster.yaml': `
apiVersion: shipshape.dev/v1
kind: Cluster
metadata: {name: shop, namespace: shop}
spec: {}
`,
  'task.yaml': `
apiVersion: shipshape.dev/v1
kind: TaskDefinition
metadata: {name: api, namespace: shop}
spec:
  networkMode: awsvpc
  requiresCompatibilities: [FARGATE]
  cpu: "256"
  memory: "512"
  containerDefinitions:
    - {name: api, image: "api:1", portMappings: [{containerPort: 8080}]}
`,
  'service.yaml': `
apiVersion: shipshape.dev/v1
kind: Service
metadata: {name: api, namespace: shop}
spec:
  clusterRef: shop
  taskDefinitionRef: api
  desiredCount: 2
  launchType: FARGATE
  networkConfiguration:
    awsvpcConfiguration: {subnets: [subnet-aaa], securityGroups: [sg-111]}
  ignoreDifferences: [desiredCount]
`,
};
