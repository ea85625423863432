import {
  ClientException,
  DeregisterTaskDefinitionCommand,
  DescribeTaskDefinitionCommand,
  ListTaskDefinitionFamiliesCommand,
  ListTaskDefinitionsCommand,
  RegisterTaskDefinitionCommand,
  type RegisterTaskDefinitionCommandInput,
  type TaskDefinition,
} from '@aws-sdk/client-ecs';
import { differentExcept, type JsonObject } from '../../diff/index.ts';
import { awsSpecOf } from '../../manifest/controls.ts';
import type { LoadedManifest } from '../../manifest/manifest.ts';
import { paged } from '../batch.ts';
import { ForeignChildrenError } from '../foreign-children.ts';
import { retainedIn } from '../ownership.ts';
import { toPlain } from '../plain.ts';
import { substituteReferences } from '../references.ts';
import { desiredTags, fromLowerTagList, type TagMap, toLowerTagList } from '../tags.ts';
import type { ObservedResource, Provider, ProviderContext } from '../types.ts';
import { putEcsTags, untagOwnership } from './listing.ts';
import {
  acceptLiveDefaults,
  normaliseTaskDefinition,
  TASK_DEFINITION_COMPARISON,
} from './task-definition-shape.ts';
import { taskDefinitionToSpec } from './task-definition-to-spec.ts';

/** Revisions of a family kept active besides the newest; older ones are deregistered. */
export const REVISIONS_KEPT = 5;

function familyOf(manifest: LoadedManifest): string {
  const family = manifest.spec.family;
  return typeof family === 'string' ? family : manifest.metadata.name;
}

export interface Described {
  readonly definition: TaskDefinition;
  readonly tags: TagMap;
}

/** The newest ACTIVE revision of a family, or undefined. */
async function describeLatest(family: string, context: ProviderContext): Promise<Described | undefined> {
  try {
    const answer = await context.aws.ecs.send(
      new DescribeTaskDefinitionCommand({ taskDefinition: family, include: ['TAGS'] }),
    );
    if (answer.taskDefinition === undefined || answer.taskDefinition.status !== 'ACTIVE') return undefined;
    const described = { definition: answer.taskDefinition, tags: fromLowerTagList(answer.tags) };
    return described;
  } catch (error) {
    if (error instanceof ClientException) return undefined;
    throw error;
  }
}

function observed(described: Described, identity: string, owned: boolean): ObservedResource {
  const { definition, tags } = described;
  return {
    identity,
    ids: {
      arn: definition.taskDefinitionArn ?? '',
      family: definition.family ?? '',
      revision: String(definition.revision ?? ''),
    },
    owned,
    retained: retainedIn(tags),
    state: { ...normaliseTaskDefinition(toPlain(definition) as JsonObject), tags },
    health: { health: 'Healthy' },
    detail: definition,
  };
}

/**
 * A described revision (DescribeTaskDefinition with its tags) as a read returns it for its manifest,
 * what AWS fills in by itself accepted: no call to AWS. `owned` comes from its tags or its family.
 */
export function observeTaskDefinition(
  described: Described,
  manifest: LoadedManifest,
  owned: boolean,
  context: ProviderContext,
): ObservedResource {
  const live = observed(described, manifest.identity, owned);
  const desired = taskDefinitionProvider.desired(manifest, context);
  const state = desired.ok ? acceptLiveDefaults(desired.state, live.state) : live.state;
  return { ...live, state };
}

async function register(
  manifest: LoadedManifest,
  desired: JsonObject,
  context: ProviderContext,
): Promise<string> {
  const { tags, ...definition } = desired;
  const input = {
    ...definition,
    tags: toLowerTagList(tags as TagMap),
  } as unknown as RegisterTaskDefinitionCommandInput;
  const answer = await context.aws.ecs.send(new RegisterTaskDefinitionCommand(input));
  const arn = answer.taskDefinition?.taskDefinitionArn ?? '';
  await deregisterOldRevisions(familyOf(manifest), manifest.identity, context);
  return arn;
}

/** Keeps the newest REVISIONS_KEPT active revisions of an owned family; deregisters the rest. */
async function deregisterOldRevisions(
  family: string,
  identity: string,
  context: ProviderContext,
): Promise<void> {
  const arns = await paged(async (nextToken) => {
    const page = await context.aws.ecs.send(
      new ListTaskDefinitionsCommand({
        familyPrefix: family,
        status: 'ACTIVE',
        sort: 'DESC',
        maxResults: 100,
        nextToken,
      }),
    );
    return { items: page.taskDefinitionArns ?? [], next: page.nextToken };
  });
  const ofFamily = arns.filter((arn) => arn.split('/').pop()?.split(':')[0] === family);
  for (const arn of ofFamily.slice(REVISIONS_KEPT)) {
    const tags = await context.aws.ecs.send(
      new DescribeTaskDefinitionCommand({ taskDefinition: arn, include: ['TAGS'] }),
    );
    if (context.ownership.identityOf(fromLowerTagList(tags.tags)) !== identity) continue;
    await context.aws.ecs.send(new DeregisterTaskDefinitionCommand({ taskDefinition: arn }));
  }
}

/**
 * A revision registered by hand in an owned family (a CI job's `register-task-definition`)
 * carries no tags: the family stays owned when one of its newer active revisions is ours.
 */
async function familyOwnedBy(family: string, identity: string, context: ProviderContext): Promise<boolean> {
  return (await familyOwner(family, context)) === identity;
}

/** The identity this instance's tags give one of the family's newest revisions after the latest, if any. */
async function familyOwner(family: string, context: ProviderContext): Promise<string | undefined> {
  const page = await context.aws.ecs.send(
    new ListTaskDefinitionsCommand({
      familyPrefix: family,
      status: 'ACTIVE',
      sort: 'DESC',
      maxResults: REVISIONS_KEPT + 1,
    }),
  );
  for (const arn of (page.taskDefinitionArns ?? []).slice(1)) {
    if (arn.split('/').pop()?.split(':')[0] !== family) continue;
    const answer = await context.aws.ecs.send(
      new DescribeTaskDefinitionCommand({ taskDefinition: arn, include: ['TAGS'] }),
    );
    const owner = context.ownership.identityOf(fromLowerTagList(answer.tags));
    if (owner !== undefined) return owner;
  }
  return undefined;
}

function ids(arn: string, family: string): Record<string, string> {
  return { arn, family, revision: arn.split(':').pop() ?? '' };
}

export const taskDefinitionProvider: Provider = {
  kind: 'TaskDefinition',
  compare: TASK_DEFINITION_COMPARISON,
  replaceOn: [],
  toSpec: taskDefinitionToSpec,

  async read({ manifests, everyOwned }, context) {
    const result = new Map<string, ObservedResource>();
    const wanted = new Map(manifests.map((manifest) => [familyOf(manifest), manifest]));
    for (const [family, manifest] of wanted) {
      const described = await describeLatest(family, context);
      if (described === undefined) continue;
      const owned =
        context.ownership.identityOf(described.tags) === manifest.identity ||
        (await familyOwnedBy(family, manifest.identity, context));
      result.set(manifest.identity, observeTaskDefinition(described, manifest, owned, context));
    }
    if (!everyOwned) return result;
    for (const family of await listFamilies(context)) {
      if (wanted.has(family)) continue;
      // A family seen before without this instance's tags is not described again until its tags expire.
      const known = context.tags.get(familyKey(family));
      if (known !== undefined && context.ownership.identityOf(known) === undefined) continue;
      const described = await describeLatest(family, context);
      if (described === undefined) continue;
      // A revision another tool registered on top of ours keeps the family ours (and its prune refused).
      const identity = context.ownership.identityOf(described.tags) ?? (await familyOwner(family, context));
      context.tags.set(
        familyKey(family),
        identity === undefined ? described.tags : context.ownership.tagsFor(identity),
      );
      if (identity?.startsWith('TaskDefinition/') === true && !result.has(identity))
        result.set(identity, observed(described, identity, true));
    }
    return result;
  },

  desired(manifest, context) {
    const spec = { ...awsSpecOf(manifest), family: familyOf(manifest) } as JsonObject;
    delete spec.tags;
    const substituted = substituteReferences(spec, manifest, context.resolver);
    if (!substituted.ok) return substituted;
    return {
      ok: true,
      state: {
        ...normaliseTaskDefinition(substituted.value),
        tags: desiredTags(manifest, context.ownership),
      },
    };
  },

  async create(manifest, desired, context) {
    return ids(await register(manifest, desired, context), familyOf(manifest));
  },

  async update(manifest, desired, live, delta, context) {
    if (differentExcept(delta, ['tags'])) {
      // Definitions are immutable: any change is a new revision (the service then rolls to it).
      await register(manifest, desired, context);
      return;
    }
    // Only tags differ: adopting marks the live revision itself as ours, rather than registering a
    // copy and leaving it unmarked (a family is deleted only when every revision is ours).
    await putEcsTags(live.ids.arn ?? '', desired.tags as TagMap, live.state.tags as TagMap, delta, context);
  },

  /** Every active revision of the family that carries this instance's tags is released. */
  async release(live, context) {
    const family = live.ids.family ?? '';
    for (const arn of await activeRevisions(family, context)) {
      const answer = await context.aws.ecs.send(
        new DescribeTaskDefinitionCommand({ taskDefinition: arn, include: ['TAGS'] }),
      );
      if (context.ownership.identityOf(fromLowerTagList(answer.tags)) === live.identity)
        await untagOwnership(arn, context);
    }
    context.tags.forget(familyKey(family));
  },

  /** Every revision of the family goes, and only when every one is this resource's own. */
  async delete(live, context) {
    const revisions = await activeRevisions(live.ids.family ?? '', context);
    const foreign: string[] = [];
    for (const arn of revisions) {
      const answer = await context.aws.ecs.send(
        new DescribeTaskDefinitionCommand({ taskDefinition: arn, include: ['TAGS'] }),
      );
      if (context.ownership.identityOf(fromLowerTagList(answer.tags)) !== live.identity)
        foreign.push(arn.split('/').pop() ?? arn);
    }
    if (foreign.length > 0)
      throw new ForeignChildrenError(live.identity, 'task definition revision(s)', foreign);
    for (const arn of revisions) {
      await context.aws.ecs.send(new DeregisterTaskDefinitionCommand({ taskDefinition: arn }));
    }
    context.tags.forget(familyKey(live.ids.family ?? ''));
    return 'deleted';
  },
};

/** The tag cache's key for what a family's newest revision said about ownership. */
function familyKey(family: string): string {
  return `ecs:task-definition-family/${family}`;
}

/** Every ACTIVE task definition family of the account (100 a page). */
function listFamilies(context: ProviderContext): Promise<string[]> {
  return paged(async (nextToken) => {
    const page = await context.aws.ecs.send(
      new ListTaskDefinitionFamiliesCommand({ status: 'ACTIVE', maxResults: 100, nextToken }),
    );
    return { items: page.families ?? [], next: page.nextToken };
  });
}

/** The ARNs of a family's ACTIVE revisions (the prefix filter matches longer family names too). */
async function activeRevisions(family: string, context: ProviderContext): Promise<string[]> {
  const arns = await paged(async (nextToken) => {
    const page = await context.aws.ecs.send(
      new ListTaskDefinitionsCommand({ familyPrefix: family, status: 'ACTIVE', maxResults: 100, nextToken }),
    );
    return { items: page.taskDefinitionArns ?? [], next: page.nextToken };
  });
  return arns.filter((arn) => arn.split('/').pop()?.split(':')[0] === family);
}
