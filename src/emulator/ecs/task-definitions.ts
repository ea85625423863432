import type { RequestContext } from '../core/context.ts';
import { isJsonObject, type JsonObject } from '../core/json.ts';
import type { JsonOperation } from '../protocols/json.ts';
import { parseEcsArn, taskDefinitionArn } from './arns.ts';
import { containerWithDefaults, requiredAttributes } from './container-defaults.ts';
import { clientException, invalidParameter } from './errors.ts';
import { maxResults, reader, stateOf } from './input.ts';
import { page } from './paging.ts';
import { compact, epoch, renderTags, wantsInclude } from './render.ts';
import type { EcsState, TaskDefinition } from './state.ts';
import { mergeTags, readTags } from './tags.ts';
import { isFargateSize, normaliseCpu, normaliseMemory } from './task-sizes.ts';

const FAMILY = /^[a-zA-Z0-9_-]{1,255}$/;
const NETWORK_MODES = ['bridge', 'host', 'awsvpc', 'none'];
const COMPATIBILITIES = ['EC2', 'FARGATE', 'EXTERNAL', 'MANAGED_INSTANCES'];
const UNABLE = 'Unable to describe task definition.';

/** The revision a `taskDefinition` reference names: family (latest ACTIVE), family:revision or ARN. */
export function findTaskDefinition(state: EcsState, reference: string): TaskDefinition | undefined {
  let familyAndRevision = reference;
  if (reference.startsWith('arn:')) {
    const parsed = parseEcsArn(reference);
    if (parsed === undefined || parsed.resourceType !== 'task-definition') return undefined;
    familyAndRevision = parsed.parts.join('/');
  }
  const [family = '', revisionText] = familyAndRevision.split(':');
  const revisions = state.families.get(family);
  if (revisions === undefined) return undefined;
  if (revisionText === undefined) {
    for (let index = revisions.length - 1; index >= 0; index -= 1) {
      const candidate = revisions[index];
      if (candidate?.body.status === 'ACTIVE') return candidate;
    }
    return undefined;
  }
  const revision = Number(revisionText);
  return Number.isInteger(revision) ? revisions[revision - 1] : undefined;
}

function validateFargate(body: JsonObject): void {
  if (body.networkMode !== 'awsvpc') throw clientException('Fargate only supports network mode ‘awsvpc’.');
  if (typeof body.cpu !== 'string')
    throw clientException("Fargate requires that 'cpu' be defined at the task level.");
  if (typeof body.memory !== 'string') {
    throw clientException("Fargate requires that 'memory' be defined at the task level.");
  }
  if (!isFargateSize(body.cpu, body.memory)) {
    throw clientException(
      `No Fargate configuration exists for given values: ${body.cpu} CPU, ${body.memory} memory. See the Amazon ECS documentation for the valid values.`,
    );
  }
}

function validateContainerMemory(body: JsonObject, containers: readonly JsonObject[]): void {
  if (typeof body.memory === 'string') return;
  for (const container of containers) {
    if (typeof container.memory !== 'number' && typeof container.memoryReservation !== 'number') {
      throw clientException(
        `Invalid setting for container '${String(container.name)}'. At least one of 'memory' or 'memoryReservation' must be specified.`,
      );
    }
  }
}

const registerTaskDefinition: JsonOperation = (raw, context) => {
  const input = reader(raw);
  const state = stateOf(context);
  const family = input.requiredString('family');
  if (!FAMILY.test(family)) {
    throw clientException(
      'Family contains invalid characters: up to 255 letters (uppercase and lowercase), numbers, hyphens, and underscores are allowed.',
    );
  }
  const networkMode = input.string('networkMode', { oneOf: NETWORK_MODES }) ?? 'bridge';
  const requires = input.stringArray('requiresCompatibilities') ?? [];
  for (const compatibility of requires) {
    if (!COMPATIBILITIES.includes(compatibility))
      throw invalidParameter(`Invalid compatibility: ${compatibility}.`);
  }
  const definitions = input.array('containerDefinitions') ?? [];
  if (definitions.length === 0) throw clientException('Container list cannot be empty.');
  if (!definitions.every(isJsonObject)) throw clientException('Container definitions must be objects.');
  const containers = definitions.map((container) => containerWithDefaults(container, networkMode));
  const names = new Set(containers.map((container) => container.name));
  if (names.size !== containers.length) throw clientException('Container names must be unique.');

  const cpu = input.string('cpu');
  const memory = input.string('memory');
  const revisions = state.families.get(family) ?? [];
  const revision = revisions.length + 1;
  const arn = taskDefinitionArn(context.region, context.accountId, family, revision);
  const body: JsonObject = compact({
    taskDefinitionArn: arn,
    containerDefinitions: containers,
    family,
    taskRoleArn: input.string('taskRoleArn'),
    executionRoleArn: input.string('executionRoleArn'),
    networkMode,
    revision,
    volumes: input.array('volumes') ?? [],
    status: 'ACTIVE',
    placementConstraints: input.array('placementConstraints') ?? [],
    requiresCompatibilities: requires.length > 0 ? requires : undefined,
    cpu: cpu === undefined ? undefined : normaliseCpu(cpu),
    memory: memory === undefined ? undefined : normaliseMemory(memory),
    pidMode: input.string('pidMode'),
    ipcMode: input.string('ipcMode'),
    proxyConfiguration: input.object('proxyConfiguration'),
    inferenceAccelerators: input.array('inferenceAccelerators'),
    ephemeralStorage: input.object('ephemeralStorage'),
    runtimePlatform: input.object('runtimePlatform'),
    enableFaultInjection: input.boolean('enableFaultInjection') ?? false,
    registeredAt: epoch(context.now()),
    registeredBy: `arn:aws:iam::${context.accountId}:root`,
  });
  if (requires.includes('FARGATE')) validateFargate(body);
  validateContainerMemory(body, containers);
  body.requiresAttributes = requiredAttributes(body, containers);
  body.compatibilities = compatibilitiesOf(body);

  const definition: TaskDefinition = {
    arn,
    family,
    revision,
    body,
    tags: mergeTags([], readTags(input.array('tags'))),
  };
  revisions.push(definition);
  state.families.set(family, revisions);
  return compact({
    taskDefinition: body,
    tags: definition.tags.length > 0 ? renderTags(definition.tags) : undefined,
  });
};

/** The launch types a definition can run on, as AWS derives them. */
function compatibilitiesOf(body: JsonObject): string[] {
  const fargate =
    body.networkMode === 'awsvpc' &&
    typeof body.cpu === 'string' &&
    typeof body.memory === 'string' &&
    isFargateSize(body.cpu, body.memory);
  return body.networkMode === 'awsvpc' ? (fargate ? ['EC2', 'FARGATE'] : ['EC2']) : ['EXTERNAL', 'EC2'];
}

export function requireTaskDefinition(context: RequestContext, reference: string): TaskDefinition {
  const definition = findTaskDefinition(stateOf(context), reference);
  if (definition === undefined) throw clientException(UNABLE);
  return definition;
}

const describeTaskDefinition: JsonOperation = (raw, context) => {
  const input = reader(raw);
  const definition = requireTaskDefinition(context, input.requiredString('taskDefinition'));
  const include = input.stringArray('include') ?? [];
  // AWS's published answers carry `tags: []` even without include TAGS; the tags themselves come only with it.
  return {
    taskDefinition: definition.body,
    tags: wantsInclude(include, 'TAGS') ? renderTags(definition.tags) : [],
  };
};

const deregisterTaskDefinition: JsonOperation = (raw, context) => {
  const input = reader(raw);
  const reference = input.requiredString('taskDefinition');
  if (!reference.includes(':'))
    throw clientException('Revision is missing from the task definition reference.');
  const definition = findTaskDefinition(stateOf(context), reference);
  if (definition === undefined) throw clientException('The specified task definition does not exist.');
  if (definition.body.status === 'ACTIVE') {
    definition.body.status = 'INACTIVE';
    definition.body.deregisteredAt = epoch(context.now());
  }
  return { taskDefinition: definition.body };
};

function statusFilter(value: string | undefined): string | undefined {
  if (value === undefined || value === 'ACTIVE') return 'ACTIVE';
  if (value === 'INACTIVE' || value === 'DELETE_IN_PROGRESS') return value;
  throw invalidParameter(`Invalid status: ${value}.`);
}

const listTaskDefinitions: JsonOperation = (raw, context) => {
  const input = reader(raw);
  const state = stateOf(context);
  const status = statusFilter(input.string('status'));
  const sort = input.string('sort', { oneOf: ['ASC', 'DESC'] }) ?? 'ASC';
  const familyPrefix = input.string('familyPrefix');
  const families =
    familyPrefix === undefined
      ? [...state.families.keys()].sort()
      : state.families.has(familyPrefix)
        ? [familyPrefix]
        : [];
  const arns: string[] = [];
  for (const family of families) {
    for (const definition of state.families.get(family) ?? []) {
      if (definition.body.status === status) arns.push(definition.arn);
    }
  }
  if (sort === 'DESC') arns.reverse();
  const result = page(arns, input.string('nextToken'), maxResults(input, 100));
  return compact({ taskDefinitionArns: result.items, nextToken: result.nextToken });
};

const listTaskDefinitionFamilies: JsonOperation = (raw, context) => {
  const input = reader(raw);
  const state = stateOf(context);
  const status = input.string('status', { oneOf: ['ACTIVE', 'INACTIVE', 'ALL'] }) ?? 'ACTIVE';
  const prefix = input.string('familyPrefix') ?? '';
  const families: string[] = [];
  for (const [family, revisions] of [...state.families].sort(([a], [b]) => a.localeCompare(b))) {
    if (!family.startsWith(prefix)) continue;
    const active = revisions.some((definition) => definition.body.status === 'ACTIVE');
    if (status === 'ALL' || (status === 'ACTIVE') === active) families.push(family);
  }
  const result = page(families, input.string('nextToken'), maxResults(input, 100));
  return compact({ families: result.items, nextToken: result.nextToken });
};

export const taskDefinitionOperations: Record<string, JsonOperation> = {
  RegisterTaskDefinition: registerTaskDefinition,
  DescribeTaskDefinition: describeTaskDefinition,
  DeregisterTaskDefinition: deregisterTaskDefinition,
  ListTaskDefinitions: listTaskDefinitions,
  ListTaskDefinitionFamilies: listTaskDefinitionFamilies,
};
