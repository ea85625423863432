import { AwsError } from '../../core/aws-error.ts';
import type { RequestContext } from '../../core/context.ts';
import { isJsonObject, type JsonObject } from '../../core/json.ts';
import type { JsonOperation } from '../../protocols/json.ts';
import { parseEcsArn } from '../arns.ts';
import { invalidParameter } from '../errors.ts';
import { activeCluster, maxResults, reader, stateOf } from '../input.ts';
import { page } from '../paging.ts';
import { compact } from '../render.ts';
import { findService } from '../services.ts';
import { type EcsService, wakeService } from '../state.ts';
import { findTaskDefinition } from '../task-definitions.ts';
import { ownerOf } from './arns.ts';
import { renderRevision, renderServiceDeployment, renderServiceDeploymentBrief } from './render.ts';
import { rollBack } from './rollback.ts';
import { isActive, type ServiceDeploymentRecord, type ServiceDeploymentStatus } from './state.ts';

const STATUSES: readonly ServiceDeploymentStatus[] = [
  'PENDING',
  'SUCCESSFUL',
  'STOPPED',
  'STOP_REQUESTED',
  'IN_PROGRESS',
  'ROLLBACK_REQUESTED',
  'ROLLBACK_IN_PROGRESS',
  'ROLLBACK_SUCCESSFUL',
  'ROLLBACK_FAILED',
];
/** Most ARNs one DescribeServiceDeployments or DescribeServiceRevisions call takes. */
const MAX_DESCRIBE = 20;

const deploymentNotFound = (): AwsError =>
  new AwsError('ServiceDeploymentNotFoundException', 'The service deployment does not exist.');

function serviceOwning(
  context: RequestContext,
  arn: string,
  kind: 'service-deployment' | 'service-revision',
): EcsService | undefined {
  const owner = ownerOf(arn, kind);
  if (owner === undefined) return undefined;
  return stateOf(context).clusters.get(owner.cluster)?.services.get(owner.service);
}

function findRecord(
  context: RequestContext,
  arn: string,
): { service: EcsService; record: ServiceDeploymentRecord } {
  if (ownerOf(arn, 'service-deployment') === undefined)
    throw invalidParameter(`Invalid service deployment ARN: ${arn}`);
  const service = serviceOwning(context, arn, 'service-deployment');
  const record = service?.rollout?.deployments.find((candidate) => candidate.arn === arn);
  if (service === undefined || record === undefined) throw deploymentNotFound();
  return { service, record };
}

function arnList(raw: JsonObject, name: string): string[] {
  const arns = reader(raw).stringArray(name) ?? [];
  if (arns.length === 0) throw invalidParameter(`${name} cannot be empty.`);
  if (arns.length > MAX_DESCRIBE) throw invalidParameter(`${name} can have at most ${MAX_DESCRIBE} ARNs.`);
  return arns;
}

/** The cluster named in a long-format service ARN; ECS takes it from there when `cluster` is left out. */
function clusterInServiceArn(reference: string): string | undefined {
  const parsed = parseEcsArn(reference);
  return parsed?.resourceType === 'service' && parsed.parts.length === 2 ? parsed.parts[0] : undefined;
}

const listServiceDeployments: JsonOperation = (raw, context) => {
  const input = reader(raw);
  const state = stateOf(context);
  const reference = input.requiredString('service');
  const cluster = activeCluster(state, input.string('cluster') ?? clusterInServiceArn(reference));
  const service = findService(cluster, reference);
  const statuses = input.stringArray('status');
  for (const status of statuses ?? []) {
    if (!STATUSES.includes(status as ServiceDeploymentStatus))
      throw invalidParameter(`status must be one of ${STATUSES.join(', ')}.`);
  }
  const createdAt = input.object('createdAt');
  const before =
    isJsonObject(createdAt) && typeof createdAt.before === 'number' ? createdAt.before * 1000 : undefined;
  const after =
    isJsonObject(createdAt) && typeof createdAt.after === 'number' ? createdAt.after * 1000 : undefined;
  const limit = maxResults(input, 20);
  const records = (service.rollout?.deployments ?? []).filter(
    (record) =>
      (statuses === undefined || statuses.length === 0 || statuses.includes(record.status)) &&
      (before === undefined || record.createdAt <= before) &&
      (after === undefined || record.createdAt >= after),
  );
  const result = page(records, input.string('nextToken'), limit);
  return compact({
    serviceDeployments: result.items.map(renderServiceDeploymentBrief),
    nextToken: result.nextToken,
  });
};

const describeServiceDeployments: JsonOperation = (raw, context) => {
  const state = stateOf(context);
  const serviceDeployments: JsonObject[] = [];
  const failures: JsonObject[] = [];
  for (const arn of arnList(raw, 'serviceDeploymentArns')) {
    const service = serviceOwning(context, arn, 'service-deployment');
    const record = service?.rollout?.deployments.find((candidate) => candidate.arn === arn);
    if (service === undefined || record === undefined) failures.push({ arn, reason: 'MISSING' });
    else serviceDeployments.push(renderServiceDeployment(state, service, record));
  }
  return { serviceDeployments, failures };
};

const describeServiceRevisions: JsonOperation = (raw, context) => {
  const state = stateOf(context);
  const serviceRevisions: JsonObject[] = [];
  const failures: JsonObject[] = [];
  for (const arn of arnList(raw, 'serviceRevisionArns')) {
    const service = serviceOwning(context, arn, 'service-revision');
    const revision = service?.rollout?.revisions.get(arn);
    if (revision === undefined) failures.push({ arn, reason: 'MISSING' });
    else
      serviceRevisions.push(renderRevision(revision, findTaskDefinition(state, revision.taskDefinitionArn)));
  }
  return { serviceRevisions, failures };
};

const stopServiceDeployment: JsonOperation = (raw, context) => {
  const input = reader(raw);
  const arn = input.requiredString('serviceDeploymentArn');
  const stopType = input.string('stopType', { oneOf: ['ABORT', 'ROLLBACK'] }) ?? 'ROLLBACK';
  // The ECS model documents ROLLBACK as the only valid stop type.
  if (stopType !== 'ROLLBACK') throw invalidParameter('The only valid stopType is ROLLBACK.');
  const { service, record } = findRecord(context, arn);
  if (!isActive(record) || record.status === 'ROLLBACK_IN_PROGRESS' || record.lifecycleStage === 'CLEAN_UP')
    throw new AwsError(
      'ConflictException',
      `The service deployment is ${record.status} and cannot be stopped.`,
    );
  const now = context.now();
  rollBack(
    context.world,
    service,
    record.target,
    'Service deployment rolled back by StopServiceDeployment.',
    now,
  );
  wakeService(stateOf(context), service, now);
  return { serviceDeploymentArn: record.arn };
};

const continueServiceDeployment: JsonOperation = (raw, context) => {
  const input = reader(raw);
  const arn = input.requiredString('serviceDeploymentArn');
  const hookId = input.requiredString('hookId');
  const action = input.string('action', { oneOf: ['CONTINUE', 'ROLLBACK'] }) ?? 'CONTINUE';
  const { service, record } = findRecord(context, arn);
  const hook = record.hooks.find((candidate) => candidate.hookId === hookId);
  if (hook === undefined) throw invalidParameter(`The service deployment has no lifecycle hook ${hookId}.`);
  if (hook.status !== 'AWAITING_ACTION' || record.status !== 'IN_PROGRESS')
    throw invalidParameter(`The lifecycle hook ${hookId} is ${hook.status}, not AWAITING_ACTION.`);
  const now = context.now();
  hook.status = action === 'CONTINUE' ? 'SUCCEEDED' : 'FAILED';
  record.updatedAt = now;
  if (action === 'ROLLBACK')
    rollBack(
      context.world,
      service,
      record.target,
      `Rolled back at lifecycle hook ${hookId} (${hook.stage}).`,
      now,
    );
  wakeService(stateOf(context), service, now);
  return { serviceDeploymentArn: record.arn };
};

export const serviceDeploymentOperations: Record<string, JsonOperation> = {
  ListServiceDeployments: listServiceDeployments,
  DescribeServiceDeployments: describeServiceDeployments,
  DescribeServiceRevisions: describeServiceRevisions,
  StopServiceDeployment: stopServiceDeployment,
  ContinueServiceDeployment: continueServiceDeployment,
};
