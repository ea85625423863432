import type { TargetSpec } from '../target.ts';

/**
 * Checks where a target is known to answer differently from AWS (per the AWS model
 * and docs): those tests are skipped on that target, and test/README.md lists them.
 */
const DIFFERENCES: Readonly<Record<string, readonly string[]>> = {
  moto: [
    'cluster-name-validation', // accepts "no spaces allowed" as a cluster name
    'cluster-settings-default', // adds containerInsights disabled; AWS's examples answer settings []
    'list-clusters-paging', // ignores maxResults, never pages
    'list-max-results', // accepts maxResults 101 (model and docs: 1-100)
    'delete-cluster-with-services', // deletes a cluster with an ACTIVE service
    'task-definition-defaults', // keeps cpu "0.25 vCPU" and memory "1 GB" as given
    'fargate-validation', // registers FARGATE definitions in bridge mode or with invalid cpu/memory
    'task-definition-tags', // RegisterTaskDefinition answers no tags
    'list-task-definitions', // ignores maxResults for ListTaskDefinitions
    'list-families-status', // ListTaskDefinitionFamilies ignores status
    'service-defaults', // no deploymentConfiguration, platformVersion, enableECSManagedTags, assignPublicIp defaults
    'service-input-validation', // accepts launchType with capacityProviderStrategy, awsvpc without network
    'service-load-balancer-validation', // does not check target groups or container ports
    'create-service-idempotency', // same clientToken creates a new deployment; duplicate name accepted
    'update-service-deployments', // a new task definition does not start a new PRIMARY deployment
    'delete-service-lifecycle', // deletes a scaled service without force, straight to INACTIVE
    'describe-services-tags', // failure ARNs in the short format service/<name>
    'describe-services-limit', // accepts more than 10 services
    'list-services-paging', // ignores the default page size of 10
    'describe-tasks-failures', // no MISSING failures for unknown tasks
    'describe-tasks-limit', // accepts more than 100 tasks
    'stop-unknown-task', // answers HTTP 500 for an unknown task
    'list-tasks-unknown-service', // lists no tasks instead of ServiceNotFoundException
    'tag-reserved-prefix', // accepts aws: tag keys
  ],
  localstack: [],
  emulator: [],
};

export function knownDifference(spec: TargetSpec, key: string): boolean {
  return DIFFERENCES[spec.name]?.includes(key) ?? false;
}
